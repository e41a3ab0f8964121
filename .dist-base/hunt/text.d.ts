/**
 * What the hunt reads in prompt text, as SQL over a text column. Phrase lists are matched with
 * ClickHouse's multi-substring search (one pass over the text, case-insensitive, UTF-8), so they cost
 * little even on megabyte prompts. They name behaviour (asking for reasoning, for a grade, for code), not
 * any campaign's wording: calibration against the population decides what is unusual.
 */
/** Phrases that ask the model to write out, or reconstruct, its reasoning. Several languages. */
export declare const COT_PHRASES: readonly ["step by step", "step-by-step", "chain of thought", "chain-of-thought", "show your reasoning", "show your work", "show all your work", "show all of your reasoning", "explain your reasoning", "your reasoning process", "thought process", "think through", "think it through", "reason through", "reasoning behind", "reasoning that led", "reasoning that leads", "intermediate steps", "intermediate reasoning", "walk me through", "walk through your", "reconstruct the reasoning", "reconstruct your reasoning", "before answering, write", "before you answer, write", "write out your", "think carefully", "let's think", "lets think", "explain how you arrived", "how you arrived at", "full derivation", "detailed derivation", "justify each step", "each step of your", "paso a paso", "razonamiento", "étape par étape", "raisonnement", "schritt für schritt", "gedankengang", "passo a passo", "шаг за шагом", "рассуждени", "一步一步", "逐步", "思考过程", "推理过程", "ステップバイステップ", "段階的に", "思考過程", "단계별", "추론 과정"];
/** Phrases that use the model as a judge or reward model. */
export declare const RUBRIC_PHRASES: readonly ["rubric", "grade the following", "grade this", "score the following", "score this response", "score each", "rate the following", "rate this response", "rate the response", "on a scale of 1", "on a scale from 1", "score from 1", "score of 1-10", "score between 0 and", "assign a score", "as an impartial judge", "act as a judge", "as a judge", "which response is better", "which of the two responses", "evaluate the response", "evaluate the following response", "evaluate the quality", "grading criteria", "scoring criteria", "reward model", "pairwise comparison", "preference between"];
/** Words that mark software engineering requests. */
export declare const SWE_PHRASES: readonly ["function", "implement", "refactor", "bug", "debug", "stack trace", "traceback", "exception", "compile", "unit test", "test case", "pytest", "python", "javascript", "typescript", "java ", "golang", " rust", "c++", "c#", "kotlin", "swift", "sql", "regex", "api", "endpoint", "class ", "method", "algorithm", "code", "repository", "pull request", "git ", "docker", "kubernetes", "lint", "type error", "null pointer", "segfault", "async", "def ", "import ", "```"];
/** Words that mark agentic, tool-using requests (tools declared in the request count too). */
export declare const AGENTIC_PHRASES: readonly ["use the tool", "use the tools", "call the tool", "tool call", "function call", "available tools", "you have access to", "browse", "search the web", "navigate to", "click", "execute the", "run the command", "terminal", "shell command", "file system", "agent", "autonomous", "multi-step task", "observation:", "action:", "thought:"];
/** Words that mark long-horizon planning requests. */
export declare const PLANNING_PHRASES: readonly ["plan for", "project plan", "roadmap", "milestone", "timeline", "migration plan", "phases", "phase 1", "week 1", "month 1", "step-by-step plan", "long-term", "strategy for", "break down the project", "work breakdown", "dependencies between", "gantt", "sprint", "quarter", "rollout"];
/** Words that mark math and logic reasoning requests. */
export declare const REASONING_PHRASES: readonly ["solve", "prove", "proof", "calculate", "compute", "how many", "probability", "equation", "integral", "derivative", "theorem", "lemma", "logic puzzle", "riddle", "deduce", "if x", "find the value", "what is the sum", "remainder", "geometry", "triangle", "algebra", "arithmetic", "percent", "ratio"];
export declare const CAPABILITIES: readonly ["software_engineering", "agentic_tool_use", "reasoning", "long_horizon_planning", "rubric_grading", "general"];
export type HuntCapability = (typeof CAPABILITIES)[number];
/**
 * All phrase families in one list, so one Hyperscan pass over the text (multiMatchAllIndices) tells
 * every family that matched: far cheaper than a search per family on long prompts.
 */
declare const FAMILIES: {
    readonly cot: readonly ["step by step", "step-by-step", "chain of thought", "chain-of-thought", "show your reasoning", "show your work", "show all your work", "show all of your reasoning", "explain your reasoning", "your reasoning process", "thought process", "think through", "think it through", "reason through", "reasoning behind", "reasoning that led", "reasoning that leads", "intermediate steps", "intermediate reasoning", "walk me through", "walk through your", "reconstruct the reasoning", "reconstruct your reasoning", "before answering, write", "before you answer, write", "write out your", "think carefully", "let's think", "lets think", "explain how you arrived", "how you arrived at", "full derivation", "detailed derivation", "justify each step", "each step of your", "paso a paso", "razonamiento", "étape par étape", "raisonnement", "schritt für schritt", "gedankengang", "passo a passo", "шаг за шагом", "рассуждени", "一步一步", "逐步", "思考过程", "推理过程", "ステップバイステップ", "段階的に", "思考過程", "단계별", "추론 과정"];
    readonly rubric: readonly ["rubric", "grade the following", "grade this", "score the following", "score this response", "score each", "rate the following", "rate this response", "rate the response", "on a scale of 1", "on a scale from 1", "score from 1", "score of 1-10", "score between 0 and", "assign a score", "as an impartial judge", "act as a judge", "as a judge", "which response is better", "which of the two responses", "evaluate the response", "evaluate the following response", "evaluate the quality", "grading criteria", "scoring criteria", "reward model", "pairwise comparison", "preference between"];
    readonly agentic: readonly ["use the tool", "use the tools", "call the tool", "tool call", "function call", "available tools", "you have access to", "browse", "search the web", "navigate to", "click", "execute the", "run the command", "terminal", "shell command", "file system", "agent", "autonomous", "multi-step task", "observation:", "action:", "thought:"];
    readonly planning: readonly ["plan for", "project plan", "roadmap", "milestone", "timeline", "migration plan", "phases", "phase 1", "week 1", "month 1", "step-by-step plan", "long-term", "strategy for", "break down the project", "work breakdown", "dependencies between", "gantt", "sprint", "quarter", "rollout"];
    readonly swe: readonly ["function", "implement", "refactor", "bug", "debug", "stack trace", "traceback", "exception", "compile", "unit test", "test case", "pytest", "python", "javascript", "typescript", "java ", "golang", " rust", "c++", "c#", "kotlin", "swift", "sql", "regex", "api", "endpoint", "class ", "method", "algorithm", "code", "repository", "pull request", "git ", "docker", "kubernetes", "lint", "type error", "null pointer", "segfault", "async", "def ", "import ", "```"];
    readonly reasoning: readonly ["solve", "prove", "proof", "calculate", "compute", "how many", "probability", "equation", "integral", "derivative", "theorem", "lemma", "logic puzzle", "riddle", "deduce", "if x", "find the value", "what is the sum", "remainder", "geometry", "triangle", "algebra", "arithmetic", "percent", "ratio"];
};
type Family = keyof typeof FAMILIES;
/** SQL: the 1-based indices of every phrase of every family found in the text. */
export declare const phraseHitsSql: (col: string) => string;
/** SQL: did the hits (from phraseHitsSql) include a phrase of this family? */
export declare const hasFamilySql: (hits: string, family: Family) => string;
/**
 * SQL: the capability a request is after (an index into CAPABILITIES, 0-based), from the phrase hits of
 * its prompt and whether tools were declared. Rubric grading and tool use are the most specific, so they
 * are tested first.
 */
export declare function capabilitySql(hits: string, toolCount: string): string;
/**
 * SQL: a key for the prompt's wording with the things that vary between fills of one template taken out:
 * case, digits, and everything past the first words. Prompts that open the same way share it.
 */
export declare const openingKeySql: (prompt: string, words?: number) => string;
/**
 * SQL: ClickHouse's SimHash of the prompt's word 3-shingles (32 significant bits); near-duplicates
 * differ in few bits, identical texts are equal. Case is folded for ASCII letters only: the byte-wise
 * variant is a fifth cheaper than the UTF-8 one (the largest cost of the pass over the text), and gives
 * the same sketch wherever the text is ASCII; elsewhere two prompts differing only in the case of
 * non-Latin letters get different sketches, which templates rarely do.
 */
export declare const simhashSql: (prompt: string) => string;
/**
 * SQL: a hash of the prompt's shape: its text with digits normalised (the first 2000 characters, and its
 * length). Fills of one question template that differ only in their numbers ("Express 271 in base 8",
 * "Express 162 in base 3") share a shape; a fixed instruction wrapped around different requests does not.
 */
export declare const promptShapeSql: (prompt: string) => string;
/** SQL: the prompt's lines, case, digits and spacing normalised (what line keys hash). */
export declare const normalizedLinesSql: (prompt: string) => string;
/**
 * SQL: the hash of the first substantial line of the prompt (24+ characters once case, digits and spacing
 * are normalised), as an array of 0 or 1 keys. A template's fixed instructions ("Provide the code first,
 * then example usage.") recur line for line across its fills even when the slots (code, topic) make the
 * whole prompts differ. Only that one line is normalised: the same key as normalising every line first
 * (normalizedLinesSql), for a fraction of the work.
 */
export declare const lineKeysSql: (prompt: string, minChars?: number) => string;
/** System prompts shorter than this are generic ("You are a helpful assistant."); longer ones identify an application. */
export declare const MIN_SYSTEM_KEY_CHARS = 200;
/**
 * SQL: a key for a long system prompt (MIN_SYSTEM_KEY_CHARS+; shorter ones are generic): the hash of the
 * whole text (hashing runs at memory speed; cutting a prefix first costs more than it saves). 0 for none.
 * `hash`: the text's cityHash64 if the query has it already.
 */
export declare const systemKeySql: (system: string, hash?: string) => string;
export {};
