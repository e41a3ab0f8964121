import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

export function tempDir(prefix = 'dw-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the built CLI (npm test builds it first) and returns its exit code and output. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** One valid exchange in the canonical shape; override fields per test. */
/** Prompts of several kinds (code, reasoning, instruction synthesis, rubric grading, a plain question), for feature tests. */
export const PROMPTS = [
  'Write a Python function that merges two sorted lists and explain its complexity.',
  'Explain step by step how to solve 3x + 7 = 22.',
  'Generate 20 diverse instructions for a model, each with a different task type.',
  'Grade the following answer on a scale of 1 to 10 against the rubric.',
  'What is the capital of Portugal?',
];
/** A long system prompt that asks for reasoning. */
export const COT_SYSTEM = 'Think step by step and show your reasoning before the final answer. '.repeat(4);

export function exchange(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    request_id: 'r-1',
    ts: '2026-04-22T10:00:00.123Z',
    account_id: 'acct-1',
    org_id: null,
    api_key_id: 'key-1',
    ip: '203.0.113.7',
    user_agent: 'python-httpx/0.27',
    client_fingerprint: null,
    model: 'model-large',
    endpoint: 'messages',
    status: 200,
    input_tokens: 120,
    output_tokens: 800,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    max_tokens: 4096,
    n: null,
    top_logprobs: null,
    temperature: 0.7,
    logit_bias_size: 0,
    reasoning_budget: null,
    tool_names: [],
    conversation_id: null,
    turn: 1,
    system: null,
    prompt: 'hello',
    response: 'hi',
    latency_ms: 1200,
    ...over,
  };
}
