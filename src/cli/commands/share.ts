import { Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportCampaign } from '../../share/export.js';
import { importBundles } from '../../share/import.js';
import { loadGroupKey, KEY_ENV } from '../../share/keys.js';
import { loadPolicy } from '../../share/policy.js';
import { TLP_LEVELS, type TlpLevel } from '../../share/stix.js';
import { formatTable, printJson, warehouseOptions, withWarehouse, type WarehouseOptions } from '../common.js';

interface ExportCliOptions extends WarehouseOptions {
  findings: string;
  campaign: string;
  out?: string;
  keyFile?: string;
  redaction?: string;
  tlp: string;
  producer: string;
  asnDb?: string;
  preview?: boolean;
  json?: boolean;
}

interface ImportCliOptions extends WarehouseOptions {
  keyFile?: string;
  json?: boolean;
}

/** The exact bytes a bundle is written as (and previewed as). */
export const bundleText = (bundle: unknown) => JSON.stringify(bundle, null, 2) + '\n';

function exportCommand(): Command {
  return warehouseOptions(
    new Command('export')
      .description(
        "Export one campaign of a hunt's findings as a STIX 2.1 bundle for peers: campaign, intrusion set, infrastructure, indicators " +
          '(networks, autonomous systems, user agents, TLS fingerprints, keyed fingerprints of system prompts, tool lists and prompt templates), ' +
          'sightings with counts and first/last seen, TLP 2.0 markings. No prompt text, no account id, no network any other customer used.',
      )
      .requiredOption('--findings <dir>', 'findings directory written by `distillwatch hunt --out`')
      .requiredOption('--campaign <id>', 'campaign id in campaigns.json, e.g. C001')
      .option('--out <file>', 'where to write the bundle (JSON)')
      .option('--key-file <file>', `the sharing group's key (hex or text, 16+ bytes); default: the ${KEY_ENV} environment variable. Without a key, text fingerprints stay home`)
      .option('--redaction <file>', 'redaction policy (YAML or JSON): kinds allowed, minimum campaign accounts, maximum outside matches, prefixes, networks never shared (docs/sharing.md)')
      .addOption(new Option('--tlp <level>', 'TLP 2.0 marking of every object').choices([...TLP_LEVELS]).default('amber'))
      .addOption(new Option('--producer <name>', 'name of the producing organisation (the identity object)').env('DISTILLWATCH_PRODUCER').default('distillwatch producer'))
      .option('--asn-db <file>', 'IP-to-ASN table (iptoasn.com TSV), as given to hunt')
      .option('--preview', 'write nothing: print exactly the bundle that would leave on stdout, and on stderr what is shared and what is withheld and why')
      .option('--json', 'print the result as JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  distillwatch share export --data ./dw --findings ./findings --campaign C001 --key-file group.key --preview
  distillwatch share export --data ./dw --findings ./findings --campaign C001 --key-file group.key --tlp green --out c001.json`,
    )
    .action(async (opts: ExportCliOptions) => {
      if (!opts.out && !opts.preview) throw new Error('--out <file> is required (or --preview to see what would leave)');
      const policy = loadPolicy(opts.redaction);
      const key = loadGroupKey(opts.keyFile);
      const result = await withWarehouse(
        opts,
        (wh) =>
          exportCampaign(wh, {
            findings: opts.findings,
            campaign: opts.campaign,
            producer: opts.producer,
            policy,
            key,
            tlp: opts.tlp as TlpLevel,
            asnDb: opts.asnDb ? resolve(opts.asnDb) : null,
          }),
        { shared: true },
      );
      const text = bundleText(result.bundle);
      if (!opts.preview) writeFileSync(opts.out!, text);
      const indicators = result.shared.map((s) => ({
        kind: s.kind,
        shared_value: s.shared_value,
        campaign_accounts: s.campaign_accounts,
        campaign_exchanges: s.exchanges,
        outside_accounts: s.outside_accounts,
      }));
      const withheld = summariseWithheld(result.withheld);
      if (opts.json) {
        printJson({ out: opts.preview ? null : resolve(opts.out!), preview: !!opts.preview, bundle_id: result.bundle.id, objects: result.bundle.objects.length, indicators, withheld, ...(opts.preview ? { bundle: result.bundle } : {}) });
        return;
      }
      const summary = [
        `${opts.preview ? 'would share' : 'shared'} ${result.shared.length} indicator(s) of campaign ${opts.campaign} in ${result.bundle.objects.length} STIX objects (TLP:${opts.tlp.toUpperCase()})` +
          (key ? `, text fingerprints keyed with key ${key.id}` : ', no sharing key: text fingerprints withheld'),
        '',
        formatTable(['kind', 'indicators', 'campaign exchanges', 'most outside accounts'], kindsTable(indicators)),
        '',
        'withheld (stays home):',
        withheld.length ? formatTable(['kind', 'reason', 'values'], withheld.map((w) => [w.kind, w.reason, w.values])) : '  nothing',
      ].join('\n');
      if (opts.preview) {
        process.stderr.write(summary + '\n\nexactly what would leave follows on stdout\n');
        process.stdout.write(text);
      } else process.stdout.write(summary + `\n\nbundle: ${resolve(opts.out!)}\n`);
    });
}

function kindsTable(indicators: { kind: string; campaign_exchanges: number; outside_accounts: number }[]): (string | number)[][] {
  const by = new Map<string, { n: number; x: number; o: number }>();
  for (const i of indicators) {
    const k = by.get(i.kind) ?? { n: 0, x: 0, o: 0 };
    k.n += 1;
    k.x += i.campaign_exchanges;
    k.o = Math.max(k.o, i.outside_accounts);
    by.set(i.kind, k);
  }
  return [...by].map(([kind, k]) => [kind, k.n, k.x, k.o]);
}

function summariseWithheld(w: { kind: string; reason: string }[]): { kind: string; reason: string; values: number }[] {
  // Reasons carry counts ("used by 3 accounts"); grouped by their wording without the numbers.
  const by = new Map<string, { kind: string; reason: string; values: number }>();
  for (const x of w) {
    const reason = x.reason.replace(/\d+/g, 'N');
    const key = `${x.kind} ${reason}`;
    const g = by.get(key) ?? { kind: x.kind, reason, values: 0 };
    g.values += 1;
    by.set(key, g);
  }
  return [...by.values()];
}

function importCommand(): Command {
  return warehouseOptions(
    new Command('import')
      .description(
        "Import peers' STIX 2.1 bundles: validate each (structure, patterns against the STIX grammar, TLP marking, producer), and store " +
          'their indicators with producer, TLP and time in the warehouse (peer_indicators). The hunt then matches traffic against them: ' +
          'a match raises an account\'s score and names the peer; only a producer the operator trusts (hunt --peer-trust) can flag on its own.',
      )
      .argument('<bundle...>', 'STIX 2.1 bundle files (JSON)')
      .option('--key-file <file>', `the sharing group's key, to match keyed fingerprints (default: the ${KEY_ENV} environment variable); kept in the warehouse (peer_keys)`)
      .option('--json', 'print the result as JSON'),
  )
    .addHelpText('after', `\nExample:\n  distillwatch share import --data ./dw --key-file group.key peer-a.json peer-b.json`)
    .action(async (files: string[], opts: ImportCliOptions) => {
      const key = loadGroupKey(opts.keyFile);
      const results = await withWarehouse(opts, (wh) => importBundles(wh, files, key));
      if (opts.json) {
        printJson({ bundles: results });
        return;
      }
      process.stdout.write(
        formatTable(
          ['bundle', 'producer', 'TLP', 'indicators', 'new', 'unmatchable', 'skipped'],
          results.map((r) => [r.file, r.producer, r.tlp, r.indicators, r.inserted, r.unmatchable, r.skipped.length]),
        ) + '\n',
      );
      for (const r of results) for (const s of r.skipped) process.stdout.write(`${r.file}: skipped ${s.id}: ${s.reason}\n`);
      for (const r of results) if (r.unmatchable > 0) process.stdout.write(`${r.file}: ${r.unmatchable} keyed indicator(s) under key ${r.key_ids.join(', ')} that this warehouse does not hold: stored, but they match nothing until the key is imported\n`);
    });
}

export function shareCommand(): Command {
  return new Command('share')
    .description('Share campaign indicators with peers as STIX 2.1 bundles (export), and match peers\' bundles against your traffic (import).')
    .addCommand(exportCommand())
    .addCommand(importCommand());
}
