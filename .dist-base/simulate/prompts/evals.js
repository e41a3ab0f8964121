/**
 * Evaluation runs: benchmark-style items (grade-school word problems, function stubs, competition math,
 * repository issues, multiple choice, function calling, block-world planning, judge prompts) wrapped in
 * a harness's format. Items come from fixed banks: item i of a benchmark is the same text for everyone,
 * so unrelated labs running the same benchmark send byte-identical prompts, as they do in reality.
 *
 * The benchmark is `req.benchmark` (else one suited to the capability); the harness (prompt format,
 * few-shot examples, answer instruction) is a function of the templateKey, else of the benchmark.
 */
import { expandChoice, lex } from './grammar.js';
import './lexicon.js';
import './cot.js';
import { functionSpec, stackTrace } from './code.js';
import { PROBLEMS } from './problems.js';
import { hashString, mix, SeededRng } from './rng.js';
import { TOOL_BLOCKS } from './tools.js';
const BANK_SIZE = 1000;
const fromProblems = (makers) => (ctx) => {
    const p = makers[ctx.rng.int(makers.length)](ctx);
    return { question: p.text, answer: p.answer };
};
/** Original multiple-choice items: [subject, question, correct, distractor, distractor, distractor]. */
const MC = [
    ['high_school_biology', 'Which organelle is the site of aerobic respiration in eukaryotic cells?', 'Mitochondrion', 'Ribosome', 'Golgi apparatus', 'Lysosome'],
    ['high_school_chemistry', 'What is the pH of a neutral aqueous solution at 25 °C?', '7', '0', '1', '14'],
    ['astronomy', 'Which planet has the shortest orbital period around the Sun?', 'Mercury', 'Venus', 'Mars', 'Earth'],
    ['world_history', 'The Treaty of Westphalia (1648) ended which conflict?', "The Thirty Years' War", 'The Hundred Years\' War', 'The War of the Roses', 'The Seven Years\' War'],
    ['computer_science', 'What is the worst-case time complexity of binary search on a sorted array of n elements?', 'O(log n)', 'O(n)', 'O(n log n)', 'O(1)'],
    ['economics', 'If demand increases while supply stays the same, the equilibrium price will usually', 'rise', 'fall', 'stay the same', 'become zero'],
    ['physics', 'What is the SI unit of electrical resistance?', 'Ohm', 'Volt', 'Ampere', 'Watt'],
    ['geography', 'Which is the largest hot desert in the world?', 'Sahara', 'Gobi', 'Kalahari', 'Atacama'],
    ['philosophy', 'Who wrote "Critique of Pure Reason"?', 'Immanuel Kant', 'David Hume', 'René Descartes', 'John Locke'],
    ['nutrition', 'Which vitamin is produced in human skin on exposure to sunlight?', 'Vitamin D', 'Vitamin C', 'Vitamin A', 'Vitamin K'],
    ['statistics', 'Which measure of central tendency is least affected by extreme outliers?', 'Median', 'Mean', 'Range', 'Standard deviation'],
    ['law', 'In most common-law systems, the standard of proof in criminal cases is', 'beyond reasonable doubt', 'balance of probabilities', 'clear and convincing evidence', 'prima facie'],
    ['machine_learning', 'Which technique reduces overfitting by randomly zeroing activations during training?', 'Dropout', 'Batch normalisation', 'Gradient clipping', 'Early stopping'],
    ['anatomy', 'Which chamber of the heart pumps oxygenated blood into the aorta?', 'Left ventricle', 'Right ventricle', 'Left atrium', 'Right atrium'],
    ['electrical_engineering', 'Two 6-ohm resistors in parallel have an equivalent resistance of', '3 ohms', '12 ohms', '6 ohms', '1.5 ohms'],
    ['marketing', 'Dividing a market into groups of buyers with similar needs is called', 'segmentation', 'positioning', 'targeting', 'branding'],
    ['psychology', 'Learning in which a neutral stimulus comes to elicit a response after pairing with a meaningful stimulus is', 'classical conditioning', 'operant conditioning', 'habituation', 'observational learning'],
    ['computer_security', 'Which attack tricks a logged-in user\'s browser into sending an unwanted request to a site?', 'Cross-site request forgery', 'SQL injection', 'Buffer overflow', 'Phishing'],
];
const LETTERS = ['A', 'B', 'C', 'D'];
const mcItem = (ctx) => {
    // Mostly computed questions (unbounded variety), some factual ones from the list above.
    let subject, q, right, wrong;
    if (ctx.rng.int(3) === 0) {
        const m = MC[ctx.rng.int(MC.length)];
        [subject, q, right] = [m[0], m[1], m[2]];
        wrong = [m[3], m[4], m[5]];
    }
    else {
        const p = PROBLEMS.competition[ctx.rng.int(PROBLEMS.competition.length)](ctx);
        subject = 'high_school_mathematics';
        q = p.text;
        right = p.answer;
        const n = Number(p.answer);
        wrong = Number.isFinite(n) ? [String(n + 1), String(n - 2), String(n * 2 + 3)] : [`${p.answer}0`, `-${p.answer}`, '0'];
    }
    const pos = ctx.rng.int(4);
    const opts = [...wrong];
    opts.splice(pos, 0, right);
    const lines = opts.map((o, i) => `${LETTERS[i]}. ${o}`).join('\n');
    return { question: `The following is a multiple choice question about ${subject.split('_').join(' ')}.\n\n${q}\n${lines}`, answer: LETTERS[pos] };
};
const REPOS = ['acme/widgets', 'openflow/pipeline', 'datalane/tables', 'quanta/orm', 'pixelkit/render', 'httpkit/client', 'tasker/queue'];
const sweItem = (ctx) => {
    const repo = REPOS[ctx.rng.int(REPOS.length)];
    const t = stackTrace(ctx);
    const version = `${1 + ctx.rng.int(5)}.${ctx.rng.int(20)}.${ctx.rng.int(10)}`;
    const title = ctx.rng.pick([`${t.error.split(':')[0]} when input is empty`, `Regression in ${version}: crash on startup`, `Unexpected ${t.error.split(':')[0]} after upgrade`, 'Crash when config file has no trailing newline']);
    return {
        question: `<issue>\n${title}\n\n**Describe the bug**\nSince ${version}, calling the public API with ${ctx.rng.pick(['an empty list', 'a missing optional field', 'unicode keys', 'a zero timeout'])} raises an exception instead of ${ctx.rng.pick(['returning an empty result', 'using the default', 'logging a warning'])}.\n\n**To reproduce**\n\`\`\`\n${t.trace}\n\`\`\`\n\n**Expected behavior**\nNo exception.\n</issue>\n\nRepository: ${repo} at commit ${(mix(hashString(repo), ctx.rng.int(1e9)) >>> 0).toString(16).padStart(8, '0')}`,
        answer: 'A patch that guards the empty case and adds a regression test.',
    };
};
const humanevalItem = (ctx) => {
    const s = functionSpec(ctx);
    return { question: s.stub, answer: `    # ${s.summary}\n    ...` };
};
const toolItem = (ctx) => {
    const block = TOOL_BLOCKS[ctx.rng.int(TOOL_BLOCKS.length)];
    const city = expandChoice(lex.get('city'), ctx);
    const ask = ctx.rng.pick([`What's the weather like in ${city} tomorrow?`, `Find flights to ${city} next Friday.`, `Look up recent news about ${city}.`, `Email Sam that the meeting moved to 3pm.`, `Remind me to call the dentist on Monday.`]);
    return { question: `Functions:\n${block}\n\nUser: ${ask}`, answer: '[{"name": "…", "arguments": {…}}]' };
};
const blocksItem = (ctx) => {
    const n = 3 + ctx.rng.int(4);
    const blocks = ['red', 'blue', 'green', 'yellow', 'orange', 'purple', 'white'].slice(0, n);
    const shuffle = (xs) => {
        const a = [...xs];
        for (let i = a.length - 1; i > 0; i--) {
            const j = ctx.rng.int(i + 1);
            [a[i], a[j]] = [a[j], a[i]];
        }
        return a;
    };
    const describe = (order, verb) => order.map((b, i) => (i === 0 ? `the ${b} block ${verb}on the table` : `the ${b} block ${verb}on the ${order[i - 1]} block`)).join(', ');
    const init = shuffle(blocks), goal = shuffle(blocks);
    return {
        question: `I am playing with a set of blocks. I can pick up a clear block from the table or unstack it from another block, and put down or stack a block I hold on a clear block. Initially ${describe(init, 'is ')}, and the ${init[init.length - 1]} block is clear. My goal is to have ${describe(goal, '')}. What is the plan to achieve the goal?`,
        answer: `unstack the ${init[init.length - 1]} block … stack the ${goal[goal.length - 1]} block on the ${goal[goal.length - 2]} block`,
    };
};
const judgeItem = (ctx) => {
    const p = PROBLEMS.gradeSchool[ctx.rng.int(PROBLEMS.gradeSchool.length)](ctx);
    const right = ctx.rng.int(2) === 0;
    return {
        question: `[Question]\n${p.text}\n\n[The Start of Assistant's Answer]\nThe answer is ${right ? p.answer : `${p.answer}0`}.\n[The End of Assistant's Answer]\n\nPlease act as an impartial judge and evaluate the quality of the response provided by the AI assistant to the question above. Rate the response on a scale of 1 to 10 by strictly following this format: "[[rating]]".`,
        answer: right ? '[[8]]' : '[[2]]',
    };
};
const BENCHMARKS = {
    gsm8k: fromProblems(PROBLEMS.gradeSchool),
    math: fromProblems(PROBLEMS.competition),
    logic: fromProblems(PROBLEMS.logic),
    humaneval: humanevalItem,
    'swe-bench': sweItem,
    mmlu: mcItem,
    'function-calling': toolItem,
    blocksworld: blocksItem,
    'mt-bench': judgeItem,
};
const ALIASES = {
    'gsm-8k': 'gsm8k', gsm: 'gsm8k', 'human-eval': 'humaneval', mbpp: 'humaneval', swebench: 'swe-bench', 'swe-bench-verified': 'swe-bench',
    'math-500': 'math', competition_math: 'math', arc: 'mmlu', hellaswag: 'mmlu', gpqa: 'mmlu', 'mmlu-pro': 'mmlu', bfcl: 'function-calling',
    planbench: 'blocksworld', 'tau-bench': 'function-calling', 'alpaca-eval': 'mt-bench', 'arena-hard': 'mt-bench', bbh: 'logic',
};
const DEFAULT_BENCHMARK = {
    reasoning: ['gsm8k', 'math', 'logic'],
    software_engineering: ['humaneval', 'swe-bench'],
    agentic_tool_use: ['function-calling', 'swe-bench'],
    long_horizon_planning: ['blocksworld'],
    rubric_grading: ['mt-bench'],
    general: ['mmlu'],
};
/** The benchmarks the built-in generator knows (aliases map onto them). */
export const KNOWN_BENCHMARKS = Object.keys(BENCHMARKS);
function resolveBenchmark(req, rng) {
    if (req.benchmark) {
        const b = req.benchmark.toLowerCase();
        if (BENCHMARKS[b])
            return b;
        if (ALIASES[b])
            return ALIASES[b];
    }
    const d = DEFAULT_BENCHMARK[req.capability];
    return d[rng.int(d.length)];
}
/** Item i of a benchmark: a pure function of (benchmark, i). */
function item(bench, i) {
    const rng = new SeededRng(mix(hashString(bench), i));
    return BENCHMARKS[bench]({ rng, seed: 0, p: 1, vars: {} });
}
const harnessCache = new Map();
const COT_HARNESS = lex.get('cotHarness');
const EVAL_SYSTEM = ['You are a helpful assistant.', 'You are a helpful and precise assistant for checking the quality of the answer.', 'Answer the question.'];
function harnessFor(key, bench) {
    const ck = `${key}|${bench}`;
    let h = harnessCache.get(ck);
    if (!h) {
        const seed = hashString(`harness:${ck}`);
        const rng = new SeededRng(seed);
        const style = rng.int(5);
        let shots = '';
        if (style === 3 && bench !== 'swe-bench' && bench !== 'mt-bench') {
            const k = 3 + rng.int(6);
            for (let s = 0; s < k; s++) {
                const ex = item(bench, BANK_SIZE + rng.int(BANK_SIZE));
                shots += `Q: ${ex.question}\nA: The answer is ${ex.answer}.\n\n`;
            }
        }
        h = { seed, style, shots, system: rng.next() < 0.4 ? EVAL_SYSTEM[rng.int(EVAL_SYSTEM.length)] : null };
        if (harnessCache.size > 10_000)
            harnessCache.clear();
        harnessCache.set(ck, h);
    }
    return h;
}
export function evalText(req, rng) {
    const bench = resolveBenchmark(req, rng);
    const it = item(bench, rng.int(BANK_SIZE));
    const h = harnessFor(req.templateKey ?? bench, bench);
    // The CoT instruction is the harness's own (fixed per harness), as eval frameworks hard-code it.
    const cot = req.chainOfThought ? expandChoice(COT_HARNESS, { rng, seed: h.seed, p: 0, vars: {} }) : '';
    let prompt;
    const code = bench === 'humaneval';
    // Issue, judge, tool and planning items are sent plainly or as Question/Answer, never boxed or few-shot.
    const plain = bench === 'swe-bench' || bench === 'mt-bench' || bench === 'function-calling' || bench === 'blocksworld';
    switch (code || plain ? h.style % 2 : h.style) {
        case 0:
            prompt = code ? it.question : cot ? `${it.question}\n${cot}` : it.question;
            if (code && cot)
                prompt = `${it.question}\n# ${cot}`;
            break;
        case 1:
            prompt = code
                ? `Complete the following Python function.${cot ? ` ${cot}` : ''}\n\n\`\`\`python\n${it.question}\`\`\``
                : `Question: ${it.question}\n${cot ? `${cot}\n` : ''}Answer:`;
            break;
        case 2:
            prompt = `Solve the following problem.${cot ? ` ${cot}` : ''}\n\n${it.question}`;
            break;
        case 3:
            prompt = `${h.shots}Q: ${it.question}\nA:${cot ? ` ${cot}` : ''}`;
            break;
        default:
            prompt = `${it.question}\n\n${cot ? `${cot} ` : ''}Put your final answer within \\boxed{}.`;
    }
    return { system: h.system, prompt, response: code || plain ? it.answer : `The answer is ${it.answer}.` };
}
//# sourceMappingURL=evals.js.map