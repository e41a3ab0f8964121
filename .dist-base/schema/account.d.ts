import { type RecordOf } from './fields.js';
export declare const ACCOUNT_TIERS: readonly ["free", "build", "scale", "enterprise", "edu", "startup", "research"];
export type AccountTier = (typeof ACCOUNT_TIERS)[number];
/** One account as the provider's account system knows it. */
export declare const accountFields: {
    readonly account_id: import("./fields.js").FieldSpec<"id", false>;
    readonly org_id: import("./fields.js").FieldSpec<"id", true>;
    readonly created_at: import("./fields.js").FieldSpec<"timestamp", false>;
    readonly email_domain: import("./fields.js").FieldSpec<"text", true>;
    readonly payment_fingerprint: import("./fields.js").FieldSpec<"id", true>;
    readonly billing_country: import("./fields.js").FieldSpec<"country", true>;
    readonly tier: import("./fields.js").FieldSpec<"enum", true>;
    readonly signup_ip: import("./fields.js").FieldSpec<"ip", true>;
    readonly verified: import("./fields.js").FieldSpec<"bool", true>;
};
export type Account = RecordOf<typeof accountFields>;
