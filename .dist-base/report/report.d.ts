import type { HuntResult } from '../hunt/hunt.js';
export declare function reportMarkdown(result: HuntResult, opts?: {
    redact?: boolean;
}): string;
/** A self-contained HTML page (no scripts, no external assets) with the same content and charts. */
export declare function reportHtml(result: HuntResult, opts?: {
    redact?: boolean;
}): string;
export declare function writeReport(result: HuntResult, dir: string, opts?: {
    redact?: boolean;
}): {
    markdown: string;
    html: string;
};
