import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

export function tempDir(prefix = 'dw-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the built CLI (npm test builds it first) and resolves with its exit code and output. Asynchronous on purpose:
 * a synchronous spawn blocks the test worker's event loop, and a CLI run longer than vitest's 60-s RPC timeout then
 * fails the whole run ("Timeout calling onTaskUpdate") with every test passing.
 */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env } });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
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
