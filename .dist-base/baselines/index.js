import { resolveParams } from './baseline.js';
import { iforestBaseline } from './iforest.js';
import { pradaBaseline } from './prada.js';
import { rulesBaseline } from './rules.js';
import { signalsNoLinkingBaseline } from './signals-no-linking.js';
export { resolveParams } from './baseline.js';
/** Every baseline, in the order `distillwatch baseline --help` lists them. */
export const BASELINES = [rulesBaseline, pradaBaseline, iforestBaseline, signalsNoLinkingBaseline];
export function findBaseline(name) {
    const b = BASELINES.find((x) => x.name === name);
    if (!b)
        throw new Error(`no baseline named "${name}"; choose one of: ${BASELINES.map((x) => x.name).join(', ')}`);
    return b;
}
/** Runs one baseline over the window with its parameters (defaults filled in, all checked), writing its findings. */
export async function runBaseline(b, ctx, given = {}) {
    return b.run(ctx, resolveParams(b, given));
}
//# sourceMappingURL=index.js.map