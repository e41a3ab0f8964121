import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type ChainLink } from '../src/report/chain.js';
import { haveChromium, launchChromium } from '../src/report/pdf.js';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { runCli, tempDir } from './helpers.js';

/**
 * The brief for officials on the seed-2026 campaign in miniature: rendered in headless Chromium and checked
 * as a page (title, the numbers on screen, the timeline drawn with a size and pixels), every annex figure
 * reproduced by running its SQL, and the hash chain catching a changed findings file.
 */

const tmp = tempDir('dw-brief-');
const demo = join(tmp.dir, 'demo');
const out = join(tmp.dir, 'brief');
type Figure = { id: string; label: string; value: string; sql: string; params: Record<string, unknown> };
let annex: { figures: Figure[]; chain: { links: ChainLink[]; head: string } };
let cli: { pdf: string | null };

beforeAll(async () => {
  const d = await runCli(['demo', '--scale', '0.002', '--seed', '5', '--out', demo, '--json']);
  expect(d.code, d.stderr).toBe(0);
  const r = await runCli(['report', 'brief', '--data', join(demo, 'warehouse'), '--findings', join(demo, 'findings'), '--campaign', 'C001', '--asn-db', join(demo, 'world', 'ip2asn.tsv'), '--out', out, '--producer', 'Lab A', '--json']);
  expect(r.code, r.stderr).toBe(0);
  cli = JSON.parse(r.stdout);
  annex = JSON.parse(readFileSync(join(out, 'annex.json'), 'utf8'));
}, 240_000);
afterAll(() => tmp.cleanup());

const figure = (id: string) => annex.figures.find((f) => f.id === id)!;

describe('report brief: the evidence annex', () => {
  it('reproduces every figure by running its SQL, and counts the campaign\'s own accounts from the findings', async () => {
    const campaign = (JSON.parse(readFileSync(join(demo, 'findings', 'campaigns.json'), 'utf8')) as { campaigns: { accounts: string[] }[] }).campaigns[0]!;
    const relays = readFileSync(join(demo, 'findings', 'accounts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { campaign_id: string | null; reasons: string[] })
      .filter((a) => a.campaign_id === 'C001' && ['campaign_traffic', 'shared_stream'].includes(a.reasons[0]!)).length;
    expect(figure('accounts').value).toBe(String(campaign.accounts.length - relays));
    expect(figure('relays').value).toBe(String(relays));
    for (const id of ['exchanges', 'period', 'active_days', 'daily', 'capabilities', 'models', 'network', 'countries', 'asns', 'accounts_profile']) expect(figure(id), id).toBeDefined();
    const w = await openWarehouse({ data: join(demo, 'warehouse') });
    try {
      for (const f of annex.figures) {
        const rows = await w.query<Record<string, unknown>>(f.sql, f.params);
        expect(rows.length, f.id).toBeGreaterThan(0);
      }
      const [x] = await w.query<{ n: string }>(figure('exchanges').sql, figure('exchanges').params);
      expect(Number(x!.n).toLocaleString('en-US')).toBe(figure('exchanges').value);
    } finally {
      await w.close();
    }
  });

  it('chains the hashes of the findings files: unchanged files verify, a changed byte names its file', () => {
    expect(annex.chain.links.map((l) => l.file)).toEqual(['accounts.jsonl', 'campaigns.json', 'report.html', 'report.md']);
    expect(verifyChain(join(demo, 'findings'), annex.chain)).toEqual({ ok: true, problems: [] });
    const path = join(demo, 'findings', 'report.md');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('campaign', 'Campaign'));
    const v = verifyChain(join(demo, 'findings'), annex.chain);
    writeFileSync(path, text);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/^report\.md: changed/);
  });
});

describe.skipIf(!haveChromium())('report brief: rendered in headless Chromium', () => {
  it('shows the title, the numbers and a drawn timeline, and prints to PDF', async () => {
    expect(cli.pdf).toBe(join(out, 'brief.pdf'));
    expect(readFileSync(cli.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    const { context, close } = await launchChromium();
    try {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1000, height: 1200 });
      // Self-contained: nothing but the file itself may load.
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(out, 'brief.html')).href, { waitUntil: 'load' });
      expect(requests).toEqual([pathToFileURL(join(out, 'brief.html')).href]);
      expect(await page.title()).toBe('Briefing: adversarial distillation campaign C001');
      expect(await page.locator('#tile-accounts .num').innerText()).toBe(figure('accounts').value);
      const body = await page.locator('body').innerText();
      for (const id of ['exchanges', 'active_days']) expect(body).toContain(figure(id).value);
      expect(body).toContain(figure('period').value.slice(0, 10));
      // Everything fits the page's width (an annex wider than the page is cut off in print).
      const [scroll, client] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
      expect(scroll).toBeLessThanOrEqual(client);
      const chart = page.locator('#timeline svg');
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
      expect(await chart.locator('rect').count()).toBe(Number(figure('active_days').value));
      // The screenshot of the chart has its bars' colour on a good part of it (not a blank box).
      const png = (await chart.screenshot()).toString('base64');
      const probe = await context.newPage();
      // (Run in the page, as text: the test is compiled without the DOM's types.)
      const share = (await probe.evaluate(`(async () => {
        const img = new Image();
        img.src = 'data:image/png;base64,${png}';
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const g = canvas.getContext('2d');
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, img.width, img.height).data;
        let blue = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i + 2] > 150 && px[i] < 80) blue += 1;
        return blue / (px.length / 4);
      })()`)) as number;
      expect(share).toBeGreaterThan(0.1);
    } finally {
      await close();
    }
  });
});
