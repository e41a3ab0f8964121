import { resolve } from 'node:path';
import { DEFAULT_HUNT_CONFIG } from '../hunt/context.js';
import { writeFindings } from '../hunt/findings.js';
import { hunt } from '../hunt/hunt.js';
import { summarise } from './baseline.js';
/**
 * Our own hunt with cross-account linking turned off: every signal scored against the population as
 * usual, but each account judged alone (no linking keys, no clusters, no campaign sweep). Scored side by
 * side with the full hunt, it shows what linking adds. The hunt owns the logic (`hunt(..., { linking:
 * false })`); this only runs it and writes its findings under the baseline's name.
 */
const P = {
    asnDb: { key: 'asnDb', flag: 'asn-db', kind: 'path', default: null, description: 'IP-to-ASN table, as for `distillwatch hunt --asn-db`' },
};
export const signalsNoLinkingBaseline = {
    name: 'signals-no-linking',
    detector: 'baseline-signals-no-linking',
    summary: 'the hunt\'s own signals with cross-account linking turned off: every account judged alone',
    description: 'Runs `distillwatch hunt` with linking off: the same signals, calibrated on the same population, but no linking ' +
        'keys, clusters or campaign sweep, so an account is flagged only on its own evidence. Compare with the hunt to ' +
        'see what linking adds. Takes --asn-db like the hunt.',
    params: Object.values(P),
    async run(ctx, params) {
        const asnDb = params[P.asnDb.key];
        const config = {
            ...DEFAULT_HUNT_CONFIG,
            since: ctx.window.since,
            until: ctx.window.until,
            asnFile: typeof asnDb === 'string' ? resolve(asnDb) : null,
        };
        const result = await hunt(ctx.wh, config, { linking: false, onStep: (step, fraction) => ctx.onStep?.(step, fraction) });
        await writeFindings(result, ctx.out, { detector: signalsNoLinkingBaseline.detector });
        return summarise(signalsNoLinkingBaseline, ctx, params, result.accounts, result.accounts.length);
    },
};
//# sourceMappingURL=signals-no-linking.js.map