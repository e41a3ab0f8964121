import { f } from './fields.js';
export const ACCOUNT_TIERS = ['free', 'build', 'scale', 'enterprise', 'edu', 'startup', 'research'];
/** One account as the provider's account system knows it. */
export const accountFields = {
    account_id: f.id({ doc: 'The account.' }),
    org_id: f.nullableId({ doc: 'Organisation the account belongs to.' }),
    created_at: f.timestamp({ doc: 'When the account was created.' }),
    email_domain: f.text({ doc: 'Domain of the sign-up e-mail address.', column: 'LowCardinality(String)' }),
    payment_fingerprint: f.nullableId({ doc: 'Fingerprint of the payment method (never the card number).' }),
    billing_country: f.nullableCountry({ doc: 'Billing country, ISO 3166-1 alpha-2.' }),
    tier: f.nullableEnum(ACCOUNT_TIERS, { doc: `Plan: ${ACCOUNT_TIERS.join(', ')}.` }),
    signup_ip: f.nullableIp({ doc: 'IP the account signed up from.' }),
    verified: f.nullableBool({ doc: 'Whether the account passed identity verification.' }),
};
//# sourceMappingURL=account.js.map