import { FEATURES_TABLE } from '../ingest/features.js';
import { existsSync } from 'node:fs';
import { T, type HuntContext } from './context.js';

/**
 * Where client IPs come from: the AS that announces them, its country, and whether it is a hosting
 * network (cloud, VPS, datacenter) rather than an ISP. The operator supplies an IP-to-ASN table
 * (iptoasn.com's TSV: range_start, range_end, AS_number, country_code, AS_description); without one,
 * a small built-in list of well-known cloud ranges still tells datacenter traffic apart.
 */

/** Approximate ranges of the large clouds and VPS hosts: enough to tell datacenter traffic apart. */
export const WELL_KNOWN_CLOUD_RANGES: [cidr: string, asn: number, org: string][] = [
  ['3.0.0.0/9', 16509, 'AMAZON-02'], ['13.32.0.0/15', 16509, 'AMAZON-02'], ['18.128.0.0/9', 16509, 'AMAZON-02'],
  ['34.192.0.0/10', 14618, 'AMAZON-AES'], ['52.0.0.0/10', 16509, 'AMAZON-02'], ['54.64.0.0/11', 16509, 'AMAZON-02'],
  ['54.144.0.0/12', 14618, 'AMAZON-AES'], ['34.64.0.0/10', 396982, 'GOOGLE-CLOUD-PLATFORM'],
  ['35.184.0.0/13', 396982, 'GOOGLE-CLOUD-PLATFORM'], ['104.154.0.0/15', 396982, 'GOOGLE-CLOUD-PLATFORM'],
  ['130.211.0.0/16', 15169, 'GOOGLE'], ['13.64.0.0/11', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  ['20.32.0.0/11', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'], ['40.64.0.0/10', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'],
  ['52.224.0.0/11', 8075, 'MICROSOFT-CORP-MSN-AS-BLOCK'], ['104.131.0.0/16', 14061, 'DIGITALOCEAN-ASN'],
  ['138.68.0.0/16', 14061, 'DIGITALOCEAN-ASN'], ['159.203.0.0/16', 14061, 'DIGITALOCEAN-ASN'],
  ['167.99.0.0/16', 14061, 'DIGITALOCEAN-ASN'], ['178.62.0.0/16', 14061, 'DIGITALOCEAN-ASN'],
  ['188.166.0.0/16', 14061, 'DIGITALOCEAN-ASN'], ['206.189.0.0/16', 14061, 'DIGITALOCEAN-ASN'],
  ['5.9.0.0/16', 24940, 'HETZNER-AS'], ['78.46.0.0/15', 24940, 'HETZNER-AS'], ['88.198.0.0/16', 24940, 'HETZNER-AS'],
  ['95.216.0.0/16', 24940, 'HETZNER-AS'], ['116.202.0.0/16', 24940, 'HETZNER-AS'], ['135.181.0.0/16', 24940, 'HETZNER-AS'],
  ['65.108.0.0/15', 24940, 'HETZNER-AS'], ['51.68.0.0/16', 16276, 'OVH'], ['51.75.0.0/16', 16276, 'OVH'],
  ['51.77.0.0/16', 16276, 'OVH'], ['51.89.0.0/16', 16276, 'OVH'], ['54.36.0.0/16', 16276, 'OVH'],
  ['137.74.0.0/16', 16276, 'OVH'], ['145.239.0.0/16', 16276, 'OVH'], ['147.135.0.0/16', 16276, 'OVH'],
  ['45.33.0.0/17', 63949, 'AKAMAI-LINODE-AP'], ['139.162.0.0/16', 63949, 'AKAMAI-LINODE-AP'],
  ['172.104.0.0/15', 63949, 'AKAMAI-LINODE-AP'], ['45.32.0.0/16', 20473, 'AS-VULTR'], ['45.76.0.0/16', 20473, 'AS-VULTR'],
  ['108.61.0.0/16', 20473, 'AS-VULTR'], ['149.28.0.0/16', 20473, 'AS-VULTR'], ['129.146.0.0/16', 31898, 'ORACLE-BMC-31898'],
  ['132.145.0.0/16', 31898, 'ORACLE-BMC-31898'], ['150.136.0.0/16', 31898, 'ORACLE-BMC-31898'],
  ['47.74.0.0/15', 45102, 'ALIBABA-CN-NET'], ['47.88.0.0/14', 45102, 'ALIBABA-CN-NET'], ['43.128.0.0/10', 132203, 'TENCENT-NET-AP-CN'],
  ['119.28.0.0/16', 132203, 'TENCENT-NET-AP-CN'],
];

/** AS names that announce hosting networks (case-insensitive substrings). */
export const HOSTING_AS_WORDS = [
  'amazon', 'aws', 'google', 'microsoft', 'azure', 'digitalocean', 'hetzner', 'ovh', 'linode', 'akamai', 'vultr', 'oracle',
  'alibaba', 'tencent', 'huawei cloud', 'cloud', 'hosting', 'host', 'datacenter', 'data center', 'server', 'vps', 'colo',
  'leaseweb', 'contabo', 'scaleway', 'choopa', 'm247', 'datacamp', 'cdn77', 'fastly', 'cloudflare',
] as const;

const hostingSql = (org: string) =>
  `multiSearchAnyCaseInsensitiveUTF8(${org}, [${HOSTING_AS_WORDS.map((w) => `'${w}'`).join(', ')}])`;

/** Builds the per-IP table for the IPs seen in the window. */
export async function buildIpInfo(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  await wh.command(`DROP TABLE IF EXISTS ${T.ipRanges}`);
  await wh.command(`CREATE TABLE ${T.ipRanges} (
      start UInt32, end UInt32, asn UInt32, country LowCardinality(String), org String, hosting UInt8
    ) ENGINE = MergeTree ORDER BY start`);
  if (ctx.config.asnFile) {
    if (!existsSync(ctx.config.asnFile)) throw new Error(`${ctx.config.asnFile}: no such IP-to-ASN file`);
    await wh.insertFromFile(
      T.ipRanges,
      `SELECT toUInt32(toIPv4(range_start)), toUInt32(toIPv4(range_end)), asn, country, org, ${hostingSql('org')}
       FROM {{source}} WHERE isIPv4String(range_start) AND isIPv4String(range_end) AND asn != 0`,
      {
        path: ctx.config.asnFile,
        format: 'TSV',
        structure: 'range_start String, range_end String, asn UInt32, country String, org String',
      },
    );
  }
  // Without an operator table, the built-in cloud ranges still tell datacenter traffic apart.
  const values = WELL_KNOWN_CLOUD_RANGES.map(([cidr, asn, org]) => `('${cidr}', ${asn}, '${org}')`).join(', ');
  await wh.command(`INSERT INTO ${T.ipRanges}
    SELECT toUInt32(IPv4CIDRToRange(toIPv4(splitByChar('/', cidr)[1]), toUInt8(splitByChar('/', cidr)[2])).1),
           toUInt32(IPv4CIDRToRange(toIPv4(splitByChar('/', cidr)[1]), toUInt8(splitByChar('/', cidr)[2])).2),
           asn, '', org, 1
    FROM values('cidr String, asn UInt32, org String', ${values})
    WHERE (SELECT count() FROM ${T.ipRanges}) = 0`);

  await wh.command(`DROP TABLE IF EXISTS ${T.ip}`);
  await wh.command(
    `CREATE TABLE ${T.ip} ENGINE = MergeTree ORDER BY ip AS
     WITH ips AS (
       SELECT DISTINCT ip, toUInt32(toIPv4OrZero(ip)) AS ip4, 0 AS k FROM ${FEATURES_TABLE} WHERE ${ctx.windowWhere()}
     )
     SELECT
       ips.ip AS ip,
       if(ips.ip4 > 0 AND ips.ip4 <= r.end, r.asn, 0) AS asn,
       if(ips.ip4 > 0 AND ips.ip4 <= r.end, r.country, '') AS country,
       if(ips.ip4 > 0 AND ips.ip4 <= r.end, r.org, '') AS org,
       if(ips.ip4 > 0 AND ips.ip4 <= r.end, r.hosting, 0) AS hosting,
       -- The network a client sits in: /24 for IPv4, /48 for IPv6.
       if(ips.ip4 > 0, IPv4NumToString(bitAnd(ips.ip4, 0xFFFFFF00)) || '/24',
          IPv6NumToString(IPv6CIDRToRange(toIPv6(ips.ip), 48).1) || '/48') AS subnet
     FROM ips
     ASOF LEFT JOIN (SELECT 0 AS k, * FROM ${T.ipRanges}) AS r ON ips.k = r.k AND ips.ip4 >= r.start`,
    ctx.params,
  );
}
