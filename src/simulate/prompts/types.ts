/**
 * The interface between the traffic simulator (which decides who sends what kind of request, when) and
 * the prompt generators (which write the text). Built-in generators ship with the package; a corpus
 * generator draws real prompts from a directory in the ../shared/corpora format instead.
 */

/** A seeded source of randomness; generators must draw only from it (same seed, same text). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** What a request is after: the capability areas distillation campaigns target, and everything else. */
export const CAPABILITIES = [
  'software_engineering',
  'agentic_tool_use',
  'reasoning', // math and logic, step by step
  'long_horizon_planning',
  'rubric_grading', // the model used as a judge / reward model
  'general', // writing, advice, chat, everything else
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Who is asking: the benign personas, and the attack. Generators adapt tone and content to it. */
export const PROMPT_PERSONAS = [
  'chat_user',
  'coding_agent',
  'batch_pipeline',
  'eval_runner',
  'relay',
  'university_class',
  'researcher',
  'attack',
] as const;
export type PromptPersona = (typeof PROMPT_PERSONAS)[number];

/**
 * What kind of text a request carries beyond its persona's own: `persona` (the persona's generator),
 * `self_instruct` (self-instruct and evol-instruct meta-prompts), `chat_followups` (a task, then follow-up
 * turns on it), `probes` (tiny fixed prompts, as output-layer extraction sends).
 */
export const PROMPT_STYLES = ['persona', 'self_instruct', 'chat_followups', 'probes'] as const;
export type PromptStyle = (typeof PROMPT_STYLES)[number];

export interface PromptRequest {
  persona: PromptPersona;
  capability: Capability;
  /** Ask the model to write out (or reconstruct) its reasoning step by step. */
  chainOfThought: boolean;
  /**
   * A stable key for a family of near-identical prompts: a batch pipeline's one template, a class's
   * homework assignment, an attack campaign's template number. Same key, same skeleton; the slots vary.
   * Absent: free-form prompts with no shared skeleton.
   */
  templateKey?: string;
  /** 0..1: how much wording varies around the skeleton (0 = only slots change; 1 = fully reworded). */
  paraphrase: number;
  /** 1 = first user turn; later turns follow up on the same conversation. */
  turn: number;
  /** For eval runners: the benchmark style (e.g. 'gsm8k', 'humaneval', 'math', 'swe-bench'). */
  benchmark?: string;
  /** Absent or `persona`: the persona's own text; otherwise the style's (see PROMPT_STYLES). */
  style?: PromptStyle;
}

export interface GeneratedExchangeText {
  /** System prompt, or null. Campaigns and apps often send the same long system prompt every time. */
  system: string | null;
  /** The user's message. */
  prompt: string;
  /** A short stand-in for the model's answer (its size is reported in output_tokens, not here). */
  response: string;
}

export interface PromptGenerator {
  /** Name for logs and truth files, e.g. 'builtin' or 'corpus:../shared/corpora'. */
  readonly name: string;
  generate(req: PromptRequest, rng: Rng): GeneratedExchangeText;
}
