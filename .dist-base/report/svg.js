/** Small inline SVG charts for self-contained reports: no scripts, no external assets. */
export const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toFixed(1)).toString());
/** Vertical bars over a sequence (e.g. days), labelling every k-th bar so labels never collide. */
export function columnChart(data, o) {
    const pad = { l: 48, r: 8, t: 22, b: 28 };
    const w = o.width - pad.l - pad.r;
    const h = o.height - pad.t - pad.b;
    const max = Math.max(1, ...data.map((d) => d.value));
    const bw = data.length ? w / data.length : w;
    const every = Math.max(1, Math.ceil(data.length / Math.floor(w / 42)));
    const bars = data
        .map((d, i) => {
        const bh = (d.value / max) * h;
        const x = pad.l + i * bw;
        const label = i % every === 0 ? `<text x="${x + bw / 2}" y="${o.height - 10}" text-anchor="middle">${escapeHtml(d.label)}</text>` : '';
        return `<rect x="${x.toFixed(1)}" y="${(pad.t + h - bh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="#0969da"><title>${escapeHtml(d.label)}: ${fmt(d.value)}</title></rect>${label}`;
    })
        .join('');
    return `<svg width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}" role="img" aria-label="${escapeHtml(o.title)}">
<text x="${pad.l}" y="14" font-weight="600">${escapeHtml(o.title)}</text>
<text x="${pad.l - 4}" y="${pad.t + 8}" text-anchor="end">${fmt(max)}</text><text x="${pad.l - 4}" y="${pad.t + h}" text-anchor="end">0</text>
<line x1="${pad.l}" y1="${pad.t + h}" x2="${pad.l + w}" y2="${pad.t + h}" stroke="#8c959f"/>${bars}</svg>`;
}
/** Horizontal bars with their labels, for a handful of categories. */
export function barChart(data, o) {
    const row = 18;
    const pad = { l: 150, r: 60, t: 24 };
    const height = pad.t + data.length * row + 8;
    const w = o.width - pad.l - pad.r;
    const max = Math.max(1e-9, ...data.map((d) => d.value));
    const bars = data
        .map((d, i) => {
        const y = pad.t + i * row;
        const bw = (d.value / max) * w;
        return `<text x="${pad.l - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(d.label)}</text><rect x="${pad.l}" y="${y + 2}" width="${bw.toFixed(1)}" height="${row - 5}" fill="#1a7f37"/><text x="${pad.l + bw + 4}" y="${y + 12}">${fmt(d.value)}${o.unit ?? ''}</text>`;
    })
        .join('');
    return `<svg width="${o.width}" height="${height}" viewBox="0 0 ${o.width} ${height}" role="img" aria-label="${escapeHtml(o.title)}">
<text x="8" y="14" font-weight="600">${escapeHtml(o.title)}</text>${bars}</svg>`;
}
//# sourceMappingURL=svg.js.map