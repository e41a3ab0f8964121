import { type RecordOf } from './fields.js';
/**
 * One API exchange: a request and its answer. Field names are a public contract: other tools and
 * our own tests write files in exactly this shape.
 */
export declare const exchangeFields: {
    readonly request_id: import("./fields.js").FieldSpec<"id", false>;
    readonly ts: import("./fields.js").FieldSpec<"timestamp", false>;
    readonly account_id: import("./fields.js").FieldSpec<"id", false>;
    readonly org_id: import("./fields.js").FieldSpec<"id", true>;
    readonly api_key_id: import("./fields.js").FieldSpec<"id", true>;
    readonly ip: import("./fields.js").FieldSpec<"ip", false>;
    readonly user_agent: import("./fields.js").FieldSpec<"text", true>;
    readonly client_fingerprint: import("./fields.js").FieldSpec<"text", true>;
    readonly model: import("./fields.js").FieldSpec<"id", false>;
    readonly endpoint: import("./fields.js").FieldSpec<"id", false>;
    readonly status: import("./fields.js").FieldSpec<"uint", false>;
    readonly input_tokens: import("./fields.js").FieldSpec<"uint", false>;
    readonly output_tokens: import("./fields.js").FieldSpec<"uint", false>;
    readonly cache_read_tokens: import("./fields.js").FieldSpec<"uint", false>;
    readonly cache_write_tokens: import("./fields.js").FieldSpec<"uint", false>;
    readonly max_tokens: import("./fields.js").FieldSpec<"uint", true>;
    readonly n: import("./fields.js").FieldSpec<"uint", true>;
    readonly top_logprobs: import("./fields.js").FieldSpec<"uint", true>;
    readonly temperature: import("./fields.js").FieldSpec<"float", true>;
    readonly logit_bias_size: import("./fields.js").FieldSpec<"uint", false>;
    readonly reasoning_budget: import("./fields.js").FieldSpec<"uint", true>;
    readonly tool_names: import("./fields.js").FieldSpec<"text_array", false>;
    readonly conversation_id: import("./fields.js").FieldSpec<"id", true>;
    readonly turn: import("./fields.js").FieldSpec<"uint", false>;
    readonly system: import("./fields.js").FieldSpec<"text", true>;
    readonly prompt: import("./fields.js").FieldSpec<"text", true>;
    readonly response: import("./fields.js").FieldSpec<"text", true>;
    readonly latency_ms: import("./fields.js").FieldSpec<"uint", true>;
};
export type Exchange = RecordOf<typeof exchangeFields>;
