/**
 * Tool descriptions as agents and apps put them in prompts: the same tools rendered in a few styles
 * (JSON schema, TypeScript-like signatures, a bullet list). Blocks are rendered once at load time.
 */
import { SeededRng } from './rng.js';
export const TOOLS = [
    { name: 'search_web', description: 'Search the web and return the top results with titles, URLs and snippets.', params: { query: 'string', max_results: 'integer' } },
    { name: 'fetch_url', description: 'Download a web page and return its readable text.', params: { url: 'string' } },
    { name: 'read_file', description: 'Read a file from the workspace. Returns the content with line numbers.', params: { path: 'string', offset: 'integer', limit: 'integer' } },
    { name: 'write_file', description: 'Create or overwrite a file in the workspace.', params: { path: 'string', content: 'string' } },
    { name: 'edit_file', description: 'Replace an exact string in a file with a new string. Fails if the old string is not unique.', params: { path: 'string', old_string: 'string', new_string: 'string' } },
    { name: 'run_shell', description: 'Run a shell command in the sandbox and return stdout, stderr and the exit code.', params: { command: 'string', timeout_s: 'integer' } },
    { name: 'run_tests', description: 'Run the project test suite, or a subset matching a pattern.', params: { pattern: 'string' } },
    { name: 'sql_query', description: 'Run a read-only SQL query against the analytics warehouse.', params: { sql: 'string' } },
    { name: 'send_email', description: 'Send an email on behalf of the user.', params: { to: 'string', subject: 'string', body: 'string' } },
    { name: 'create_calendar_event', description: 'Create an event in the user calendar.', params: { title: 'string', start: 'ISO-8601 datetime', duration_min: 'integer', attendees: 'string[]' } },
    { name: 'get_weather', description: 'Current weather and a 5-day forecast for a place.', params: { location: 'string', units: '"metric" | "imperial"' } },
    { name: 'search_flights', description: 'Search flights between two airports on a date.', params: { origin: 'IATA code', destination: 'IATA code', date: 'YYYY-MM-DD' } },
    { name: 'create_ticket', description: 'Open a ticket in the issue tracker.', params: { title: 'string', body: 'string', priority: '"low" | "medium" | "high"' } },
    { name: 'spreadsheet_append', description: 'Append rows to a spreadsheet.', params: { sheet_id: 'string', rows: 'array of arrays' } },
    { name: 'python', description: 'Execute Python code in a stateful notebook and return the output.', params: { code: 'string' } },
    { name: 'browser_click', description: 'Click the element matching a CSS selector in the open browser tab.', params: { selector: 'string' } },
    { name: 'browser_type', description: 'Type text into the focused element of the open browser tab.', params: { text: 'string', submit: 'boolean' } },
    { name: 'screenshot', description: 'Capture the current screen and return it as an image.', params: {} },
    { name: 'git', description: 'Run a git subcommand in the repository (no push).', params: { args: 'string' } },
    { name: 'http_request', description: 'Send an HTTP request to an internal API.', params: { method: 'string', url: 'string', body: 'object' } },
    { name: 'lookup_customer', description: 'Look up a customer record by email or id.', params: { query: 'string' } },
    { name: 'translate', description: 'Translate text into a target language.', params: { text: 'string', target: 'language code' } },
];
const jsonType = (t) => (t === 'integer' || t === 'boolean' || t === 'object' || t === 'string' ? t : 'string');
function renderJson(tools) {
    return JSON.stringify(tools.map((t) => ({
        name: t.name,
        description: t.description,
        parameters: {
            type: 'object',
            properties: Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, { type: jsonType(v), description: v }])),
            required: Object.keys(t.params).slice(0, 1),
        },
    })), null, 2);
}
const renderSignatures = (tools) => tools.map((t) => `// ${t.description}\n${t.name}(${Object.entries(t.params).map(([k, v]) => `${k}: ${v}`).join(', ')})`).join('\n\n');
const renderBullets = (tools) => tools.map((t) => `- ${t.name}: ${t.description} Arguments: ${Object.keys(t.params).join(', ') || 'none'}.`).join('\n');
const renderXml = (tools) => tools.map((t) => `<tool name="${t.name}">\n  <description>${t.description}</description>\n${Object.entries(t.params).map(([k, v]) => `  <param name="${k}" type="${v}"/>`).join('\n')}\n</tool>`).join('\n');
const RENDERERS = [renderJson, renderSignatures, renderBullets, renderXml];
/** Picks n tools (distinct) with a seeded rng, always including `must` when given. */
export function toolSubset(seed, n, must = []) {
    const rng = new SeededRng(seed);
    const chosen = TOOLS.filter((t) => must.includes(t.name));
    const rest = TOOLS.filter((t) => !must.includes(t.name));
    while (chosen.length < n && rest.length > 0)
        chosen.push(rest.splice(rng.int(rest.length), 1)[0]);
    return chosen;
}
export const renderTools = (tools, style) => RENDERERS[style % RENDERERS.length](tools);
/** Pre-rendered tool blocks: different subsets in different styles (pick one per template). */
export const TOOL_BLOCKS = Array.from({ length: 24 }, (_, i) => renderTools(toolSubset(1000 + i, 3 + (i % 5)), i));
//# sourceMappingURL=tools.js.map