/**
 * Self-instruct and evol-instruct expansion: a harvester grows an instruction set with the model itself
 * (self-instruct, Wang et al. 2023; evol-instruct, Xu et al. 2023). Two kinds of request:
 * - generation: a meta-prompt showing a few tasks already held and asking for a numbered list of new,
 *   diverse task instructions; its answer is that list;
 * - evolution: a meta-prompt asking to rewrite one instruction to be more complex (another constraint,
 *   deeper, more concrete, more reasoning steps, a harder input) or to write a new one in the same domain;
 *   the instruction it rewrites is an earlier output: a task a generation answer listed, or the answer of
 *   the previous evolution of that task.
 * A campaign's instruction pool is a pure function of its id (from the templateKey), so the tasks quoted by
 * evolution prompts are those its generation answers listed, and evolution d rewrites evolution d-1's answer.
 * Without a templateKey every request draws its own pool (free-form: nothing ties two requests together).
 * The wording of the meta-prompts is ours; the corpus generator can supply real seed instructions instead.
 */
import { A, expand, expandChoice, lex, P, type Choice, type Ctx, type Phrase } from './grammar.js';
import './lexicon.js';
import './cot.js';
import { campaignOf } from './attack.js';
import { PROBLEMS } from './problems.js';
import { hashString, mix, SeededRng } from './rng.js';
import type { Capability, GeneratedExchangeText, PromptRequest, Rng } from './types.js';

/** Instructions per campaign pool (indices wrap): enough that generation answers rarely repeat. */
const POOL_SIZE = 4096;
/** Evolutions applied to one task at most (evol-instruct runs a handful of rounds). */
const MAX_DEPTH = 4;

lex.add('siDomain', ['programming', 'data analysis', 'mathematics', 'everyday writing', 'science questions', 'business planning', 'tool use by an AI agent', 'logic puzzles', 'history and culture', 'personal finance']);

const INSTRUCTIONS: Record<Capability, Phrase[]> = {
  software_engineering: [
    P('Write a ‹$lang› function that ‹validates|parses|normalises|deduplicates› ‹email addresses|ISO dates|CSV rows|URLs|phone numbers› and explain the edge cases it handles.'),
    P('Implement ‹$component› in ‹$lang›.'),
    P('Write a SQL query that returns ‹$sqlAsk›.'),
    P('Refactor a ‹$lang› class with ‹#3-12› responsibilities into smaller units, and explain each change.'),
    P('Explain the difference between ‹processes and threads|a mutex and a semaphore|composition and inheritance|a stack and a queue› with a short ‹$lang› example.'),
    P('Write unit tests in ‹$lang› for a function that ‹merges two sorted lists|computes a moving average|converts Roman numerals|rate-limits calls›.'),
  ],
  agentic_tool_use: [
    P('Using the tools available to you, ‹$agentTask›.'),
    P('List the sequence of API calls needed to ‹$agentTask›, with the arguments of each.'),
    P('You can search the web and run Python. Find out ‹the population of ‹$city› in ‹#1950-2020›|the exchange rate history of the yen over ‹#2-10› years|how many moons Saturn has› and report your sources.'),
  ],
  reasoning: [
    P('Prove that ‹$claim›.'),
    P('‹^problem›'),
    P('A ‹bag|box|jar› holds ‹#2-9› red and ‹#2-9› blue ‹marbles|balls›. Two are drawn without replacement. What is the probability that they are the same colour?'),
    P('How many ‹#3-6›-digit numbers have digits that sum to ‹#5-20›?'),
  ],
  long_horizon_planning: [
    P('Create a ‹$horizon› plan to ‹$project›.'),
    P('Outline the steps a team of ‹#3-30› would take to ‹$project›, with milestones.'),
    P('Draft a study plan to learn ‹$lang› in ‹#4-16› weeks for ‹$audience›.'),
  ],
  rubric_grading: [
    P('Rate the following answer to "‹What causes inflation?|Why is the sky blue?|How do vaccines work?›" on accuracy and clarity from 1 to 10: "‹It is caused by many things.|Because of the ocean.|They train the immune system to recognise a germ.›"'),
    P('Given a rubric with ‹#3-6› criteria, grade a ‹#200-800›-word essay on ‹$essayTopic› and justify each score.'),
    P('Compare two answers to a ‹$lang› coding question and say which is better and why.'),
  ],
  general: [
    P('Explain ‹$concept› to ‹$audience›.'),
    P('Write a ‹$tone› email to ‹a landlord|a colleague|a customer|a professor› about ‹a late payment|a schedule change|a broken heater|a missed deadline›.'),
    P('Write a short story about ‹$writingTopic›.'),
    P('Give ‹#3-10› practical tips for ‹$tipTopic›.'),
    P('Compare ‹$comparePair› in a short table.'),
    P('Summarise the main causes of ‹the French Revolution|the 2008 financial crisis|the fall of the Western Roman Empire|the Industrial Revolution› in ‹#3-8› bullet points.'),
  ],
};

const EVOLUTIONS: Record<string, { method: string; add: Choice }> = {
  constraints: {
    method: 'Add one more constraint or requirement to the instruction.',
    add: A([
      ' The answer must be under ‹#80-300› words.',
      ' Do not use any external libraries.',
      ' Present the result as a table.',
      ' Cite at least ‹#2-4› sources.',
      ' It must run in O(n log n) time or better.',
      ' Write it for ‹$audience›.',
      ' Use exactly ‹#3-7› sections, each with a heading.',
    ]),
  },
  deepening: {
    method: 'If the instruction asks about an issue, increase the depth and breadth of the inquiry.',
    add: A([' Also discuss the trade-offs involved and when each choice is preferable.', ' Then discuss common misconceptions and why they arise.', ' Also cover the historical background and how the answer has changed over time.', ' Include the failure modes and how to detect them.']),
  },
  concretizing: {
    method: 'Replace general concepts with more specific ones.',
    add: A([' The setting is a ‹#5-500›-person company called ‹$company› in ‹$city›.', ' Use real numbers from a ‹#2015-2025› scenario.', ' Assume the reader is ‹$name›, who works as a ‹nurse|teacher|data engineer|shop owner›.']),
  },
  reasoning: {
    method: 'If the instruction can be answered with a few simple thoughts, rewrite it to require multiple explicit reasoning stages.',
    add: A([' Solve it in several explicit stages and justify each one.', ' First state the assumptions, then derive the answer, then verify it with a second method.', ' Break the problem into sub-problems and solve each before combining them.']),
  },
  complicating: {
    method: 'Add a more complicated input, such as a table, a code snippet or a data sample, to the instruction.',
    add: A([
      '\n\n| item | q1 | q2 | q3 |\n|---|---|---|---|\n| A | ‹#10-99› | ‹#10-99› | ‹#10-99› |\n| B | ‹#10-99› | ‹#10-99› | ‹#10-99› |',
      '\n\n```\nrecords = [(‹#1-9›, "‹$city›"), (‹#1-9›, "‹$c2:city›"), (‹#1-9›, "‹$c3:city›")]\n```',
      ' Use this sample as input: ‹#100-999›, ‹#100-999›, ‹#100-999›, ‹#100-999›, ‹#100-999›.',
    ]),
  },
};
const EVOLUTION_KINDS = Object.keys(EVOLUTIONS);

// ---- meta-prompts (our own wording) -------------------------------------------------------------------

const GEN_HEAD: Choice = A([
  'You are asked to come up with a set of ‹#n:15-40› diverse task instructions. These instructions will be given to an AI assistant and we will evaluate how well it completes them.\n\nRequirements:\n1. ‹Do not repeat the verb across instructions,|Vary the main verb of each instruction› so the set is diverse.\n2. Vary the language: mix questions with imperative instructions.\n3. Cover many types of task: open-ended generation, classification, editing, reasoning, coding, planning.\n4. Each instruction must be something an AI assistant can do with text alone.\n5. Instructions should be ‹1 to 2 sentences|short but specific›, in English.',
  'Generate ‹#n:10-50› new instructions for training a helpful assistant ‹in the domain of ‹$siDomain›|across many domains›. Each instruction must be self-contained, specific and different in form and topic from the examples.‹ Return a numbered list and nothing else.| Number them.›',
  'Brainstorm a ‹diverse|varied|broad› list of ‹#n:10-40› tasks a user might give an AI assistant‹ about ‹$siDomain›|›. Mix questions, commands and requests for rewriting or analysis. ‹Avoid near-duplicates.|No two tasks may share a topic.›',
]);
const GEN_EXAMPLES: Choice = A(['Here are examples of tasks already in the set:', 'Examples:', 'Existing tasks (do not repeat them):', 'List of tasks:']);

const EVOL_HEAD: Choice = A([
  'I want you to act as an instruction rewriter. Your goal is to rewrite the given instruction into a more complex version that well-known AI systems would find harder to handle, while keeping it reasonable and answerable by humans. ‹Keep any tables or code in the given instruction.|Do not drop non-text parts such as tables or code.›',
  'Rewrite the instruction below to make it ‹harder|more challenging|more demanding›. The rewritten instruction must stay self-contained and must not mention that it was rewritten.',
  'You are an expert at making training data more difficult. Evolve the following instruction.',
]);
const EVOL_BREADTH: Choice = A([
  'I want you to act as an instruction creator. Draw inspiration from the given instruction to create a brand-new instruction in the same domain but rarer in topic. It should be about as long and as hard as the given one.',
  'Write a new instruction inspired by the one below: same domain, a different and less common topic, similar length and difficulty.',
]);
const EVOL_TAIL: Choice = A(['The rewritten instruction may add at most ‹#10-25› words.', 'Reply with the rewritten instruction only.', '']);
const GIVEN: Choice = A(['#Given Instruction#:', 'Instruction:', 'Original:', '#Original Instruction#:']);
const REWRITTEN: Choice = A(['#Rewritten Instruction#:', 'Rewritten:', 'New instruction:', '']);

// ---- the pool ----------------------------------------------------------------------------------------

/** Real seed instructions, when a corpus supplies them: (pool, capability, index) → text. */
export type SeedInstructions = (pool: string, capability: Capability, index: number) => string;

const cache = new Map<string, string>();
function remember(key: string, make: () => string): string {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (cache.size > 50_000) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Task `index` of a pool: a pure function of (pool, capability, index). */
function baseInstruction(pool: string, capability: Capability, index: number, seeds?: SeedInstructions): string {
  if (seeds) return seeds(pool, capability, index);
  return remember(`0|${pool}|${capability}|${index}`, () => {
    const ctx: Ctx = { rng: new SeededRng(hashString(`si:${pool}|${capability}|${index}`)), seed: 0, p: 1, vars: {} };
    const ps = INSTRUCTIONS[capability];
    const phrase = ps[ctx.rng.int(ps.length)]!;
    const makers = PROBLEMS.gradeSchool;
    ctx.vars.problem = makers[ctx.rng.int(makers.length)]!(ctx).text;
    return expand(phrase, ctx);
  });
}

/** Which evolution turns depth d-1 of a task into depth d (breadth: a new task instead). */
function evolutionAt(pool: string, capability: Capability, index: number, depth: number): string {
  const h = mix(hashString(`evol:${pool}|${capability}|${index}`), depth);
  return h % 6 === 5 ? 'breadth' : EVOLUTION_KINDS[h % EVOLUTION_KINDS.length]!;
}

/** Task `index` of a pool after `depth` evolutions (depth 0: as a generation answer listed it). */
export function evolvedInstruction(pool: string, capability: Capability, index: number, depth: number, seeds?: SeedInstructions): string {
  if (depth <= 0) return baseInstruction(pool, capability, index, seeds);
  return remember(`${depth}|${pool}|${capability}|${index}|${seeds ? 's' : 'b'}`, () => {
    const before = evolvedInstruction(pool, capability, index, depth - 1, seeds);
    const kind = evolutionAt(pool, capability, index, depth);
    if (kind === 'breadth') return baseInstruction(pool, capability, (index * 7 + depth * 131 + 17) % POOL_SIZE, seeds);
    const ctx: Ctx = { rng: new SeededRng(mix(hashString(`evol-text:${pool}|${capability}|${index}`), depth)), seed: 0, p: 1, vars: {} };
    return before + expandChoice(EVOLUTIONS[kind]!.add, ctx);
  });
}

const COT = lex.get('cotAttack');

/** One self-instruct or evol-instruct request and its answer. */
export function selfInstructText(req: PromptRequest, rng: Rng, seeds?: SeedInstructions): GeneratedExchangeText {
  const keyed = req.templateKey !== undefined;
  const pool = keyed ? campaignOf(req.templateKey!) : `free:${rng.int(1 << 30)}`;
  const seed = keyed ? hashString(`si-template:${req.templateKey}`) : 0;
  const ctx: Ctx = { rng, seed, p: keyed ? Math.min(1, Math.max(0, req.paraphrase)) : 1, vars: {} };
  const cap = req.capability;
  let prompt: string;
  let response: string;
  if (rng.next() < 0.35) {
    // Generation: a few tasks already held, then a request for many new ones.
    const head = expandChoice(GEN_HEAD, ctx);
    const n = Number(ctx.vars.n ?? 20);
    const shown = 2 + rng.int(3);
    const start = rng.int(POOL_SIZE);
    const examples = Array.from({ length: shown }, (_, j) => `${j + 1}. ${evolvedInstruction(pool, cap, (start + j) % POOL_SIZE, 0, seeds)}`);
    prompt = `${head}\n\n${expandChoice(GEN_EXAMPLES, ctx)}\n${examples.join('\n')}\n${shown + 1}.`;
    const next = rng.int(POOL_SIZE);
    response = Array.from({ length: Math.min(n, 12) }, (_, j) => `${shown + j + 1}. ${evolvedInstruction(pool, cap, (next + j) % POOL_SIZE, 0, seeds)}`).join('\n');
  } else {
    // Evolution: rewrite an earlier output one step further.
    const index = rng.int(POOL_SIZE);
    const depth = 1 + rng.int(MAX_DEPTH);
    const kind = evolutionAt(pool, cap, index, depth);
    const given = evolvedInstruction(pool, cap, index, depth - 1, seeds);
    const head = kind === 'breadth' ? expandChoice(EVOL_BREADTH, ctx) : `${expandChoice(EVOL_HEAD, ctx)}\n\nMethod: ${EVOLUTIONS[kind]!.method}`;
    const tail = expandChoice(EVOL_TAIL, ctx);
    const rewritten = expandChoice(REWRITTEN, ctx);
    prompt = `${head}${tail ? ` ${tail}` : ''}\n\n${expandChoice(GIVEN, ctx)}\n${given}${rewritten ? `\n\n${rewritten}` : ''}`;
    response = evolvedInstruction(pool, cap, index, depth, seeds);
  }
  if (req.chainOfThought) prompt += `\n\n${expandChoice(COT, ctx)}`;
  return { system: keyed ? null : rng.next() < 0.3 ? 'You are a helpful assistant.' : null, prompt, response };
}
