import { Command, Option } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { warehouseOptions, type WarehouseOptions } from '../common.js';
import { parseDuration } from './watch.js';
import { loadPolicy } from '../../respond/policy.js';
import { startGuard } from '../../respond/start.js';

interface GuardCliOptions extends WarehouseOptions {
  upstream?: string;
  listen: string;
  control?: string;
  findings?: string;
  redis?: string;
  policy?: string;
  accountHeader?: string;
  clientIpHeader?: string;
  fingerprintHeader?: string;
  logDir?: string;
  asnDb?: string;
  adminTokenFile?: string;
  reloadEvery: string;
  dryRun?: boolean;
  check?: boolean;
  noWarehouse?: boolean;
  json?: boolean;
}

function hostPort(name: string, v: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(v.trim()) ?? /^()()(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`--${name} ${v}: expected HOST:PORT (e.g. 127.0.0.1:8787) or a port`);
  const port = Number(m[3]);
  if (!(port >= 0 && port < 65536)) throw new Error(`--${name} ${v}: port out of range`);
  return { host: m[1] || m[2] || '127.0.0.1', port };
}

export function guardCommand(): Command {
  return warehouseOptions(
    new Command('guard')
      .description(
        'Act at the gateway: a reverse proxy in front of an OpenAI- or Anthropic-compatible API that decides every ' +
          'request from the latest verdicts (reloaded as hunts and watch write them), what the request itself shows, and ' +
          'sliding-window quotas per account and per campaign (in Redis, shared by replicas, with --redis), then allows, ' +
          'logs, delays, flags, degrades or blocks it with a generic error, as the policy says. Streams pass through ' +
          'chunk by chunk; every exchange is written to --log-dir for `watch --in` to load. Hooks for Envoy ext_authz, ' +
          'LiteLLM and a plain decide API, and an admin API, on --control. See docs/guard.md.',
      )
      .option('--upstream <url>', 'the API to guard, e.g. https://api.example.com (omit to serve the hooks only)')
      .addOption(new Option('--listen <host:port>', 'where the proxy listens').default('127.0.0.1:8787'))
      .option('--control <host:port>', 'where the hooks and the admin API listen (e.g. 127.0.0.1:8788); not served without it')
      .option('--findings <dir>', 'a findings directory (accounts.jsonl, campaigns.json) to read verdicts from when the warehouse has none')
      .option('--no-warehouse', 'read verdicts from --findings only, never open the warehouse')
      .option('--redis <url>', 'Redis for counters shared by replicas, e.g. redis://127.0.0.1:6379 (default: in this process)')
      .option('--policy <file>', 'policy file, YAML or JSON (default: log flagged accounts, change nothing); see policies/default.yaml')
      .option('--account-header <name>', 'header your auth layer sets to the account id (default: map the API key to its account)')
      .option('--client-ip-header <name>', 'header your edge sets to the client IP (e.g. x-forwarded-for); default: the socket address')
      .option('--fingerprint-header <name>', 'header your edge sets to a TLS fingerprint (e.g. x-ja4), logged as client_fingerprint')
      .option('--log-dir <dir>', 'write every exchange to DIR/exchanges (for `watch --in DIR/exchanges`) and the audit log to DIR/audit/audit.jsonl')
      .option('--asn-db <file>', 'IP-to-ASN table (iptoasn.com TSV), as for hunt, to tell hosting networks apart')
      .option('--admin-token-file <file>', 'file holding the admin API bearer token (or DISTILLWATCH_ADMIN_TOKEN; default: a new one, written to --log-dir/admin-token)')
      .addOption(new Option('--reload-every <duration>', 'how often to look for new verdicts').default('10s'))
      .option('--dry-run', 'decide and log every action, change nothing')
      .option('--check', 'validate the policy file and exit')
      .option('--json', 'print the start line and the final statistics as JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  distillwatch guard --upstream https://api.openai.com --data ./dw --policy policies/default.yaml --log-dir ./guard
  distillwatch guard --upstream http://10.0.0.5:8000 --listen 0.0.0.0:8787 --control 127.0.0.1:8788 \\
      --findings ./findings --no-warehouse --redis redis://127.0.0.1:6379 --account-header x-account-id
  distillwatch guard --policy my-policy.yaml --check`,
    )
    .action(async (opts: GuardCliOptions) => {
      if (opts.check) {
        if (!opts.policy) throw new Error('--check needs --policy FILE');
        const p = loadPolicy(opts.policy);
        const out = { policy: resolve(opts.policy), valid: true, rules: p.rules.map((r) => r.name) };
        process.stdout.write(opts.json ? JSON.stringify(out) + '\n' : `${opts.policy}: valid, ${p.rules.length} rule(s): ${out.rules.join(', ')}\n`);
        return;
      }
      if (!opts.upstream && !opts.control) throw new Error('give --upstream URL (the proxy), --control HOST:PORT (the hooks), or both');
      if (opts.upstream && !/^https?:\/\//.test(opts.upstream)) throw new Error(`--upstream ${opts.upstream}: expected an http:// or https:// URL`);
      const reloadEveryMs = parseDuration('reload-every', opts.reloadEvery);
      let adminToken = process.env.DISTILLWATCH_ADMIN_TOKEN;
      if (opts.adminTokenFile) adminToken = readFileSync(opts.adminTokenFile, 'utf8').trim();
      const useWarehouse = (opts as { warehouse?: boolean }).warehouse !== false;
      const running = await startGuard({
        upstream: opts.upstream,
        listen: hostPort('listen', opts.listen),
        control: opts.control ? hostPort('control', opts.control) : undefined,
        adminToken,
        policyFile: opts.policy,
        verdicts: {
          warehouse: useWarehouse ? { data: opts.data, clickhouseUrl: opts.clickhouseUrl } : undefined,
          findings: opts.findings,
          keyMap: !opts.accountHeader && useWarehouse,
        },
        reloadEveryMs,
        redisUrl: opts.redis,
        asnDb: opts.asnDb ?? null,
        accountHeader: opts.accountHeader,
        clientIpHeader: opts.clientIpHeader,
        fingerprintHeader: opts.fingerprintHeader,
        logDir: opts.logDir,
        dryRun: opts.dryRun,
      });
      let tokenNote: string | null = null;
      if (!adminToken && opts.control) {
        if (opts.logDir) {
          mkdirSync(opts.logDir, { recursive: true });
          const f = join(opts.logDir, 'admin-token');
          writeFileSync(f, running.adminToken + '\n', { mode: 0o600 });
          tokenNote = f;
        } else tokenNote = running.adminToken;
      }
      const v = running.guard.opts.verdicts;
      const start = {
        proxy: running.proxyUrl,
        upstream: opts.upstream ?? null,
        control: running.controlUrl,
        admin_token: tokenNote,
        counters: running.counters.kind,
        verdicts: v.snapshot ? { source: v.snapshot.source, accounts_with_verdict: v.snapshot.verdicts.size, campaigns: v.snapshot.campaigns.size } : { error: v.lastError },
        dry_run: running.guard.dryRun,
      };
      if (opts.json) process.stdout.write(JSON.stringify(start) + '\n');
      else {
        process.stdout.write(
          `guard: ${running.proxyUrl ? `proxy ${running.proxyUrl} -> ${opts.upstream}` : 'no proxy'}; ${running.controlUrl ? `hooks and admin on ${running.controlUrl}` : 'no control listener'}; ` +
            `counters ${running.counters.kind}; verdicts ${v.snapshot ? `${v.snapshot.verdicts.size} account(s), ${v.snapshot.campaigns.size} campaign(s) from ${v.snapshot.source}` : `none yet (${v.lastError})`}` +
            `${running.guard.dryRun ? '; DRY RUN' : ''}\n`,
        );
        if (tokenNote) process.stdout.write(`admin token: ${tokenNote}\n`);
      }
      await new Promise<void>((r) => {
        process.once('SIGINT', () => r());
        process.once('SIGTERM', () => r());
      });
      await running.close();
      const stats = { ...running.guard.stats, sink: running.guard.opts.sink?.stats() ?? null };
      process.stdout.write(opts.json ? JSON.stringify({ stopped: true, stats }) + '\n' : `guard stopped: ${JSON.stringify(stats)}\n`);
    });
}
