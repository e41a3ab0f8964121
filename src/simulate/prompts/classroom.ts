/**
 * University classes and hackathons: one assignment per templateKey (class + assignment), pasted by many
 * students with small variations of their own (greetings, "please help", partial pastes, their answer so
 * far). The assignment text, numbers included, is a pure function of the key, as it is on the handout.
 */
import { A, cap, expand, expandChoice, lex, P, type Ctx, type Phrase } from './grammar.js';
import './lexicon.js';
import './cot.js';
import { functionSpec } from './code.js';
import { PROBLEMS } from './problems.js';
import { pasted } from './pasted.js';
import { hashString, SeededRng } from './rng.js';
import type { Capability, GeneratedExchangeText, PromptRequest, Rng } from './types.js';

lex.add('course', ['CS ‹#101-350›', 'COMP ‹#1000-3999›', 'MATH ‹#100-420›', 'STAT ‹#200-330›', 'ENG ‹#100-300›', 'PM ‹#200-400›', 'ECON ‹#101-310›', 'AI ‹#200-500›']);

const SWE_TASK = P('‹$course› ‹Homework|Assignment|Lab› ‹#1-9›, ‹Problem|Exercise› ‹#1-5›\n\nWrite a ‹Python|Java|C++› function `‹^fname›` that should ‹^summary›. ‹Your solution must run in O(n) time.|Do not use any built-in sort or library helpers.|Handle invalid input by raising an exception.› Include at least ‹#2-5› test cases and a short explanation of your approach.');
const MATH_HEAD = P('‹$course› ‹Problem Set|Homework|Quiz review› ‹#1-10›, Question ‹#1-8›');
const ESSAY = P('‹$course› — Essay ‹#1-4›\n\nWrite a ‹#500-2000›-word ‹argumentative|analytical|reflective› essay on ‹$essayTopic›. ‹Take a clear position and address at least one counterargument.|Compare two perspectives and evaluate which is more convincing.› Cite at least ‹#2-6› scholarly sources in ‹APA|MLA|Chicago› format. Due ‹$weekday›.');
const PM = P('‹$course› Project Management — Assignment ‹#1-5›\n\nYou are the project manager for a team asked to ‹$project›. Prepare a project plan with: (1) a work breakdown structure, (2) a schedule with milestones over ‹#8-26› weeks, (3) a budget of at most $‹#50-900›k, and (4) a risk register with at least ‹#4-8› risks.');
const PEER = P("‹$course› Peer Review\n\nGrade your classmate's essay using the rubric. Give a score for each criterion and two sentences of feedback.\nRubric:\n- Thesis (0-‹#3-5›)\n- Evidence (0-‹#3-5›)\n- Organisation (0-‹#3-5›)\n- Mechanics (0-‹#2-4›)");
const AGENT_LAB = P('‹$course› Lab ‹#1-8›: Tool-using agents\n\nDesign an agent that can ‹$agentTask›. List the tools it needs with their input and output schemas, write the agent loop in Python, and show a sample trace of ‹#3-8› tool calls.');

const ASSIGNMENT: Record<Capability, (ctx: Ctx) => string> = {
  software_engineering: (ctx) => {
    const s = functionSpec(ctx);
    ctx.vars.fname = s.name;
    ctx.vars.summary = s.summary;
    return expand(SWE_TASK, ctx);
  },
  reasoning: (ctx) => {
    const parts: string[] = [];
    const n = 2 + ctx.rng.int(3);
    for (let i = 0; i < n; i++) {
      const makers = i % 2 ? PROBLEMS.competition : PROBLEMS.gradeSchool;
      parts.push(`(${String.fromCharCode(97 + i)}) ${makers[ctx.rng.int(makers.length)]!(ctx).text}`);
    }
    return `${expand(MATH_HEAD, ctx)}\n\n${parts.join('\n')}`;
  },
  general: (ctx) => expand(ESSAY, ctx),
  long_horizon_planning: (ctx) => expand(PM, ctx),
  rubric_grading: (ctx) => expand(PEER, ctx),
  agentic_tool_use: (ctx) => expand(AGENT_LAB, ctx),
};

const OPEN = A(['', '', 'hi, ', 'hello! ', 'Hey, ', 'please help: ', 'can you help me with my homework? ', "I'm stuck on this question: ", 'how do i do this? ', 'my professor gave us this and I have no idea: ', 'Help!! due tonight: ', 'I need help with this assignment\n\n']);
const CLOSE = A(['', '', '', ' thanks', '\n\nplease explain', '\n\nI tried but I keep getting a different answer', '\n\ncan you check my work?', '\n\nwhere do I even start', '\n\nthank you so much', '\n\nI only need help with the first part']);
const SUBMISSION: Phrase = P('\n\nHere is the essay:\n‹^essay›');
const COT = lex.get('cotCasual');

const assignmentCache = new Map<string, string>();
function assignmentFor(key: string, capability: Capability): string {
  const ck = `${capability}|${key}`;
  let a = assignmentCache.get(ck);
  if (a === undefined) {
    const ctx: Ctx = { rng: new SeededRng(hashString(`class:${ck}`)), seed: 0, p: 1, vars: {} };
    a = ASSIGNMENT[capability](ctx);
    if (assignmentCache.size > 20_000) assignmentCache.clear();
    assignmentCache.set(ck, a);
  }
  return a;
}

/** A student's own words around pasted text: greeting, partial or lower-cased paste, closing, CoT ask. */
export function studentWrap(text: string, req: PromptRequest, ctx: Ctx): string {
  const p = Math.min(1, Math.max(0, req.paraphrase));
  let body = text;
  const r = ctx.rng.next();
  const cut = text.indexOf('\n\n');
  if (r < 0.15 + 0.3 * p && cut > 0) body = text.slice(cut + 2);
  else if (r < 0.2 + 0.35 * p) body = text.toLowerCase();
  let prompt = expandChoice(OPEN, ctx) + body;
  if (req.capability === 'rubric_grading') {
    ctx.vars.essay = pasted(ctx, 'news', 3 + ctx.rng.int(5));
    prompt += expand(SUBMISSION, ctx);
  }
  prompt += expandChoice(CLOSE, ctx);
  if (req.chainOfThought) prompt += `\n\n${cap(expandChoice(COT, ctx))}`;
  return prompt;
}

// ---- the course's own system prompt (a class whose tool sends one: the course's teaching-assistant bot) ----

lex.add('courseTerm', ['Fall', 'Spring', 'Winter', 'Summer']);
const COURSE_SYSTEM = P(
  'You are the teaching assistant for ‹$course›, ‹$courseTerm› ‹#2025-2026›, taught by Prof. ‹$name›.\n\n' +
    'Your job is to help students learn the material, not to do their graded work for them.\n' +
    'Rules:\n' +
    '1. ‹Never write a complete solution to a graded assignment; give hints, ask guiding questions and point to the relevant lecture.|Do not hand out full answers to homework problems; guide the student one step at a time.›\n' +
    '2. When a student shares their own attempt, explain what is right and what is wrong in it before anything else.\n' +
    '3. ‹Use the notation from the lecture notes.|Use the course textbook\'s terminology.› If a question is outside the syllabus, say so briefly.\n' +
    '4. For code, ‹$lang› only; explain errors in plain language and suggest how to debug them.\n' +
    '5. Keep answers under ‹#200-500› words unless the student asks for more.\n' +
    '6. Remind students of the academic integrity policy if they ask you to ‹write their essay|solve the exam|complete the assignment› for them.\n\n' +
    'Office hours: ‹$weekday›s ‹#1-5›-‹#6-8› pm in room ‹#100-499›. Late submissions lose ‹#5-20›% a day. ‹Be encouraging and patient.|Be concise, friendly and precise.›',
);

/** The course's system prompt, a pure function of the class (`class:<id>` of any key the class sends). */
export function courseSystem(key: string): string {
  const i = key.indexOf(':', key.indexOf(':') + 1);
  const course = i > 0 ? key.slice(0, i) : key;
  let s = courseCache.get(course);
  if (s === undefined) {
    s = expand(COURSE_SYSTEM, { rng: new SeededRng(hashString(`course:${course}`)), seed: hashString(course), p: 0, vars: {} });
    if (courseCache.size > 20_000) courseCache.clear();
    courseCache.set(course, s);
  }
  return s;
}
const courseCache = new Map<string, string>();

export function classroomText(req: PromptRequest, rng: Rng): GeneratedExchangeText {
  const ctx: Ctx = { rng, seed: 0, p: 1, vars: {} };
  const assignment = req.templateKey !== undefined ? assignmentFor(req.templateKey, req.capability) : ASSIGNMENT[req.capability](ctx);
  // The course bot's system prompt is only sent when the class's system_prompt policy says so.
  const system = req.templateKey !== undefined ? courseSystem(req.templateKey) : null;
  return { system, prompt: studentWrap(assignment, req, ctx), response: "Here's how to approach it, starting with the first part." };
}
