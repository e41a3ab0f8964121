/**
 * What the hunt reads in prompt text, as SQL over a text column. Phrase lists are matched with
 * ClickHouse's multi-substring search (one pass over the text, case-insensitive, UTF-8), so they cost
 * little even on megabyte prompts. They name behaviour (asking for reasoning, for a grade, for code), not
 * any campaign's wording: calibration against the population decides what is unusual.
 */

const arr = (xs: readonly string[]) => `[${xs.map((x) => `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;

/** Phrases that ask the model to write out, or reconstruct, its reasoning. Several languages. */
export const COT_PHRASES = [
  'step by step', 'step-by-step', 'chain of thought', 'chain-of-thought', 'show your reasoning', 'show your work',
  'show all your work', 'show all of your reasoning', 'explain your reasoning', 'your reasoning process', 'thought process',
  'think through', 'think it through', 'reason through', 'reasoning behind', 'reasoning that led', 'reasoning that leads',
  'intermediate steps', 'intermediate reasoning', 'walk me through', 'walk through your', 'reconstruct the reasoning',
  'reconstruct your reasoning', 'before answering, write', 'before you answer, write', 'write out your', 'think carefully',
  "let's think", 'lets think', 'explain how you arrived', 'how you arrived at', 'full derivation', 'detailed derivation',
  'justify each step', 'each step of your', 'paso a paso', 'razonamiento', 'étape par étape', 'raisonnement',
  'schritt für schritt', 'gedankengang', 'passo a passo', 'шаг за шагом', 'рассуждени', '一步一步', '逐步', '思考过程',
  '推理过程', 'ステップバイステップ', '段階的に', '思考過程', '단계별', '추론 과정',
] as const;

/** Phrases that use the model as a judge or reward model. */
export const RUBRIC_PHRASES = [
  'rubric', 'grade the following', 'grade this', 'score the following', 'score this response', 'score each', 'rate the following',
  'rate this response', 'rate the response', 'on a scale of 1', 'on a scale from 1', 'score from 1', 'score of 1-10',
  'score between 0 and', 'assign a score', 'as an impartial judge', 'act as a judge', 'as a judge', 'which response is better',
  'which of the two responses', 'evaluate the response', 'evaluate the following response', 'evaluate the quality',
  'grading criteria', 'scoring criteria', 'reward model', 'pairwise comparison', 'preference between',
] as const;

/**
 * Phrases of prompts that ask the model to write training data: lists of new task instructions
 * (self-instruct), harder or broader rewrites of a given prompt (evol-instruct), problems invented from a
 * seed snippet (OSS-Instruct), question-answer or instruction-response pairs. They name the behaviour, not
 * any tool's exact template.
 */
export const SYNTHESIS_PHRASES = [
  'task instructions', 'diverse tasks', 'diverse task', 'list of tasks', 'maximize diversity', 'maximise diversity',
  'instruction and response pair', 'instruction-response pair', 'prompt/response pair', 'prompt response pair', 'prompt-response pair',
  'question answer pairs', 'question-answer pairs', 'question/answer pairs', 'new similar examples', 'more prompts of a',
  'prompt rewriter', 'prompt creator', 'given prompt#', 'rewritten prompt', 'created prompt#', 'rewrite a given prompt',
  'more complex version', 'programming problem', 'gain inspiration from', 'draw inspiration from', 'help train it',
  'training data', 'synthetic data', 'beginexample', 'begininput', 'generate a dataset', 'generate training',
  'new instructions', 'diverse instructions', 'seed instruction', 'seed tasks',
] as const;

/** Words that mark software engineering requests. */
export const SWE_PHRASES = [
  'function', 'implement', 'refactor', 'bug', 'debug', 'stack trace', 'traceback', 'exception', 'compile', 'unit test',
  'test case', 'pytest', 'python', 'javascript', 'typescript', 'java ', 'golang', ' rust', 'c++', 'c#', 'kotlin', 'swift',
  'sql', 'regex', 'api', 'endpoint', 'class ', 'method', 'algorithm', 'code', 'repository', 'pull request', 'git ',
  'docker', 'kubernetes', 'lint', 'type error', 'null pointer', 'segfault', 'async', 'def ', 'import ', '```',
] as const;

/** Words that mark agentic, tool-using requests (tools declared in the request count too). */
export const AGENTIC_PHRASES = [
  'use the tool', 'use the tools', 'call the tool', 'tool call', 'function call', 'available tools', 'you have access to',
  'browse', 'search the web', 'navigate to', 'click', 'execute the', 'run the command', 'terminal', 'shell command',
  'file system', 'agent', 'autonomous', 'multi-step task', 'observation:', 'action:', 'thought:',
] as const;

/** Words that mark long-horizon planning requests. */
export const PLANNING_PHRASES = [
  'plan for', 'project plan', 'roadmap', 'milestone', 'timeline', 'migration plan', 'phases', 'phase 1', 'week 1', 'month 1',
  'step-by-step plan', 'long-term', 'strategy for', 'break down the project', 'work breakdown', 'dependencies between',
  'gantt', 'sprint', 'quarter', 'rollout',
] as const;

/** Words that mark math and logic reasoning requests. */
export const REASONING_PHRASES = [
  'solve', 'prove', 'proof', 'calculate', 'compute', 'how many', 'probability', 'equation', 'integral', 'derivative',
  'theorem', 'lemma', 'logic puzzle', 'riddle', 'deduce', 'if x', 'find the value', 'what is the sum', 'remainder',
  'geometry', 'triangle', 'algebra', 'arithmetic', 'percent', 'ratio',
] as const;

export const CAPABILITIES = ['software_engineering', 'agentic_tool_use', 'reasoning', 'long_horizon_planning', 'rubric_grading', 'general'] as const;
export type HuntCapability = (typeof CAPABILITIES)[number];

/** A Hyperscan pattern matching a phrase literally, case-insensitively. */
const literal = (phrase: string) => `(?i)${phrase.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&')}`;

/**
 * All phrase families in one list, so one Hyperscan pass over the text (multiMatchAllIndices) tells
 * every family that matched: far cheaper than a search per family on long prompts.
 */
const FAMILIES = {
  cot: COT_PHRASES,
  rubric: RUBRIC_PHRASES,
  synthesis: SYNTHESIS_PHRASES,
  agentic: AGENTIC_PHRASES,
  planning: PLANNING_PHRASES,
  swe: SWE_PHRASES,
  reasoning: REASONING_PHRASES,
} as const;
type Family = keyof typeof FAMILIES;
const ALL_PHRASES = Object.values(FAMILIES).flat();
const RANGES = (() => {
  let at = 1;
  const out = {} as Record<Family, [number, number]>;
  for (const [name, phrases] of Object.entries(FAMILIES) as [Family, readonly string[]][]) {
    out[name] = [at, at + phrases.length - 1];
    at += phrases.length;
  }
  return out;
})();

/** SQL: the 1-based indices of every phrase of every family found in the text. */
export const phraseHitsSql = (col: string) => `multiMatchAllIndices(${col}, ${arr(ALL_PHRASES.map(literal))})`;

/** SQL: did the hits (from phraseHitsSql) include a phrase of this family? */
export const hasFamilySql = (hits: string, family: Family) =>
  `arrayExists(i -> i BETWEEN ${RANGES[family][0]} AND ${RANGES[family][1]}, ${hits})`;

/**
 * SQL: the capability a request is after (an index into CAPABILITIES, 0-based), from the phrase hits of
 * its prompt and whether tools were declared. Rubric grading and tool use are the most specific, so they
 * are tested first.
 */
export function capabilitySql(hits: string, toolCount: string): string {
  return `multiIf(
    ${hasFamilySql(hits, 'rubric')}, 4,
    ${toolCount} > 0 OR ${hasFamilySql(hits, 'agentic')}, 1,
    ${hasFamilySql(hits, 'planning')}, 3,
    ${hasFamilySql(hits, 'swe')}, 0,
    ${hasFamilySql(hits, 'reasoning')}, 2,
    5)`;
}

/**
 * SQL: a key for the prompt's wording with the things that vary between fills of one template taken out:
 * case, digits, and everything past the first words. Prompts that open the same way share it.
 */
export const openingKeySql = (prompt: string, words = 8) =>
  `cityHash64(splitByNonAlpha(lowerUTF8(substring(ifNull(${prompt}, ''), 1, 120)), ${words}))`;


/**
 * SQL: ClickHouse's SimHash of the prompt's word 3-shingles (32 significant bits); near-duplicates
 * differ in few bits, identical texts are equal. Case is folded for ASCII letters only: the byte-wise
 * variant is a fifth cheaper than the UTF-8 one (the largest cost of the pass over the text), and gives
 * the same sketch wherever the text is ASCII; elsewhere two prompts differing only in the case of
 * non-Latin letters get different sketches, which templates rarely do.
 */
export const simhashSql = (prompt: string) => `wordShingleSimHashCaseInsensitive(ifNull(${prompt}, ''), 3)`;

/**
 * SQL: a hash of the prompt's shape: its text with digits normalised (the first 2000 characters, and its
 * length). Fills of one question template that differ only in their numbers ("Express 271 in base 8",
 * "Express 162 in base 3") share a shape; a fixed instruction wrapped around different requests does not.
 */
export const promptShapeSql = (prompt: string) =>
  `cityHash64(translate(substring(ifNull(${prompt}, ''), 1, 2000), '123456789', '000000000'), intDiv(length(ifNull(${prompt}, '')), 2000))`;

/** SQL: the prompt's lines, case, digits and spacing normalised (what line keys hash). */
export const normalizedLinesSql = (prompt: string) =>
  `arrayMap(l -> trimBoth(l), splitByChar('\\n', translate(lowerUTF8(substring(ifNull(${prompt}, ''), 1, 2000)), '123456789\\t', '000000000 ')))`;

/**
 * SQL: the hash of the first substantial line of the prompt (24+ characters once case, digits and spacing
 * are normalised), as an array of 0 or 1 keys. A template's fixed instructions ("Provide the code first,
 * then example usage.") recur line for line across its fills even when the slots (code, topic) make the
 * whole prompts differ. Only that one line is normalised: the same key as normalising every line first
 * (normalizedLinesSql), for a fraction of the work.
 */
export const lineKeysSql = (prompt: string, minChars = 24) =>
  `arrayMap(l -> cityHash64(trimBoth(translate(lowerUTF8(l), '123456789\\t', '000000000 '))), ` +
  `arrayFilter(l -> l != '', [arrayFirst(l -> length(trimBoth(replaceAll(l, '\\t', ' '))) >= ${minChars}, splitByChar('\\n', substring(ifNull(${prompt}, ''), 1, 2000)))]))`;

/** System prompts shorter than this are generic ("You are a helpful assistant."); longer ones identify an application. */
export const MIN_SYSTEM_KEY_CHARS = 200;

/**
 * SQL: a key for a long system prompt (MIN_SYSTEM_KEY_CHARS+; shorter ones are generic): the hash of the
 * whole text (hashing runs at memory speed; cutting a prefix first costs more than it saves). 0 for none.
 * `hash`: the text's cityHash64 if the query has it already.
 */
export const systemKeySql = (system: string, hash = `cityHash64(ifNull(${system}, ''))`) =>
  `if(length(ifNull(${system}, '')) >= ${MIN_SYSTEM_KEY_CHARS}, ${hash}, 0)`;
