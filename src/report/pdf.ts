import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium: the brief is rendered to PDF where it is installed (never downloaded). */
export const CHROMIUM = process.env.DISTILLWATCH_CHROMIUM ?? '/usr/bin/chromium';

export const haveChromium = () => existsSync(CHROMIUM);

/**
 * Launch flags: headless, no sandbox (CI runs as root), nothing phoning home. The fresh profile directory
 * (--user-data-dir) is given the way playwright takes it: a persistent context on a new temporary directory.
 */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Headless Chromium on a fresh profile (playwright-core drives it; a development dependency, loaded only here). */
export async function launchChromium(): Promise<{ context: import('playwright-core').BrowserContext; close: () => Promise<void> }> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'dw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Renders a self-contained HTML page to PDF with headless Chromium. */
export async function renderPdf(html: string, out: string): Promise<void> {
  const { context, close } = await launchChromium();
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: out, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await close();
  }
}
