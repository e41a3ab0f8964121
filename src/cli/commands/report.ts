import { Command, Option } from 'commander';
import { join, resolve } from 'node:path';
import { buildBrief, writeBrief } from '../../report/brief.js';
import { CHROMIUM, haveChromium, renderPdf } from '../../report/pdf.js';
import { printJson, warehouseOptions, withWarehouse, type WarehouseOptions } from '../common.js';

interface BriefCliOptions extends WarehouseOptions {
  findings: string;
  campaign: string;
  out: string;
  asnDb?: string;
  producer: string;
  pdf: string;
  json?: boolean;
}

function briefCommand(): Command {
  return warehouseOptions(
    new Command('brief')
      .description(
        'Write a brief on one campaign for a non-technical official: what happened in numbers (accounts, requests, dates, capabilities, ' +
          'infrastructure and countries), how it was established, confidence and other explanations, a timeline chart, and an evidence annex ' +
          'in which every figure has the SQL that reproduces it, with a hash chain over the findings files. Self-contained brief.html, ' +
          `annex.json, and brief.pdf where Chromium is installed (${CHROMIUM}).`,
      )
      .requiredOption('--findings <dir>', 'findings directory written by `distillwatch hunt --out`')
      .requiredOption('--campaign <id>', 'campaign id in campaigns.json, e.g. C001')
      .requiredOption('--out <dir>', 'where to write brief.html, annex.json and brief.pdf')
      .option('--asn-db <file>', 'IP-to-ASN table (iptoasn.com TSV) for networks and countries, as given to hunt')
      .addOption(new Option('--producer <name>', 'who prepares the brief').env('DISTILLWATCH_PRODUCER').default('the provider'))
      .addOption(new Option('--pdf <when>', 'render brief.pdf with headless Chromium').choices(['auto', 'always', 'never']).default('auto'))
      .option('--json', 'print the result as JSON'),
  )
    .addHelpText('after', '\nExample:\n  distillwatch report brief --data ./dw --findings ./findings --campaign C001 --asn-db ip2asn.tsv --out ./brief-c001')
    .action(async (opts: BriefCliOptions) => {
      const brief = await withWarehouse(
        opts,
        (wh) => buildBrief(wh, { findings: opts.findings, campaign: opts.campaign, asnDb: opts.asnDb ? resolve(opts.asnDb) : null, producer: opts.producer }),
        { shared: true },
      );
      const files = writeBrief(brief, opts.out);
      let pdf: string | null = null;
      let pdfNote = '';
      if (opts.pdf === 'always' || (opts.pdf === 'auto' && haveChromium())) {
        if (!haveChromium()) throw new Error(`--pdf always: no Chromium at ${CHROMIUM} (apt-get install chromium, or set DISTILLWATCH_CHROMIUM)`);
        try {
          pdf = join(resolve(opts.out), 'brief.pdf');
          await renderPdf(brief.html, pdf);
        } catch (e) {
          if (opts.pdf === 'always') throw e;
          pdfNote = `PDF not rendered: ${(e as Error).message.split('\n')[0]}`;
          pdf = null;
        }
      } else if (opts.pdf === 'auto') pdfNote = `PDF not rendered: no Chromium at ${CHROMIUM}`;
      if (opts.json) {
        printJson({ html: resolve(files.html), annex: resolve(files.annex), pdf, figures: brief.figures.map((f) => ({ id: f.id, label: f.label, value: f.value })), chain_head: brief.chain.head, ...(pdfNote ? { note: pdfNote } : {}) });
        return;
      }
      process.stdout.write(
        [`brief: ${resolve(files.html)}`, `annex: ${resolve(files.annex)} (${brief.figures.length} figures with their SQL; hash chain head ${brief.chain.head})`, pdf ? `pdf:   ${pdf}` : pdfNote].join('\n') + '\n',
      );
    });
}

export function reportCommand(): Command {
  return new Command('report').description('Reports for people outside the team: a brief on one campaign for officials (brief).').addCommand(briefCommand());
}
