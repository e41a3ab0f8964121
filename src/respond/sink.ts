import { createWriteStream, mkdirSync, renameSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';

/**
 * Every exchange the guard serves goes to the warehouse through here: a bounded in-memory queue drained into
 * rotating `.jsonl.gz` files in a landing directory that `distillwatch watch --in DIR` loads. Each file is
 * written under `DIR/.tmp/` and renamed into `DIR` when complete (watch wants whole files), and holds one shape
 * only (OpenAI or Anthropic request/response pairs, as `ingest` detects a file's shape from its first record),
 * so ingest maps them onto the exchange schema with its own mapping (src/ingest/shapes.ts).
 *
 * The guard never waits on it: when the queue is full (the disk is slower than the traffic), records are
 * dropped, counted, and traffic goes on. Logging is shed before traffic.
 */

export type Shape = 'openai' | 'anthropic';

/** Records per write to the gzip stream (and the queue length that starts a drain without waiting). */
const BATCH = 128;

export interface SinkRecord {
  shape: Shape;
  /** Envelope fields and the raw request/response pair, as `ingest` reads a raw provider log: one JSON line, without its newline. */
  line: string;
  /** Rough size, for the byte bound of the queue. */
  bytes: number;
}

export interface SinkStats {
  accepted: number;
  dropped: number;
  written: number;
  files: number;
  queued: number;
  queuedBytes: number;
  errors: number;
}

export interface SinkOptions {
  dir: string;
  maxQueue?: number;
  maxQueueBytes?: number;
  /** A file is closed and published after this many records or this long, whichever first. */
  rotateRecords?: number;
  rotateMs?: number;
  /** How long a record may wait in the queue for others to join it (a full batch goes at once). */
  batchMs?: number;
}

interface Open {
  gz: Gzip;
  out: WriteStream;
  tmp: string;
  final: string;
  records: number;
  openedAt: number;
}

export class ExchangeSink {
  private queue: SinkRecord[] = [];
  private queuedBytes = 0;
  private readonly files = new Map<Shape, Open>();
  private draining = false;
  private closed = false;
  private seq = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly stats_ = { accepted: 0, dropped: 0, written: 0, files: 0, errors: 0 };
  private idle: (() => void)[] = [];
  /** The pending drain: records wait up to `batchMs` so the gzip stream gets whole batches, not one line each. */
  private kick: NodeJS.Timeout | null = null;
  private readonly batchMs: number;
  private readonly maxQueue: number;
  private readonly maxQueueBytes: number;
  private readonly rotateRecords: number;
  private readonly rotateMs: number;
  private readonly tmpDir: string;

  constructor(private readonly opts: SinkOptions) {
    this.maxQueue = opts.maxQueue ?? 20_000;
    this.maxQueueBytes = opts.maxQueueBytes ?? 256 * 2 ** 20;
    this.rotateRecords = opts.rotateRecords ?? 50_000;
    this.rotateMs = opts.rotateMs ?? 60_000;
    this.batchMs = opts.batchMs ?? 50;
    this.tmpDir = join(opts.dir, '.tmp');
    mkdirSync(this.tmpDir, { recursive: true });
    this.timer = setInterval(() => void this.rotateAged(), Math.min(1000, this.rotateMs));
    this.timer.unref();
  }

  /** Queues a record; false (and counted as dropped) when the queue is full. Never blocks. */
  push(r: SinkRecord): boolean {
    if (this.closed || this.queue.length >= this.maxQueue || this.queuedBytes + r.bytes > this.maxQueueBytes) {
      this.stats_.dropped++;
      return false;
    }
    this.stats_.accepted++;
    this.queue.push(r);
    this.queuedBytes += r.bytes;
    if (!this.draining) {
      if (this.queue.length >= BATCH) this.startDrain();
      else this.kick ??= setTimeout(this.startDrain, this.batchMs);
    }
    return true;
  }

  private readonly startDrain = (): void => {
    if (this.kick) clearTimeout(this.kick);
    this.kick = null;
    if (this.draining || this.queue.length === 0) return;
    this.draining = true;
    void this.drain();
  };

  stats(): SinkStats {
    return { ...this.stats_, queued: this.queue.length, queuedBytes: this.queuedBytes };
  }

  private file(shape: Shape): Open {
    let f = this.files.get(shape);
    if (f) return f;
    const name = `guard-${shape}-${new Date().toISOString().replace(/[-:.]/g, '')}-${process.pid}-${String(++this.seq).padStart(6, '0')}.jsonl.gz`;
    const tmp = join(this.tmpDir, name);
    const out = createWriteStream(tmp);
    // Level 1: most of the size gain for a fraction of the CPU, which the proxy shares.
    const gz = createGzip({ level: 1 });
    gz.pipe(out);
    out.on('error', () => this.stats_.errors++);
    f = { gz, out, tmp, final: join(this.opts.dir, name), records: 0, openedAt: Date.now() };
    this.files.set(shape, f);
    return f;
  }

  private async publish(shape: Shape): Promise<void> {
    const f = this.files.get(shape);
    if (!f) return;
    this.files.delete(shape);
    f.gz.end();
    await once(f.out, 'close');
    try {
      renameSync(f.tmp, f.final);
      this.stats_.written += f.records;
      this.stats_.files++;
    } catch {
      this.stats_.errors++;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        // Records of one shape go into the file in batches: one write per batch, not per record.
        const shape = this.queue[0]!.shape;
        const f = this.file(shape);
        const room = this.rotateRecords - f.records;
        const max = Math.min(room, BATCH, this.queue.length);
        let n = 0;
        let text = '';
        while (n < max && this.queue[n]!.shape === shape) {
          const r = this.queue[n++]!;
          this.queuedBytes -= r.bytes;
          text += r.line + '\n';
        }
        this.queue.splice(0, n);
        f.records += n;
        if (!f.gz.write(text)) await once(f.gz, 'drain');
        if (f.records >= this.rotateRecords || Date.now() - f.openedAt >= this.rotateMs) await this.publish(shape);
        // Let requests run between batches: one batch at a time holds the event loop, not the whole queue.
        else if (this.queue.length) await new Promise<void>((r) => setImmediate(r));
      }
    } catch {
      this.stats_.errors++;
    } finally {
      this.draining = false;
      // Records that came while the last batch was written wait for the next kick (or go now if a batch is full).
      if (this.queue.length >= BATCH) this.startDrain();
      else if (this.queue.length) this.kick ??= setTimeout(this.startDrain, this.batchMs);
      const waiting = this.idle;
      this.idle = [];
      for (const w of waiting) w();
    }
  }

  private async rotateAged(): Promise<void> {
    if (this.draining) return;
    const now = Date.now();
    for (const [shape, f] of [...this.files]) if (now - f.openedAt >= this.rotateMs) await this.publish(shape);
  }

  /** Writes what is queued and publishes the open files (the queue keeps accepting). */
  async flush(): Promise<void> {
    if (this.kick) clearTimeout(this.kick);
    this.kick = null;
    if (this.draining) await new Promise<void>((r) => this.idle.push(r));
    if (this.queue.length) {
      this.draining = true;
      await this.drain();
    }
    for (const shape of [...this.files.keys()]) await this.publish(shape);
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearInterval(this.timer);
    if (this.kick) clearTimeout(this.kick);
    this.kick = null;
  }
}
