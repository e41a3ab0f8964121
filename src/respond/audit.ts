import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The audit log: one JSON line per action taken (everything but a plain allow), with its reasons. Append-only;
 * lines are batched and each batch is written then fsync'd, so a line the admin API shows is on disk within
 * `flushMs`. The last `keep` lines stay in memory for the admin API's tail.
 */

export interface AuditLine {
  ts: string;
  request_id: string;
  source: 'proxy' | 'decide' | 'ext_authz' | 'litellm';
  account_id: string;
  api_key_id: string | null;
  ip: string | null;
  endpoint: string | null;
  model: string | null;
  action: string;
  actions: string[];
  rule: string | null;
  reasons: string[];
  evidence: string[];
  campaign: string | null;
  tier: string | null;
  risk: number | null;
  dry_run: boolean;
  /** What a degrade changed in the request. */
  changed?: string[];
}

export class AuditLog {
  private fh: FileHandle | null = null;
  private pending: string[] = [];
  private readonly recent: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  written = 0;
  failed = 0;

  private constructor(
    readonly path: string | null,
    private readonly flushMs: number,
    private readonly keep: number,
  ) {}

  static async open(path: string | null, opts: { flushMs?: number; keep?: number } = {}): Promise<AuditLog> {
    const log = new AuditLog(path, opts.flushMs ?? 100, opts.keep ?? 1000);
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      log.fh = await open(path, 'a');
    }
    return log;
  }

  write(line: AuditLine): void {
    const text = JSON.stringify(line);
    this.recent.push(text);
    if (this.recent.length > this.keep) this.recent.shift();
    if (!this.fh) {
      this.written++;
      return;
    }
    this.pending.push(text);
    if (this.pending.length >= 512) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  tail(n: number): unknown[] {
    return this.recent.slice(-n).map((l) => JSON.parse(l) as unknown);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    // Batches are written one after another, in order.
    this.flushing = this.flushing.then(async () => {
      if (!this.fh || batch.length === 0) return;
      try {
        await this.fh.write(batch.join('\n') + '\n');
        await this.fh.datasync();
        this.written += batch.length;
      } catch {
        this.failed += batch.length;
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.fh?.close();
    this.fh = null;
  }
}
