/** The summary of a run from the account lines it wrote. */
export function summarise(b, ctx, params, accounts, judged) {
    const reasons = {};
    let flagged = 0;
    for (const a of accounts) {
        if (!a.flagged)
            continue;
        flagged++;
        for (const r of a.reasons)
            reasons[r] = (reasons[r] ?? 0) + 1;
    }
    return {
        baseline: b.name,
        detector: b.detector,
        out: ctx.out,
        since: ctx.window.since,
        until: ctx.window.until,
        accounts: accounts.length,
        judged,
        flagged,
        reasons,
        parameters: params,
    };
}
/** A numeric parameter, checked against its declaration (the CLI validates too; this guards library use). */
export function numberParam(params, p) {
    const v = params[p.key] ?? p.default;
    if (typeof v !== 'number' || !Number.isFinite(v))
        throw new Error(`--${p.flag}: expected a number, got ${String(v)}`);
    if (p.kind === 'integer' && !Number.isInteger(v))
        throw new Error(`--${p.flag} ${v}: expected an integer`);
    if (p.min !== undefined && v < p.min)
        throw new Error(`--${p.flag} ${v}: must be at least ${p.min}`);
    if (p.max !== undefined && v > p.max)
        throw new Error(`--${p.flag} ${v}: must be at most ${p.max}`);
    return v;
}
/** Fills in defaults and checks every parameter of a baseline. */
export function resolveParams(b, given) {
    const out = {};
    for (const p of b.params) {
        if (p.kind === 'path') {
            const v = given[p.key] ?? null;
            if (v !== null && typeof v !== 'string')
                throw new Error(`--${p.flag}: expected a file path`);
            out[p.key] = v;
        }
        else
            out[p.key] = numberParam(given, p);
    }
    return out;
}
//# sourceMappingURL=baseline.js.map