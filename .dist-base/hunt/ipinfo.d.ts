import { type HuntContext } from './context.js';
/**
 * Where client IPs come from: the AS that announces them, its country, and whether it is a hosting
 * network (cloud, VPS, datacenter) rather than an ISP. The operator supplies an IP-to-ASN table
 * (iptoasn.com's TSV: range_start, range_end, AS_number, country_code, AS_description); without one,
 * a small built-in list of well-known cloud ranges still tells datacenter traffic apart.
 */
/** Approximate ranges of the large clouds and VPS hosts: enough to tell datacenter traffic apart. */
export declare const WELL_KNOWN_CLOUD_RANGES: [cidr: string, asn: number, org: string][];
/** AS names that announce hosting networks (case-insensitive substrings). */
export declare const HOSTING_AS_WORDS: readonly ["amazon", "aws", "google", "microsoft", "azure", "digitalocean", "hetzner", "ovh", "linode", "akamai", "vultr", "oracle", "alibaba", "tencent", "huawei cloud", "cloud", "hosting", "host", "datacenter", "data center", "server", "vps", "colo", "leaseweb", "contabo", "scaleway", "choopa", "m247", "datacamp", "cdn77", "fastly", "cloudflare"];
/** Builds the per-IP table for the IPs seen in the window. */
export declare function buildIpInfo(ctx: HuntContext): Promise<void>;
