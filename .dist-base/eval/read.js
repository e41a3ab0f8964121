import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { LineCounter, parseDocument } from 'yaml';
/** Malformed or missing findings or truth: the message names the file, and the line and field when there is one. */
export class EvalInputError extends Error {
}
/** How a zod issue reads in an error message: `field: what is wrong`. */
export function describeIssue(issue) {
    const field = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
        .join('');
    const what = issue.code === 'invalid_type' && /received undefined$/.test(issue.message) ? 'is missing' : issue.message;
    return field === '' ? what : `${field}: ${what}`;
}
function checkFile(path) {
    if (!existsSync(path))
        throw new EvalInputError(`${path}: no such file`);
    if (statSync(path).isDirectory())
        throw new EvalInputError(`${path}: is a directory, not a file`);
}
/** The first of `names` that exists in `dir`, or undefined. */
export function firstExisting(dir, names) {
    return names.map((n) => join(dir, n)).find((p) => existsSync(p));
}
/**
 * Each record of a (possibly gzipped) JSON Lines file, validated by `schema`, with its 1-based line number.
 * Streamed: the labels and findings of a large world (~600k accounts) never sit in memory as text.
 * Blank lines are skipped; anything else that is not a valid record stops the read with file:line.
 */
export async function* readJsonLines(path, schema, hooks = {}) {
    checkFile(path);
    const size = statSync(path).size || 1;
    const raw = createReadStream(path);
    let bytes = 0;
    raw.on('data', (chunk) => {
        bytes += chunk.length;
        hooks.onProgress?.(Math.min(1, bytes / size));
    });
    const gzipped = /\.gz$/i.test(path);
    const input = gzipped ? raw.pipe(createGunzip()) : raw;
    // readline re-emits the input's errors (a corrupt gzip) to the loop below.
    const lines = createInterface({ input, crlfDelay: Infinity });
    let line = 0;
    try {
        for await (const text of lines) {
            line++;
            if (text.trim() === '')
                continue;
            let value;
            try {
                value = JSON.parse(text);
            }
            catch (e) {
                throw new EvalInputError(`${path}:${line}: not valid JSON (${e.message})`);
            }
            const parsed = schema.safeParse(value);
            if (!parsed.success)
                throw new EvalInputError(`${path}:${line}: ${describeIssue(parsed.error.issues[0])}`);
            yield { line, record: parsed.data };
        }
    }
    catch (e) {
        if (e instanceof EvalInputError)
            throw e;
        throw new EvalInputError(`${path}: cannot be read as ${gzipped ? 'gzip' : 'text'} (${e.message})`);
    }
    finally {
        lines.close();
        raw.destroy();
    }
}
/** The 1-based line of a JSON document where the value at `path` starts (via the yaml parser's source ranges). */
function lineOfPath(text, path) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    // The deepest node on the path that exists: a missing field is reported where its object starts.
    for (let depth = path.length; depth >= 0; depth--) {
        const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
        const range = node?.range;
        if (range)
            return lineCounter.linePos(range[0]).line;
    }
    return undefined;
}
/** A JSON document validated by `schema`; errors name the file, the line and the field. */
export function readJsonFile(path, schema) {
    checkFile(path);
    const text = readFileSync(path, 'utf8');
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        const msg = e.message;
        const pos = /at position (\d+)/.exec(msg);
        const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
        throw new EvalInputError(`${path}${line ? `:${line}` : ''}: not valid JSON (${msg})`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const line = lineOfPath(text, issue.path);
        throw new EvalInputError(`${path}${line ? `:${line}` : ''}: ${describeIssue(issue)}`);
    }
    return parsed.data;
}
/** Milliseconds since the epoch of an ISO-8601 time, or a clear error naming where it came from. */
export function parseTime(value, where) {
    const ms = Date.parse(value);
    if (!Number.isFinite(ms))
        throw new EvalInputError(`${where}: "${value}" is not an ISO-8601 time`);
    return ms;
}
/** A findings directory holds accounts.jsonl (campaigns.json alone would not tell it from a truth directory). */
export function isFindingsDir(dir) {
    return firstExisting(dir, ['accounts.jsonl', 'accounts.jsonl.gz']) !== undefined;
}
/**
 * The findings directories a `--timeline` argument stands for: the directory itself when it holds findings,
 * otherwise each of its subdirectories that does (a parent of daily hunts, say), in name order.
 */
export function expandFindingsDirs(dir) {
    if (!existsSync(dir))
        throw new EvalInputError(`${dir}: no such directory`);
    if (!statSync(dir).isDirectory())
        throw new EvalInputError(`${dir}: is not a directory`);
    if (isFindingsDir(dir))
        return [dir];
    const subdirs = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => join(dir, d.name))
        .filter(isFindingsDir)
        .sort();
    if (subdirs.length === 0) {
        throw new EvalInputError(`${dir}: holds no findings (accounts.jsonl), nor do its subdirectories`);
    }
    return subdirs;
}
export const dirName = (dir) => basename(dir.replace(/[\\/]+$/, '')) || dir;
//# sourceMappingURL=read.js.map