#!/usr/bin/env node
// Measures what sharing does (docs/sharing.md): a producer hunts a simulated seed-2026 world and exports its
// campaign; a peer with another benign population, where the same operation runs on re-keyed accounts,
// imports the bundle and hunts. Prints how many of the operation's accounts the peer finds from the bundle
// alone (the bar a trusted producer's indicators must reach to flag), and the benign accounts it touches.
//
//   node scripts/share-measure.mjs [--scale 0.01] [--producer-seed 3] [--peer-seed 4] [--first N] [--out DIR]
//
// Needs a build (npm run build). --first N: the peer sees only each operation account's first N requests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpIfAsked } from '../bench/lib.mjs';

helpIfAsked(new URL(import.meta.url).pathname);

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const scale = arg('scale', '0.01');
const producerSeed = arg('producer-seed', '3');
const peerSeed = arg('peer-seed', '4');
const first = arg('first', undefined);
const out = resolve(arg('out', `/tmp/dw-share-measure-${scale}-${producerSeed}-${peerSeed}${first ? `-first${first}` : ''}`));
mkdirSync(out, { recursive: true });
const cli = (...args) => {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`distillwatch ${args.join(' ')}: ${r.stderr}`);
  process.stderr.write(`  ${args.slice(0, 2).join(' ')} ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  return r.stdout;
};
const key = join(out, 'group.key');
writeFileSync(key, 'e1'.repeat(32));
const P = join(out, 'producer');
cli('simulate', '--scenario', 'seed-2026', '--scale', scale, '--seed', producerSeed, '--out', join(P, 'world'));
cli('ingest', '--data', join(P, 'wh'), join(P, 'world/exchanges.jsonl.gz'), '--accounts', join(P, 'world/accounts.jsonl.gz'));
cli('hunt', '--data', join(P, 'wh'), '--out', join(P, 'findings'), '--asn-db', join(P, 'world/ip2asn.tsv'));
const campaigns = JSON.parse(readFileSync(join(P, 'findings/campaigns.json'), 'utf8')).campaigns;
const bundle = join(out, 'bundle.json');
cli('share', 'export', '--data', join(P, 'wh'), '--findings', join(P, 'findings'), '--campaign', campaigns[0].campaign_id, '--key-file', key, '--asn-db', join(P, 'world/ip2asn.tsv'), '--producer', 'Lab A', '--out', bundle);
const Q = join(out, 'peer');
cli('simulate', '--scenario', 'seed-2026', '--scale', scale, '--seed', peerSeed, '--out', join(Q, 'sim'));
const { buildPeerWorld } = await import(join(root, 'dist/simulate/peerworld.js'));
const world = await buildPeerWorld({ producer: join(P, 'world'), peer: join(Q, 'sim'), out: join(Q, 'world'), salt: 'peer', firstExchanges: first ? Number(first) : undefined });
cli('ingest', '--data', join(Q, 'wh'), join(Q, 'world/exchanges.jsonl.gz'), '--accounts', join(Q, 'world/accounts.jsonl.gz'));
cli('hunt', '--data', join(Q, 'wh'), '--out', join(Q, 'f-own'), '--asn-db', join(Q, 'world/ip2asn.tsv'));
cli('share', 'import', '--data', join(Q, 'wh'), '--key-file', key, bundle);
writeFileSync(join(out, 'trust.yaml'), 'producers: [Lab A]\n');
cli('hunt', '--data', join(Q, 'wh'), '--out', join(Q, 'f-shared'), '--asn-db', join(Q, 'world/ip2asn.tsv'), '--peer-trust', join(out, 'trust.yaml'));

const accounts = (dir) => new Map(readFileSync(join(dir, 'accounts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((a) => [a.account_id, a]));
const own = accounts(join(Q, 'f-own'));
const shared = accounts(join(Q, 'f-shared'));
const attack = new Set(world.attack.values());
const producerCampaign = new Set(campaigns[0].accounts.map((id) => world.attack.get(id)).filter(Boolean));
const peerOf = (a) => a?.evidence?.peer_indicators?.find((p) => p.producer === 'Lab A');
const { peerCanFlag } = await import(join(root, 'dist/share/match.js'));
const bar = (p) => !!p && peerCanFlag(p);
const count = (ids, f) => [...ids].filter(f).length;
const benign = [...shared.keys()].filter((id) => !attack.has(id));
const indicators = JSON.parse(readFileSync(bundle, 'utf8')).objects.filter((o) => o.type === 'indicator').length;
const muted = JSON.parse(readFileSync(join(Q, 'f-shared/campaigns.json'), 'utf8')).peer_indicators?.muted ?? [];
const result = {
  scale: Number(scale), producer_seed: Number(producerSeed), peer_seed: Number(peerSeed), first_requests: first ? Number(first) : null,
  bundle_indicators: indicators,
  operation_accounts_at_peer: attack.size,
  in_producers_campaign: producerCampaign.size,
  matched_any_indicator: count(attack, (id) => !!peerOf(shared.get(id))),
  found_from_bundle_alone: count(attack, (id) => bar(peerOf(shared.get(id)))),
  found_from_bundle_alone_of_producers_campaign: count(producerCampaign, (id) => bar(peerOf(shared.get(id)))),
  flagged_by_peers_own_hunt: count(attack, (id) => own.get(id)?.flagged),
  flagged_with_trusted_bundle: count(attack, (id) => shared.get(id)?.flagged),
  benign_accounts: benign.length,
  benign_matched_any_indicator: count(benign, (id) => !!peerOf(shared.get(id))),
  benign_meeting_trusted_bar: count(benign, (id) => bar(peerOf(shared.get(id)))),
  benign_flagged_own: count(benign, (id) => own.get(id)?.flagged),
  benign_flagged_with_trusted_bundle: count(benign, (id) => shared.get(id)?.flagged),
  benign_put_on_watch_by_peer: count(benign, (id) => shared.get(id)?.tier === 'watch' && own.get(id)?.tier !== 'watch'),
  muted_indicators: muted.length,
};
writeFileSync(join(out, 'measure.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
