import type { Random } from './rng.js';
import { Weighted } from './rng.js';
/**
 * The simulated internet every account lives in: who announces which IPv4 ranges (residential ISPs and
 * mobile carriers per country, universities, clouds and hosting), which e-mail domains people sign up
 * with, and which client stacks send requests (User-Agent strings of real SDKs and agents, each with the
 * JA4-style TLS fingerprint of its TLS library). Benign and attack traffic draw from the same tables: an
 * attacker's residential proxy exits through the same ISPs as a chat user at home, its datacenter
 * proxies through the same clouds as an enterprise pipeline. The table is written out as ip2asn.tsv.
 */
export type NetKind = 'residential' | 'mobile' | 'datacenter' | 'university';
export interface AsnEntry {
    asn: number;
    /** AS description as iptoasn.com spells them (handle, then organisation). */
    name: string;
    country: string;
    kind: NetKind;
    prefixes: string[];
    /** Universities: the e-mail domain of their people. */
    domain?: string;
}
export interface CountryEntry {
    code: string;
    /** Standard-time offset from UTC in hours (local daily rhythms follow it). */
    utcOffset: number;
    /** Share of the benign population billed there. */
    weight: number;
    /** Consumer e-mail domains used there, with weights. */
    email: [string, number][];
}
/** Webmail that sign-up farms favour (real people use them too, less often). */
export declare const THROWAWAY_MAIL: string[];
export declare const COUNTRIES: CountryEntry[];
/** Every AS of the world. Prefixes never overlap (a test checks). */
export declare const ASNS: AsnEntry[];
export interface Cidr {
    start: number;
    size: number;
}
export declare function parseCidr(cidr: string): Cidr;
export declare const ipString: (n: number) => string;
/** An AS with its ranges parsed, ready to hand out addresses. */
export declare class Network {
    readonly entry: AsnEntry;
    private readonly ranges;
    constructor(entry: AsnEntry);
    get asn(): number;
    get country(): string;
    get kind(): NetKind;
    /** A host address in one of its ranges (never a .0 or .255). */
    address(rng: Random): string;
}
/** The world as the simulator uses it: networks by kind and country, and the operator's ip2asn table. */
export declare class World {
    readonly networks: Network[];
    readonly countries: Map<string, CountryEntry>;
    readonly countryWeights: Weighted<string>;
    private readonly byKey;
    private readonly emails;
    constructor();
    /** Networks of a kind, in a country when it has any (else anywhere). */
    networksOf(kind: NetKind, country?: string): Network[];
    network(kind: NetKind, rng: Random, country?: string): Network;
    utcOffset(country: string): number;
    consumerEmail(country: string, rng: Random): string;
    universities(): Network[];
    /** The IP-to-ASN table an operator would have, in iptoasn.com's TSV format, sorted by range start. */
    ip2asnTsv(): string;
}
/** TLS stacks, each with the JA4-style fingerprints of its common versions. */
export declare const TLS_STACKS: {
    readonly node: readonly ["t13d1712h2_5b57614c22b0_3d5424432f57", "t13d1713h2_5b57614c22b0_eca864cca44a"];
    readonly python: readonly ["t13d1812h1_85036bcba153_375ca2c5e164", "t13d1813h1_85036bcba153_ab3b6b8f4ba0"];
    readonly curl: readonly ["t13d3112h2_e8f1e7e78f70_6bebaf5329ac"];
    readonly go: readonly ["t13d1310h2_f57a46bbacb6_ab7e3b40a677"];
    readonly chrome: readonly ["t13d1516h2_8daaf6152771_e5627efa2ab1", "t13d1516h2_8daaf6152771_02713d6af862"];
    readonly firefox: readonly ["t13d1715h2_5b57614c22b0_5c2c66f702b0"];
    readonly safari: readonly ["t13d2014h2_a09f3c656075_14788d8d241b"];
    readonly okhttp: readonly ["t13d1516h2_8daaf6152771_9b887d9acb53"];
};
export type TlsStack = keyof typeof TLS_STACKS;
export declare const CLIENTS: readonly ["claude-cli", "cline", "aider", "anthropic-python", "anthropic-ts", "openai-python", "openai-node", "httpx", "requests", "curl", "go", "litellm", "browser", "mobile-app"];
export type ClientName = (typeof CLIENTS)[number];
export interface ClientStack {
    tls: TlsStack;
    /** API surfaces it calls, with weights (an account keeps one). */
    endpoints: [string, number][];
    /** User-Agent for a version index (0 = oldest in use) at time t (agents auto-update). */
    userAgent(version: number, t: number, rng: Random): string;
}
/** Which TLS stack each browser UA above runs. */
export declare const BROWSER_TLS: TlsStack[];
export declare const CLIENT_STACKS: Record<ClientName, ClientStack>;
/** The TLS stack a client runs on (browsers depend on which browser the version index names). */
export declare function clientTls(client: ClientName, version: number): TlsStack;
/** Tool lists that clients declare, by the names real products use. */
export declare const TOOL_SETS: {
    readonly 'claude-cli': readonly ["Task", "Bash", "Glob", "Grep", "LS", "Read", "Edit", "MultiEdit", "Write", "NotebookEdit", "WebFetch", "TodoWrite", "WebSearch"];
    readonly cline: readonly ["execute_command", "read_file", "write_to_file", "replace_in_file", "search_files", "list_files", "ask_followup_question", "attempt_completion"];
    readonly aider: readonly ["replace_lines", "write_file"];
    readonly app: readonly ["web_search", "code_interpreter", "image_generation"];
    readonly agent: readonly ["bash", "str_replace_based_edit_tool", "web_search", "python"];
    readonly computer: readonly ["computer", "bash", "str_replace_based_edit_tool"];
    readonly functions: readonly ["get_weather", "search_docs", "create_ticket", "lookup_order"];
};
export type ToolSet = keyof typeof TOOL_SETS;
