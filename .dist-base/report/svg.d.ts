/** Small inline SVG charts for self-contained reports: no scripts, no external assets. */
export declare const escapeHtml: (s: string) => string;
export interface Datum {
    label: string;
    value: number;
}
/** Vertical bars over a sequence (e.g. days), labelling every k-th bar so labels never collide. */
export declare function columnChart(data: Datum[], o: {
    title: string;
    width: number;
    height: number;
}): string;
/** Horizontal bars with their labels, for a handful of categories. */
export declare function barChart(data: Datum[], o: {
    title: string;
    width: number;
    unit?: string;
}): string;
