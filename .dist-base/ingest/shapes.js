import { rawStructure } from '../schema/index.js';
export function detectFormat(path) {
    const name = path.toLowerCase().replace(/\.(gz|gzip)$/, '');
    if (/\.(jsonl|ndjson|json)$/.test(name))
        return 'jsonl';
    if (/\.(csv|tsv)$/.test(name))
        return 'csv';
    if (/\.parquet$/.test(name))
        return 'parquet';
    throw new Error(`${path}: cannot tell the format from the file name; use .jsonl, .ndjson, .json, .csv or .parquet (optionally with .gz)`);
}
/** Which JSON shape a record is in, judged from its parsed object. */
export function detectJsonShape(record) {
    if (typeof record !== 'object' || record === null || Array.isArray(record))
        return 'canonical';
    const r = record;
    const req = r.request;
    const resp = r.response;
    if (typeof req !== 'object' || req === null || typeof resp !== 'object' || resp === null)
        return 'canonical';
    const usage = (resp.usage ?? {});
    if (Array.isArray(resp.choices) || 'prompt_tokens' in usage)
        return 'openai';
    if (resp.type === 'message' || 'input_tokens' in usage || Array.isArray(resp.content))
        return 'anthropic';
    return 'canonical';
}
const jsonTupleType = (fields) => `Tuple(${rawStructure(fields)})`;
/** A JSON Lines file whose records are already in the schema's shape. */
function canonicalJson(fields) {
    return {
        format: 'LineAsString',
        structure: 'line String',
        // A JSON array would be read positionally by JSONExtract; only objects are records.
        prelude: [`JSONExtract(if(match(line, '^\\\\s*\\\\{'), line, '{}'), '${jsonTupleType(fields)}') AS j`],
        raw: (name) => `tupleElement(j, '${name}')`,
        rawRecord: 'line',
        blank: `NOT match(line, '\\\\S')`,
        notAnObject: `NOT (isValidJSON(line) AND JSONType(line) = 'Object')`,
        lineOffset: 1,
    };
}
const s = (doc, ...path) => `JSONExtract(${doc}, ${path.map((p) => (typeof p === 'number' ? String(p) : `'${p}'`)).join(', ')}, 'Nullable(String)')`;
/** Text of a chat message's content: a string, or the text parts of a list of blocks. */
const contentText = (msg) => `if(JSONType(${msg}, 'content') = 'String', JSONExtractString(${msg}, 'content'),
     arrayStringConcat(arrayMap(p -> JSONExtractString(p, 'text'),
       arrayFilter(p -> JSONExtractString(p, 'type') IN ('text', 'input_text'), JSONExtractArrayRaw(${msg}, 'content'))), '\\n'))`;
/** Fields the log envelope around a raw request/response pair may carry, under our names. */
const envelope = (name, alternatives = []) => `coalesce(${[name, ...alternatives].map((k) => s('line', k)).join(', ')})`;
const envelopeTs = envelope('ts', ['timestamp', 'created_at', 'time']);
/** An OpenAI chat.completions request/response pair logged as one JSON object. */
function openaiJson() {
    const users = `arrayFilter(m -> JSONExtractString(m, 'role') = 'user', msgs)`;
    const raw = {
        request_id: `coalesce(${s('line', 'request_id')}, ${s('resp', 'id')})`,
        ts: `coalesce(${envelopeTs}, toString(toInt64OrNull(${s('resp', 'created')}) * 1000))`,
        account_id: `coalesce(${s('line', 'account_id')}, ${s('req', 'user')})`,
        org_id: envelope('org_id'),
        api_key_id: envelope('api_key_id'),
        ip: envelope('ip', ['client_ip']),
        user_agent: envelope('user_agent'),
        client_fingerprint: envelope('client_fingerprint'),
        model: `coalesce(${s('req', 'model')}, ${s('resp', 'model')})`,
        endpoint: `coalesce(${envelope('endpoint')}, 'chat.completions')`,
        status: `coalesce(${envelope('status', ['status_code'])}, if(JSONHas(resp, 'error'), NULL, '200'))`,
        // OpenAI counts cached tokens inside prompt_tokens; the schema counts them apart.
        input_tokens: `toString(toInt64OrNull(${s('resp', 'usage', 'prompt_tokens')}) - ifNull(toInt64OrNull(${s('resp', 'usage', 'prompt_tokens_details', 'cached_tokens')}), 0))`,
        output_tokens: s('resp', 'usage', 'completion_tokens'),
        cache_read_tokens: `coalesce(${s('resp', 'usage', 'prompt_tokens_details', 'cached_tokens')}, '0')`,
        cache_write_tokens: `'0'`,
        max_tokens: `coalesce(${s('req', 'max_completion_tokens')}, ${s('req', 'max_tokens')})`,
        n: s('req', 'n'),
        top_logprobs: `coalesce(${s('req', 'top_logprobs')}, if(JSONExtractBool(req, 'logprobs'), '0', NULL))`,
        temperature: s('req', 'temperature'),
        logit_bias_size: `toString(length(JSONExtractKeys(req, 'logit_bias')))`,
        // Reasoning models take an effort, not a budget; these are the nominal budgets of each effort.
        reasoning_budget: `transform(coalesce(${s('req', 'reasoning_effort')}, ${s('req', 'reasoning', 'effort')}), ['minimal', 'low', 'medium', 'high'], ['1024', '4096', '16384', '32768'], NULL)`,
        tool_names: `toJSONString(arrayMap(t -> JSONExtractString(t, 'function', 'name'), JSONExtractArrayRaw(req, 'tools')))`,
        conversation_id: `coalesce(${envelope('conversation_id')}, ${s('req', 'metadata', 'conversation_id')})`,
        turn: `toString(greatest(1, length(${users})))`,
        system: `nullIf(arrayStringConcat(arrayMap(m -> ${contentText('m')}, arrayFilter(m -> JSONExtractString(m, 'role') IN ('system', 'developer'), msgs)), '\\n'), '')`,
        prompt: `if(empty(${users}), NULL, ${contentText(`arrayElement(${users}, -1)`)})`,
        response: s('resp', 'choices', 1, 'message', 'content'),
        latency_ms: envelope('latency_ms'),
    };
    return rawPairShape(raw);
}
/** An Anthropic messages request/response pair logged as one JSON object. */
function anthropicJson() {
    // Turns that only carry tool results are the agent loop, not the user speaking.
    const users = `arrayFilter(m -> JSONExtractString(m, 'role') = 'user' AND (JSONType(m, 'content') = 'String' OR arrayExists(p -> JSONExtractString(p, 'type') = 'text', JSONExtractArrayRaw(m, 'content'))), msgs)`;
    const raw = {
        request_id: `coalesce(${s('line', 'request_id')}, ${s('resp', 'id')})`,
        ts: envelopeTs,
        account_id: `coalesce(${s('line', 'account_id')}, ${s('req', 'metadata', 'user_id')})`,
        org_id: envelope('org_id'),
        api_key_id: envelope('api_key_id'),
        ip: envelope('ip', ['client_ip']),
        user_agent: envelope('user_agent'),
        client_fingerprint: envelope('client_fingerprint'),
        model: `coalesce(${s('req', 'model')}, ${s('resp', 'model')})`,
        endpoint: `coalesce(${envelope('endpoint')}, 'messages')`,
        status: `coalesce(${envelope('status', ['status_code'])}, if(JSONExtractString(resp, 'type') = 'error', NULL, '200'))`,
        input_tokens: s('resp', 'usage', 'input_tokens'),
        output_tokens: s('resp', 'usage', 'output_tokens'),
        cache_read_tokens: `coalesce(${s('resp', 'usage', 'cache_read_input_tokens')}, '0')`,
        cache_write_tokens: `coalesce(${s('resp', 'usage', 'cache_creation_input_tokens')}, '0')`,
        max_tokens: s('req', 'max_tokens'),
        n: 'NULL',
        top_logprobs: 'NULL',
        temperature: s('req', 'temperature'),
        logit_bias_size: `'0'`,
        reasoning_budget: `if(JSONExtractString(req, 'thinking', 'type') = 'enabled', ${s('req', 'thinking', 'budget_tokens')}, NULL)`,
        tool_names: `toJSONString(arrayMap(t -> JSONExtractString(t, 'name'), JSONExtractArrayRaw(req, 'tools')))`,
        conversation_id: `coalesce(${envelope('conversation_id')}, ${s('req', 'metadata', 'conversation_id')})`,
        turn: `toString(greatest(1, length(${users})))`,
        system: `if(JSONType(req, 'system') = 'String', JSONExtractString(req, 'system'),
      nullIf(arrayStringConcat(arrayMap(p -> JSONExtractString(p, 'text'), JSONExtractArrayRaw(req, 'system')), '\\n'), ''))`,
        prompt: `if(empty(${users}), NULL, ${contentText(`arrayElement(${users}, -1)`)})`,
        response: `nullIf(arrayStringConcat(arrayMap(p -> JSONExtractString(p, 'text'), arrayFilter(p -> JSONExtractString(p, 'type') = 'text', JSONExtractArrayRaw(resp, 'content'))), ''), '')`,
        latency_ms: envelope('latency_ms'),
    };
    return rawPairShape(raw);
}
function rawPairShape(raw) {
    return {
        format: 'LineAsString',
        structure: 'line String',
        prelude: [
            `JSONExtractRaw(line, 'request') AS req`,
            `JSONExtractRaw(line, 'response') AS resp`,
            `JSONExtractArrayRaw(req, 'messages') AS msgs`,
        ],
        raw: (name) => {
            const expr = raw[name];
            if (expr === undefined)
                throw new Error(`no mapping for field ${name}`);
            return `CAST(${expr}, 'Nullable(String)')`;
        },
        rawRecord: 'line',
        blank: `NOT match(line, '\\\\S')`,
        notAnObject: `NOT (isValidJSON(line) AND JSONType(line) = 'Object')`,
        lineOffset: 1,
    };
}
/** A CSV file with a header row naming the schema's fields (any order; unknown columns are ignored). */
function csv(fields) {
    const names = Object.keys(fields);
    return {
        format: 'CSVWithNames',
        structure: rawStructure(fields),
        settings: {
            input_format_skip_unknown_fields: 1,
            // A short row reads its missing fields as absent, which validation then names.
            input_format_csv_allow_variable_number_of_columns: 1,
            input_format_csv_empty_as_default: 1,
        },
        prelude: [],
        raw: (name) => name,
        rawRecord: `toJSONString(CAST(tuple(${names.join(', ')}), '${jsonTupleType(fields)}'))`,
        blank: '0',
        lineOffset: 2,
    };
}
/**
 * A Parquet file: each row is rendered as a JSON object by the engine and then read like JSON Lines,
 * so typed Parquet columns (integers, timestamps, lists) meet the same validation as text.
 */
function parquet(fields) {
    const json = canonicalJson(fields);
    return {
        ...json,
        format: 'Parquet',
        structure: 'auto',
        prelude: [`formatRowNoNewline('JSONEachRow', *) AS line`, ...json.prelude],
        blank: '0',
    };
}
export function shapeSql(fields, format, shape) {
    if (format === 'csv')
        return csv(fields);
    if (format === 'parquet')
        return parquet(fields);
    if (shape === 'openai')
        return openaiJson();
    if (shape === 'anthropic')
        return anthropicJson();
    return canonicalJson(fields);
}
//# sourceMappingURL=shapes.js.map