/**
 * A harvest posing as chat users: the first turn of a conversation is a task (the persona's own text), the
 * later turns ask for more of the same answer, as a person in a chat would: explain it, extend it, redo it.
 */
import { A, cap, expandChoice, lex, type Choice, type Ctx } from './grammar.js';
import './lexicon.js';
import './cot.js';
import type { Capability, GeneratedExchangeText, PromptRequest, Rng } from './types.js';

const GENERIC: Choice = A([
  'ok thanks. can you go into more detail?',
  'Can you expand on the second part?',
  'great, now give me another example',
  'continue',
  'Keep going.',
  'What would change if ‹the input were much larger|we had half the budget|it had to run on a phone›?',
  'can you make it shorter?',
  'Now summarise all of that in ‹#3-6› bullet points.',
  'Are there any mistakes in your answer? Fix them.',
  'hmm, that does not look right to me. can you double-check?',
]);
const BY_CAPABILITY: Record<Capability, Choice> = {
  software_engineering: A(['Now add tests for it.', 'Rewrite it in ‹$lang›.', 'How would you make it faster?', 'can you add error handling and comments?', 'What are the edge cases?', 'Now refactor it into smaller functions.']),
  agentic_tool_use: A(['What tool would you call next, and with what arguments?', 'The last call failed with a timeout. What now?', 'Now do the same for ‹$city›.', 'Continue until the task is done.']),
  reasoning: A(['Can you check that answer another way?', 'Now solve the same problem with ‹#2-9› instead.', 'Why does that step work?', 'Give me a harder problem like this one and solve it.']),
  long_horizon_planning: A(['Now turn that into a week-by-week schedule.', 'What are the biggest risks in that plan?', 'Make the plan work with half the team.', 'Add owners and deadlines to each step.']),
  rubric_grading: A(['Now grade this second answer the same way: "‹It depends on many factors.|The answer is 42.|Use a loop.›"', 'Would you change any score? Why?', 'Give the scores as JSON.']),
  general: A(['Can you make it more ‹$tone›?', 'Now write it for ‹$audience›.', 'Give me three alternatives.', 'Translate that into ‹$humanLanguage›.']),
};
const COT: Choice = lex.get('cotCasual');

/** A later turn of a conversation that started with a harvested task. */
export function followUpText(req: PromptRequest, rng: Rng): GeneratedExchangeText {
  const ctx: Ctx = { rng, seed: 0, p: 1, vars: {} };
  let prompt = expandChoice(rng.next() < 0.6 ? BY_CAPABILITY[req.capability] : GENERIC, ctx);
  if (req.chainOfThought) prompt += ` ${cap(expandChoice(COT, ctx))}`;
  return { system: null, prompt, response: 'Sure, here is more detail on that.' };
}
