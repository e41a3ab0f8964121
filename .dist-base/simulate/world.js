import { Weighted } from './rng.js';
const GLOBAL_MAIL = [
    ['gmail.com', 55], ['outlook.com', 14], ['yahoo.com', 6], ['icloud.com', 8], ['proton.me', 3], ['hotmail.com', 5],
    ['mail.com', 0.5], ['gmx.com', 0.5], ['zoho.com', 0.5], ['tutanota.com', 0.3], ['yandex.com', 0.3],
];
/** Webmail that sign-up farms favour (real people use them too, less often). */
export const THROWAWAY_MAIL = ['mail.com', 'gmx.com', 'zoho.com', 'tutanota.com', 'yandex.com', 'proton.me', 'outlook.com'];
const mail = (...local) => [...GLOBAL_MAIL, ...local];
export const COUNTRIES = [
    { code: 'US', utcOffset: -6, weight: 30, email: mail(['comcast.net', 2], ['aol.com', 1]) },
    { code: 'IN', utcOffset: 5.5, weight: 9, email: mail(['rediffmail.com', 2]) },
    { code: 'GB', utcOffset: 0, weight: 6, email: mail(['btinternet.com', 2], ['sky.com', 1]) },
    { code: 'DE', utcOffset: 1, weight: 6, email: mail(['gmx.de', 10], ['web.de', 10], ['t-online.de', 4]) },
    { code: 'FR', utcOffset: 1, weight: 4, email: mail(['orange.fr', 6], ['free.fr', 4], ['laposte.net', 2]) },
    { code: 'CA', utcOffset: -5, weight: 3, email: mail(['rogers.com', 1]) },
    { code: 'BR', utcOffset: -3, weight: 4, email: mail(['uol.com.br', 3], ['bol.com.br', 2]) },
    { code: 'JP', utcOffset: 9, weight: 4, email: mail(['yahoo.co.jp', 8], ['docomo.ne.jp', 2]) },
    { code: 'KR', utcOffset: 9, weight: 3, email: mail(['naver.com', 25], ['daum.net', 8]) },
    { code: 'CN', utcOffset: 8, weight: 2, email: [['qq.com', 45], ['163.com', 30], ['126.com', 10], ['gmail.com', 10], ['outlook.com', 5]] },
    { code: 'TW', utcOffset: 8, weight: 1.5, email: mail(['yahoo.com.tw', 4]) },
    { code: 'HK', utcOffset: 8, weight: 1, email: mail(['netvigator.com', 2]) },
    { code: 'SG', utcOffset: 8, weight: 1.5, email: mail(['singnet.com.sg', 1]) },
    { code: 'AU', utcOffset: 10, weight: 2, email: mail(['bigpond.com', 3]) },
    { code: 'NL', utcOffset: 1, weight: 2, email: mail(['ziggo.nl', 2], ['kpnmail.nl', 1]) },
    { code: 'ES', utcOffset: 1, weight: 2, email: mail(['telefonica.net', 1]) },
    { code: 'IT', utcOffset: 1, weight: 2, email: mail(['libero.it', 6], ['virgilio.it', 2]) },
    { code: 'SE', utcOffset: 1, weight: 1, email: mail(['telia.com', 1]) },
    { code: 'CH', utcOffset: 1, weight: 0.7, email: mail(['bluewin.ch', 4], ['gmx.ch', 2]) },
    { code: 'PL', utcOffset: 1, weight: 1.5, email: mail(['wp.pl', 6], ['onet.pl', 4], ['o2.pl', 2]) },
    { code: 'MX', utcOffset: -6, weight: 1.5, email: mail(['prodigy.net.mx', 1]) },
    { code: 'TR', utcOffset: 3, weight: 1, email: mail(['yandex.com.tr', 2]) },
    { code: 'VN', utcOffset: 7, weight: 1, email: mail(['yahoo.com.vn', 1]) },
    { code: 'ID', utcOffset: 7, weight: 1.5, email: mail(['yahoo.co.id', 2]) },
    { code: 'RU', utcOffset: 3, weight: 0.5, email: [['yandex.ru', 35], ['mail.ru', 30], ['gmail.com', 30], ['rambler.ru', 5]] },
];
const res = (asn, name, country, ...prefixes) => ({ asn, name, country, kind: 'residential', prefixes });
const mob = (asn, name, country, ...prefixes) => ({ asn, name, country, kind: 'mobile', prefixes });
const dc = (asn, name, country, ...prefixes) => ({ asn, name, country, kind: 'datacenter', prefixes });
const uni = (asn, name, country, domain, ...prefixes) => ({ asn, name, country, kind: 'university', prefixes, domain });
/** Every AS of the world. Prefixes never overlap (a test checks). */
export const ASNS = [
    // ---- residential ISPs
    res(7922, 'COMCAST-7922 - Comcast Cable Communications, LLC', 'US', '73.0.0.0/8', '98.192.0.0/10', '24.0.0.0/12'),
    res(20115, 'CHARTER-20115 - Charter Communications', 'US', '70.112.0.0/12', '97.96.0.0/11', '66.188.0.0/14'),
    res(7018, 'ATT-INTERNET4 - AT&T Services, Inc.', 'US', '76.192.0.0/10', '99.0.0.0/10', '12.0.0.0/9'),
    res(701, 'UUNET - MCI Communications Services, Inc. d/b/a Verizon Business', 'US', '71.160.0.0/11', '108.0.0.0/12'),
    res(812, 'ROGERS-COMMUNICATIONS - Rogers Communications Canada Inc.', 'CA', '99.224.0.0/11', '24.64.0.0/13'),
    res(577, 'BACOM - Bell Canada', 'CA', '70.24.0.0/13', '74.56.0.0/14'),
    res(2856, 'BT-UK-AS BTnet UK Regional network', 'GB', '86.128.0.0/10', '81.128.0.0/12'),
    res(5089, 'NTL Virgin Media Limited', 'GB', '86.0.0.0/11', '82.0.0.0/14'),
    res(5607, 'BSKYB-BROADBAND-AS Sky UK Limited', 'GB', '90.192.0.0/11'),
    res(3320, 'DTAG Internet service provider operations', 'DE', '79.192.0.0/10', '91.0.0.0/10', '93.192.0.0/10'),
    res(3209, 'VODANET International IP-Backbone of Vodafone', 'DE', '88.64.0.0/12', '94.216.0.0/13'),
    res(3215, 'France Telecom - Orange', 'FR', '90.0.0.0/10', '86.192.0.0/10'),
    res(12322, 'PROXAD Free SAS', 'FR', '78.192.0.0/10', '82.64.0.0/11'),
    res(1136, 'KPN KPN National', 'NL', '77.160.0.0/11'),
    res(33915, 'TNF-AS Ziggo', 'NL', '84.24.0.0/13'),
    res(3352, 'TELEFONICA_DE_ESPANA', 'ES', '83.32.0.0/11', '88.0.0.0/12'),
    res(3269, 'ASN-IBSNAZ Telecom Italia', 'IT', '79.0.0.0/11', '87.0.0.0/12'),
    res(3301, 'TELIANET-SWEDEN Telia Company AB', 'SE', '78.64.0.0/12'),
    res(3303, 'SWISSCOM Swisscom (Schweiz) AG', 'CH', '85.0.0.0/13'),
    res(5617, 'TPNET Orange Polska Spolka Akcyjna', 'PL', '83.0.0.0/11'),
    res(24560, 'AIRTELBROADBAND-AS-AP Bharti Airtel Ltd., Telemedia Services', 'IN', '122.160.0.0/12'),
    res(9829, 'BSNL-NIB National Internet Backbone', 'IN', '117.192.0.0/10'),
    res(4134, 'CHINANET-BACKBONE No.31,Jin-rong Street', 'CN', '58.32.0.0/11', '114.80.0.0/12'),
    res(4837, 'CHINA169-BACKBONE CHINA UNICOM China169 Backbone', 'CN', '123.112.0.0/12'),
    res(4713, 'OCN NTT Communications Corporation', 'JP', '153.128.0.0/9'),
    res(2516, 'KDDI KDDI CORPORATION', 'JP', '106.128.0.0/11'),
    res(17676, 'GIGAINFRA SoftBank Corp.', 'JP', '126.0.0.0/8'),
    res(4766, 'KIXS-AS-KR Korea Telecom', 'KR', '121.128.0.0/11'),
    res(9318, 'SKB-AS SK Broadband Co Ltd', 'KR', '175.192.0.0/10'),
    res(3462, 'HINET Data Communication Business Group', 'TW', '114.32.0.0/12'),
    res(4760, 'HKTIMS-AP HKT Limited', 'HK', '112.118.0.0/15'),
    res(9506, 'SINGTEL-FIBRE Singtel Fibre Broadband', 'SG', '116.86.0.0/15'),
    res(1221, 'ASN-TELSTRA Telstra Corporation Ltd', 'AU', '101.160.0.0/11'),
    res(4804, 'MPX-AS Microplex PTY LTD', 'AU', '110.144.0.0/12'),
    res(28573, 'CLARO S.A.', 'BR', '177.0.0.0/11'),
    res(26599, 'TELEFONICA BRASIL S.A', 'BR', '179.96.0.0/11'),
    res(8151, 'UNINET Uninet S.A. de C.V.', 'MX', '187.128.0.0/10'),
    res(9121, 'TTNET Turk Telekomunikasyon Anonim Sirketi', 'TR', '88.224.0.0/11'),
    res(7552, 'VIETEL-AS-AP Viettel Group', 'VN', '27.64.0.0/12'),
    res(17974, 'TELKOMNET-AS2-AP PT Telekomunikasi Indonesia', 'ID', '36.64.0.0/11'),
    res(12389, 'ROSTELECOM-AS PJSC Rostelecom', 'RU', '95.24.0.0/13'),
    // ---- mobile carriers (CGNAT: many subscribers behind each address, addresses change per session)
    mob(21928, 'T-MOBILE-AS21928 - T-Mobile USA, Inc.', 'US', '172.56.0.0/14', '172.32.0.0/13'),
    mob(6167, 'CELLCO-PART - Cellco Partnership DBA Verizon Wireless', 'US', '174.192.0.0/10'),
    mob(20057, 'ATT-MOBILITY-LLC-AS20057 - AT&T Mobility LLC', 'US', '166.128.0.0/10'),
    mob(852, 'ASN852 - TELUS Communications Inc.', 'CA', '142.160.0.0/11'),
    mob(12576, 'EE-AS EE Limited', 'GB', '31.94.0.0/16', '92.40.0.0/14'),
    mob(6805, 'TDDE-ASN1 Telefonica Germany GmbH & Co.OHG', 'DE', '77.0.0.0/12'),
    mob(5410, 'BOUYGTEL-ISP Bouygues Telecom SA', 'FR', '176.128.0.0/10'),
    mob(55836, 'RELIANCEJIO-IN Reliance Jio Infocomm Limited', 'IN', '49.32.0.0/11', '157.32.0.0/11'),
    mob(45609, 'BHARTI-MOBILITY-AS-AP Bharti Airtel Ltd. AS for GPRS Service', 'IN', '106.192.0.0/11'),
    mob(9808, 'CMNET-GD Guangdong Mobile Communication Co.Ltd.', 'CN', '111.0.0.0/10'),
    mob(9605, 'DOCOMO NTT DOCOMO, INC.', 'JP', '1.64.0.0/12'),
    mob(9644, 'SKTELECOM-NET-AS SK Telecom', 'KR', '223.32.0.0/11'),
    mob(26615, 'TIM S/A', 'BR', '187.0.0.0/11'),
    mob(7713, 'TELKOMNET-AS-AP PT Telekomunikasi Indonesia (Telkomsel)', 'ID', '114.120.0.0/13'),
    mob(9874, 'STARHUB-MOBILE StarHub Ltd', 'SG', '115.164.0.0/14'),
    // ---- clouds and hosting (the same ranges the hunt's built-in list knows)
    dc(16509, 'AMAZON-02 - Amazon.com, Inc.', 'US', '3.0.0.0/9', '13.32.0.0/15', '18.128.0.0/9', '52.0.0.0/10', '54.64.0.0/11'),
    dc(14618, 'AMAZON-AES - Amazon.com, Inc.', 'US', '34.192.0.0/10', '54.144.0.0/12'),
    dc(396982, 'GOOGLE-CLOUD-PLATFORM - Google LLC', 'US', '34.64.0.0/10', '35.184.0.0/13', '104.154.0.0/15'),
    dc(15169, 'GOOGLE - Google LLC', 'US', '130.211.0.0/16'),
    dc(8075, 'MICROSOFT-CORP-MSN-AS-BLOCK - Microsoft Corporation', 'US', '13.64.0.0/11', '20.32.0.0/11', '40.64.0.0/10', '52.224.0.0/11'),
    dc(14061, 'DIGITALOCEAN-ASN - DigitalOcean, LLC', 'US', '104.131.0.0/16', '138.68.0.0/16', '159.203.0.0/16', '167.99.0.0/16', '178.62.0.0/16', '188.166.0.0/16', '206.189.0.0/16'),
    dc(24940, 'HETZNER-AS Hetzner Online GmbH', 'DE', '5.9.0.0/16', '78.46.0.0/15', '88.198.0.0/16', '95.216.0.0/16', '116.202.0.0/16', '135.181.0.0/16', '65.108.0.0/15'),
    dc(16276, 'OVH OVH SAS', 'FR', '51.68.0.0/16', '51.75.0.0/16', '51.77.0.0/16', '51.89.0.0/16', '54.36.0.0/16', '137.74.0.0/16', '145.239.0.0/16', '147.135.0.0/16'),
    dc(63949, 'AKAMAI-LINODE-AP Akamai Connected Cloud', 'US', '45.33.0.0/17', '139.162.0.0/16', '172.104.0.0/15'),
    dc(20473, 'AS-VULTR - The Constant Company, LLC', 'US', '45.32.0.0/16', '45.76.0.0/16', '108.61.0.0/16', '149.28.0.0/16'),
    dc(31898, 'ORACLE-BMC-31898 - Oracle Corporation', 'US', '129.146.0.0/16', '132.145.0.0/16', '150.136.0.0/16'),
    dc(45102, 'ALIBABA-CN-NET Alibaba US Technology Co., Ltd.', 'SG', '47.74.0.0/15', '47.88.0.0/14'),
    dc(132203, 'TENCENT-NET-AP-CN Tencent Building, Kejizhongyi Avenue', 'HK', '43.128.0.0/10', '119.28.0.0/16'),
    dc(60781, 'LEASEWEB-NL-AMS-01 Netherlands', 'NL', '85.17.0.0/16', '212.32.224.0/19'),
    dc(51167, 'CONTABO Contabo GmbH', 'DE', '5.189.128.0/17', '161.97.64.0/18'),
    dc(9009, 'M247 M247 Europe SRL', 'GB', '185.156.172.0/22', '89.238.128.0/18'),
    dc(60068, 'CDN77 Datacamp Limited', 'GB', '89.187.160.0/19', '143.244.32.0/19'),
    // ---- universities and research networks
    uni(3, 'MIT-GATEWAYS - Massachusetts Institute of Technology', 'US', 'mit.edu', '18.0.0.0/11'),
    uni(32, 'STANFORD - Stanford University', 'US', 'stanford.edu', '171.64.0.0/14'),
    uni(25, 'UCB - University of California at Berkeley', 'US', 'berkeley.edu', '128.32.0.0/16'),
    uni(9, 'CMU-ROUTER - Carnegie Mellon University', 'US', 'cmu.edu', '128.2.0.0/16'),
    uni(38, 'UIUC - University of Illinois', 'US', 'illinois.edu', '130.126.0.0/16'),
    uni(2637, 'GEORGIA-TECH - Georgia Institute of Technology', 'US', 'gatech.edu', '130.207.0.0/16'),
    uni(73, 'WASHINGTON - University of Washington', 'US', 'uw.edu', '128.95.0.0/16'),
    uni(239, 'UTORONTO-AS - University of Toronto', 'CA', 'utoronto.ca', '128.100.0.0/16'),
    uni(786, 'JANET Jisc Services Limited (University of Cambridge)', 'GB', 'cam.ac.uk', '131.111.0.0/16'),
    uni(20965, 'GEANT (University of Oxford)', 'GB', 'ox.ac.uk', '129.67.0.0/16'),
    uni(559, 'SWITCH Peering requests (ETH Zurich)', 'CH', 'ethz.ch', '129.132.0.0/16'),
    uni(680, 'DFN Verein zur Foerderung eines Deutschen Forschungsnetzes e.V.', 'DE', 'tum.de', '129.187.0.0/16'),
    uni(4538, 'ERX-CERNET-BKB China Education and Research Network Center', 'CN', 'tsinghua.edu.cn', '166.111.0.0/16'),
    uni(2907, 'SINET-AS Research Organization of Information and Systems, National Institute of Informatics', 'JP', 'u-tokyo.ac.jp', '133.11.0.0/16'),
    uni(7472, 'NUS-AS-AP National University of Singapore', 'SG', 'nus.edu.sg', '137.132.0.0/16'),
    uni(1781, 'KAIST-DAEJEON-AS-KR Korea Advanced Institute of Science and Technology', 'KR', 'kaist.ac.kr', '143.248.0.0/16'),
    uni(28571, 'UNIVERSIDADE DE SAO PAULO', 'BR', 'usp.br', '143.107.0.0/16'),
    uni(55824, 'NKN-CORE-NW National Knowledge Network (IIT Bombay)', 'IN', 'iitb.ac.in', '103.21.124.0/22'),
];
export function parseCidr(cidr) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!m)
        throw new Error(`not an IPv4 CIDR: ${cidr}`);
    const [a, b, c, d, bits] = m.slice(1).map(Number);
    const size = 2 ** (32 - bits);
    const start = (((a << 24) >>> 0) + (b << 16) + (c << 8) + d) >>> 0;
    if (start % size !== 0)
        throw new Error(`CIDR not aligned: ${cidr}`);
    return { start, size };
}
export const ipString = (n) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
/** An AS with its ranges parsed, ready to hand out addresses. */
export class Network {
    entry;
    ranges;
    constructor(entry) {
        this.entry = entry;
        this.ranges = new Weighted(entry.prefixes.map((p) => [parseCidr(p), parseCidr(p).size]));
    }
    get asn() {
        return this.entry.asn;
    }
    get country() {
        return this.entry.country;
    }
    get kind() {
        return this.entry.kind;
    }
    /** A host address in one of its ranges (never a .0 or .255). */
    address(rng) {
        const r = this.ranges.pick(rng);
        for (;;) {
            const n = r.start + rng.int(r.size);
            const last = n & 255;
            if (last !== 0 && last !== 255)
                return ipString(n);
        }
    }
}
/** The world as the simulator uses it: networks by kind and country, and the operator's ip2asn table. */
export class World {
    networks = ASNS.map((a) => new Network(a));
    countries = new Map(COUNTRIES.map((c) => [c.code, c]));
    countryWeights = new Weighted(COUNTRIES.map((c) => [c.code, c.weight]));
    byKey = new Map();
    emails = new Map();
    constructor() {
        for (const n of this.networks) {
            for (const key of [n.kind, `${n.kind}:${n.country}`]) {
                const list = this.byKey.get(key) ?? [];
                list.push(n);
                this.byKey.set(key, list);
            }
        }
        for (const c of COUNTRIES)
            this.emails.set(c.code, new Weighted(c.email));
    }
    /** Networks of a kind, in a country when it has any (else anywhere). */
    networksOf(kind, country) {
        const local = country ? this.byKey.get(`${kind}:${country}`) : undefined;
        return local && local.length > 0 ? local : (this.byKey.get(kind) ?? []);
    }
    network(kind, rng, country) {
        return rng.pick(this.networksOf(kind, country));
    }
    utcOffset(country) {
        return this.countries.get(country)?.utcOffset ?? 0;
    }
    consumerEmail(country, rng) {
        return (this.emails.get(country) ?? this.emails.get('US')).pick(rng);
    }
    universities() {
        return this.byKey.get('university') ?? [];
    }
    /** The IP-to-ASN table an operator would have, in iptoasn.com's TSV format, sorted by range start. */
    ip2asnTsv() {
        const rows = this.networks
            .flatMap((n) => n.entry.prefixes.map((p) => ({ ...parseCidr(p), n })))
            .sort((a, b) => a.start - b.start);
        return rows.map((r) => `${ipString(r.start)}\t${ipString(r.start + r.size - 1)}\t${r.n.asn}\t${r.n.country}\t${r.n.entry.name}\n`).join('');
    }
}
// ---- client stacks -------------------------------------------------------------------------------
/** TLS stacks, each with the JA4-style fingerprints of its common versions. */
export const TLS_STACKS = {
    node: ['t13d1712h2_5b57614c22b0_3d5424432f57', 't13d1713h2_5b57614c22b0_eca864cca44a'],
    python: ['t13d1812h1_85036bcba153_375ca2c5e164', 't13d1813h1_85036bcba153_ab3b6b8f4ba0'],
    curl: ['t13d3112h2_e8f1e7e78f70_6bebaf5329ac'],
    go: ['t13d1310h2_f57a46bbacb6_ab7e3b40a677'],
    chrome: ['t13d1516h2_8daaf6152771_e5627efa2ab1', 't13d1516h2_8daaf6152771_02713d6af862'],
    firefox: ['t13d1715h2_5b57614c22b0_5c2c66f702b0'],
    safari: ['t13d2014h2_a09f3c656075_14788d8d241b'],
    okhttp: ['t13d1516h2_8daaf6152771_9b887d9acb53'],
};
export const CLIENTS = [
    'claude-cli',
    'cline',
    'aider',
    'anthropic-python',
    'anthropic-ts',
    'openai-python',
    'openai-node',
    'httpx',
    'requests',
    'curl',
    'go',
    'litellm',
    'browser',
    'mobile-app',
];
const DAY_MS = 86_400_000;
// Agent releases move on every few days; an account runs the current release, give or take.
const AGENT_EPOCH = Date.UTC(2026, 0, 1);
const agentRelease = (t, lag) => Math.max(0, Math.floor((t - AGENT_EPOCH) / (3 * DAY_MS)) - lag);
const BROWSERS = [
    (v) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${135 + v}.0.0.0 Safari/537.36`,
    (v) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${135 + v}.0.0.0 Safari/537.36`,
    (v) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:${137 + v}.0) Gecko/20100101 Firefox/${137 + v}.0`,
    (v) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.${v % 5} Safari/605.1.15`,
    (v) => `Mozilla/5.0 (iPhone; CPU iPhone OS 18_${v % 5} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.${v % 5} Mobile/15E148 Safari/604.1`,
];
/** Which TLS stack each browser UA above runs. */
export const BROWSER_TLS = ['chrome', 'chrome', 'firefox', 'safari', 'safari'];
export const CLIENT_STACKS = {
    'claude-cli': { tls: 'node', endpoints: [['messages', 1]], userAgent: (v, t) => `claude-cli/1.0.${40 + agentRelease(t, v % 3)} (external, cli)` },
    cline: { tls: 'node', endpoints: [['messages', 0.7], ['chat.completions', 0.3]], userAgent: (v, t) => `Cline/3.${17 + Math.floor(agentRelease(t, v % 4) / 2)}.0` },
    aider: { tls: 'python', endpoints: [['chat.completions', 0.6], ['messages', 0.4]], userAgent: (v) => `litellm/1.${70 + (v % 6)}.0 aider/0.8${3 + (v % 4)}.0` },
    'anthropic-python': { tls: 'python', endpoints: [['messages', 1]], userAgent: (v) => `Anthropic/Python 0.${49 + (v % 6)}.${v % 3}` },
    'anthropic-ts': { tls: 'node', endpoints: [['messages', 1]], userAgent: (v) => `Anthropic/JS 0.${50 + (v % 5)}.${v % 4}` },
    'openai-python': { tls: 'python', endpoints: [['chat.completions', 0.7], ['responses', 0.3]], userAgent: (v) => `OpenAI/Python 1.${78 + (v % 10)}.${v % 3}` },
    'openai-node': { tls: 'node', endpoints: [['chat.completions', 0.6], ['responses', 0.4]], userAgent: (v) => `OpenAI/JS 5.${(v % 8) + 1}.${v % 3}` },
    httpx: { tls: 'python', endpoints: [['messages', 0.5], ['chat.completions', 0.5]], userAgent: (v) => `python-httpx/0.2${7 + (v % 2)}.${v % 3}` },
    requests: { tls: 'python', endpoints: [['messages', 0.4], ['chat.completions', 0.6]], userAgent: (v) => `python-requests/2.3${1 + (v % 2)}.${v % 4}` },
    curl: { tls: 'curl', endpoints: [['messages', 0.5], ['chat.completions', 0.5]], userAgent: (v) => `curl/8.${5 + (v % 8)}.0` },
    go: { tls: 'go', endpoints: [['messages', 0.5], ['chat.completions', 0.5]], userAgent: () => 'Go-http-client/2.0' },
    litellm: { tls: 'python', endpoints: [['chat.completions', 0.7], ['messages', 0.3]], userAgent: (v) => `litellm/1.${68 + (v % 8)}.${v % 5}` },
    browser: { tls: 'chrome', endpoints: [['messages', 0.6], ['chat.completions', 0.4]], userAgent: (v) => BROWSERS[v % BROWSERS.length](Math.floor(v / 5) % 4) },
    'mobile-app': { tls: 'okhttp', endpoints: [['chat.completions', 0.6], ['messages', 0.4]], userAgent: (v) => `okhttp/4.${9 + (v % 4)}.0` },
};
/** The TLS stack a client runs on (browsers depend on which browser the version index names). */
export function clientTls(client, version) {
    return client === 'browser' ? BROWSER_TLS[version % BROWSER_TLS.length] : CLIENT_STACKS[client].tls;
}
/** Tool lists that clients declare, by the names real products use. */
export const TOOL_SETS = {
    'claude-cli': ['Task', 'Bash', 'Glob', 'Grep', 'LS', 'Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite', 'WebSearch'],
    cline: ['execute_command', 'read_file', 'write_to_file', 'replace_in_file', 'search_files', 'list_files', 'ask_followup_question', 'attempt_completion'],
    aider: ['replace_lines', 'write_file'],
    app: ['web_search', 'code_interpreter', 'image_generation'],
    agent: ['bash', 'str_replace_based_edit_tool', 'web_search', 'python'],
    computer: ['computer', 'bash', 'str_replace_based_edit_tool'],
    functions: ['get_weather', 'search_docs', 'create_ticket', 'lookup_order'],
};
//# sourceMappingURL=world.js.map