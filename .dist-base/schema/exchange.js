import { f } from './fields.js';
/**
 * One API exchange: a request and its answer. Field names are a public contract: other tools and
 * our own tests write files in exactly this shape.
 */
export const exchangeFields = {
    request_id: f.id({ doc: 'Unique id of the request; re-ingesting a request_id adds nothing.' }),
    ts: f.timestamp({ doc: 'When the request arrived: ISO-8601 UTC with milliseconds, or epoch milliseconds.' }),
    account_id: f.id({ doc: 'The account that sent it.' }),
    org_id: f.nullableId({ doc: 'Organisation of the account, if the provider has one.' }),
    api_key_id: f.nullableId({ doc: 'The API key used (an id, never the secret).' }),
    ip: f.ip({ doc: 'Client IP, IPv4 or IPv6.' }),
    user_agent: f.text({ doc: 'User-Agent header as sent.', column: 'LowCardinality(String)' }),
    client_fingerprint: f.text({ doc: 'A client fingerprint such as a JA4 TLS hash.', column: 'LowCardinality(String)' }),
    model: f.lowCardinalityId({ doc: 'Model requested.' }),
    endpoint: f.lowCardinalityId({ doc: 'API surface: messages, chat.completions, responses, batch, ...' }),
    status: f.uint({ doc: 'HTTP status returned (429 = rate limited).', min: 100, max: 599, column: 'UInt16' }),
    input_tokens: f.uint({ doc: 'Input tokens not read from the prompt cache.' }),
    output_tokens: f.uint({ doc: 'Output tokens generated.' }),
    cache_read_tokens: f.uint({ doc: 'Input tokens read from the prompt cache.' }),
    cache_write_tokens: f.uint({ doc: 'Input tokens written to the prompt cache.' }),
    max_tokens: f.nullableUint({ doc: 'Output limit the request asked for.' }),
    n: f.nullableUint({ doc: 'Number of completions asked for.', column: 'UInt16', max: 65535 }),
    top_logprobs: f.nullableUint({ doc: 'Top log-probabilities asked for per token.', column: 'UInt16', max: 65535 }),
    temperature: f.nullableFloat({ doc: 'Sampling temperature.', min: 0, max: 100 }),
    logit_bias_size: f.uint({ doc: 'Number of entries in the logit-bias map (0 when none).', whenAbsent: 'zero' }),
    reasoning_budget: f.nullableUint({ doc: 'Extended-reasoning token budget; null when reasoning is off.' }),
    tool_names: f.textArray({ doc: 'Names of the tools declared in the request (may be empty).' }),
    conversation_id: f.nullableId({ doc: 'Conversation the request belongs to.' }),
    turn: f.uint({ doc: 'Which user turn of the conversation this is (1 = first).', min: 1 }),
    system: f.text({ doc: 'System prompt.' }),
    prompt: f.text({ doc: 'The last user message.' }),
    response: f.text({ doc: 'The answer text.' }),
    latency_ms: f.nullableUint({ doc: 'Time to the complete answer, in milliseconds.' }),
};
//# sourceMappingURL=exchange.js.map