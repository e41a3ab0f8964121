import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
/** Rounds numbers for files people read (4 decimals), like the hunt's findings. */
export const r4 = (x) => Math.round(x * 10_000) / 10_000;
/**
 * Writes the findings contract (src/eval/contracts.ts): OUT/accounts.jsonl, one line per account in the
 * window, and OUT/campaigns.json with the detector's name, the cut-off and the parameters.
 */
export async function writeBaselineFindings(dir, f) {
    mkdirSync(dir, { recursive: true });
    const accountsFile = join(dir, 'accounts.jsonl');
    const out = createWriteStream(accountsFile);
    for (const a of f.accounts) {
        if (!out.write(JSON.stringify(a) + '\n'))
            await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const file = {
        detector: f.detector,
        generated_at: new Date().toISOString(),
        until: f.window.until,
        since: f.window.since,
        parameters: f.parameters,
        campaigns: f.campaigns ?? [],
    };
    const campaignsFile = join(dir, 'campaigns.json');
    writeFileSync(campaignsFile, JSON.stringify(file, null, 2) + '\n');
    return { accountsFile, campaignsFile };
}
//# sourceMappingURL=findings.js.map