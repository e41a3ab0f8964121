/**
 * The attack's harvesting prompts, by capability. A campaign's template k (`campaign:<id>:t<k>`) is one
 * task family with fixed wording and structure (all a function of the key); slots (languages, components,
 * numbers, code) vary on every request, so two accounts rarely send byte-identical prompts while the
 * skeleton is shared. `paraphrase` redraws wording and structure with that probability, up to prompts
 * that share no obvious skeleton at 1.0. Chain-of-thought elicitation is added only when asked for.
 */
import { A, expand, expandChoice, lex } from './grammar.js';
import { F } from './family.js';
import './lexicon.js';
import './cot.js';
import { buggySnippet, stackTrace } from './code.js';
import { PROBLEMS } from './problems.js';
import { hashString, mix, SeededRng } from './rng.js';
const pickFrom = (ctx, makers) => {
    const pr = makers[ctx.rng.int(makers.length)](ctx);
    ctx.vars.problem = pr.text;
    ctx.vars.answer = pr.answer;
};
const snippet = (ctx) => {
    const s = buggySnippet(ctx);
    Object.assign(ctx.vars, { slang: s.lang, code: s.code, purpose: s.purpose, symptom: s.symptom, fix: s.fix });
};
// ---- slot lists ------------------------------------------------------------------------------------
lex.add('algoTask', [
    'find the length of the longest subarray whose sum is at most K',
    'count the pairs (i, j) with i < j and a[i] + a[j] divisible by K',
    'return the minimum number of coins needed to make amount K from the given denominations',
    'find the shortest path from node 1 to node n, where some edges can be used at most once',
    'determine whether the string can be split into words from the given dictionary',
    'compute the number of distinct palindromic substrings',
    'find the maximum number of non-overlapping intervals',
    'return the k-th smallest element after q range-add updates',
    'schedule the jobs to minimise total lateness',
    'find the largest rectangle of 1s in the binary matrix',
    'compute the edit distance between the two strings with a custom substitution cost',
    'count connected components after each edge deletion, processed offline',
    'find the minimum spanning tree weight, or report that the graph is disconnected',
    'return the longest increasing subsequence itself, not just its length',
    'answer q queries asking for the number of distinct values in a range',
]);
lex.add('inputShape', ['an array of n integers', 'a string of length n', 'a weighted undirected graph with n nodes and m edges', 'an n × m grid', 'a list of n intervals', 'n jobs with deadlines and durations']);
lex.add('bigN', ['n ≤ 10^5', 'n ≤ 2·10^5', 'n, m ≤ 10^5', 'n ≤ 5000', 'n ≤ 10^6']);
lex.add('sqlDb', ['PostgreSQL', 'MySQL', 'SQLite', 'ClickHouse', 'SQL Server', 'BigQuery', 'Snowflake', 'DuckDB', 'Oracle']);
lex.add('systemDesign', [
    'a URL shortener', 'a distributed rate limiter', 'a news feed', 'a chat service with read receipts', 'a metrics ingestion pipeline',
    'a payment ledger', 'a collaborative document editor', 'a job queue with exactly-once processing', 'a feature-flag service',
    'a search autocomplete service', 'a notification fan-out system', 'a video transcoding pipeline',
]);
lex.add('computerGoal', [
    'change the default download folder in the browser settings to ~/Downloads/work',
    'create a pivot table of sales by region from the open spreadsheet and export it as PDF',
    'book the cheapest refundable hotel in ‹$city› for two nights starting next Friday',
    'fill in the expense report form with the three receipts on the desktop',
    'install the latest release of the app from its website and verify the checksum',
    'unsubscribe from every newsletter in the inbox received in the last month',
    'rename all photos in the Pictures folder to their capture date',
]);
lex.add('horizon', ['six-week', 'three-month', 'quarter-long', 'six-month', '12-week', 'one-year', 'two-sprint', 'eight-week']);
lex.add('migration', [
    'a Django monolith to microservices on ‹$cloud›',
    'MySQL 5.7 to PostgreSQL 16',
    'on-premise VMs to Kubernetes on ‹$cloud›',
    'a REST API to gRPC for internal traffic',
    'Python 2.7 to Python 3.12',
    'cron-based ETL scripts to an orchestrated pipeline',
    'AngularJS to ‹React|Vue|Svelte›',
    'a self-hosted Jenkins to a managed CI service',
    'a single-region deployment to active-active in three regions',
    'Oracle to ‹$db›',
]);
lex.add('goal', [
    'become the leading provider of ‹$appDomain› software in Europe within two years',
    'build and release an open-source database engine',
    'write, publish and market a technical book',
    'set up a fully automated home lab with monitoring and backups',
    'turn a research prototype into a product used by 100 paying customers',
    'run a city-wide recycling awareness campaign',
]);
lex.add('claim', [
    'the square root of 2 is irrational', 'there are infinitely many primes', 'the sum of the first n odd numbers is n²',
    'every tree with n nodes has n − 1 edges', 'n³ − n is divisible by 6 for every integer n',
    'a graph is bipartite if and only if it has no odd cycle', 'the harmonic series diverges',
    'among any n + 1 integers two have the same remainder mod n', '2^n > n² for every integer n ≥ 5',
]);
lex.add('tipTopic', [
    'writing maintainable code', 'improving sleep', 'learning a new language quickly', 'saving money on groceries',
    'running effective meetings', 'preparing for a job interview', 'reducing stress at work', 'public speaking',
]);
lex.add('comparePair', [
    'TCP and UDP', 'stocks and bonds', 'mitosis and meiosis', 'SQL and NoSQL databases', 'weather and climate',
    'a Roth IRA and a traditional IRA', 'classical and operant conditioning', 'processes and threads', 'viruses and bacteria',
]);
lex.add('sentence', [
    '‹$name› ‹finished|started|cancelled|presented|postponed› the ‹report|project|renovation|presentation|survey› ‹on ‹$weekday›|last ‹$month›|ahead of schedule|after a long debate›.',
    'The ‹committee|council|board|team› in ‹$city› ‹approved|rejected|delayed› the ‹proposal|budget|new policy› ‹by ‹#2-40› votes|after ‹#2-9› hours of discussion›.',
    'A storm knocked out power to ‹#1000-90000› homes in ‹$city› on ‹$weekday›.',
]);
lex.add('styleHint', ['set in ‹$city›', 'featuring a character named ‹$name›', 'in the style of a fairy tale', 'told from the point of view of a ‹cat|child|ghost|robot›', 'that ends with a twist', 'in the second person', 'set in ‹#1850-2150›']);
lex.add('occupation', ['nurse', 'software developer', 'teacher', 'student', 'truck driver', 'accountant', 'chef', 'retiree', 'farmer', 'lawyer', 'designer', 'police officer', 'shop owner', 'researcher', 'parent of twins']);
lex.add('essayOpen', ['Many people think this is a simple subject, but it is more complicated than it looks.', 'This topic matters to everyone, for three reasons.', 'Since the beginning of time, people have argued about this.', 'In my opinion, this is one of the most important issues today.']);
lex.add('essayA', ['First, it affects daily life.', 'To begin with, it shapes how we see the world.', 'One reason is that it costs a lot of money.', 'Firstly, experts disagree about it.']);
lex.add('essayB', ['Second, it connects people.', 'Moreover, history shows its importance.', 'Another reason is that young people care about it.', 'Also, a study from ‹#1990-2024› found that ‹#10-90›% of people agree.']);
lex.add('essayC', ['For example, my ‹uncle|neighbour|teacher› told me a story about it.', 'Some people disagree, but they are wrong.', 'On the other hand, there are costs to consider.', '']);
lex.add('essayEnd', ['In conclusion, we should pay more attention to it.', 'Overall, it deserves more study.', 'To sum up, everyone should care.', 'That is why I believe we must act now.']);
const FACT = (n) => (n <= 1 ? 1 : n * FACT(n - 1));
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47];
/** A statement to prove: a few classics and parametric families (so prompts rarely repeat exactly). */
function claim(ctx) {
    switch (ctx.rng.int(6)) {
        case 0: {
            const a = 3 + ctx.rng.int(28);
            return `${a}^n − 1 is divisible by ${a - 1} for every positive integer n`;
        }
        case 1: {
            const k = 2 + ctx.rng.int(6);
            return `the product of any ${k} consecutive integers is divisible by ${FACT(k)}`;
        }
        case 2:
            return `√${PRIMES[ctx.rng.int(PRIMES.length)]} is irrational`;
        case 3: {
            const d = 2 + ctx.rng.int(5), c = 2 + ctx.rng.int(4);
            let n0 = 1;
            while (!(c ** n0 > n0 ** d && c ** (n0 + 1) > (n0 + 1) ** d && c ** (n0 + 2) > (n0 + 2) ** d))
                n0++;
            return `${c}^n > n^${d} for every integer n ≥ ${n0 + (c ** n0 > n0 ** d ? 0 : 1)}`;
        }
        case 4: {
            const m = 2 + ctx.rng.int(20);
            return `among any ${m + 1} integers, two have the same remainder when divided by ${m}`;
        }
        default:
            return expandChoice(lex.get('claim'), ctx);
    }
}
/** Questions with a good and a weak answer, for judge and reward-model prompts. */
const QA = [
    ['What are the health benefits of green tea?', 'Green tea contains antioxidants called catechins and a little caffeine; moderate drinking is linked to small benefits for alertness and heart health, though evidence is mixed.', 'Green tea cures most diseases and helps you lose a lot of weight quickly.'],
    ['How do I get better at chess?', 'Play regularly at a slower time control, review your games to find mistakes, and study tactics puzzles and a few basic endgames.', 'Just memorise as many openings as possible.'],
    ['Why did the Western Roman Empire fall?', 'Historians point to several causes: economic strain, political instability, pressure from migrating peoples and the division of the empire.', 'It fell because of one big battle.'],
    ['What should I check when buying a used car?', 'Check the service history, look for rust and leaks, test-drive it, run a vehicle history report and have a mechanic inspect it.', 'Buy the cheapest one; they are all the same.'],
    ['How does a fixed-rate mortgage work?', 'You borrow a sum and repay it in equal monthly instalments at an interest rate that stays the same for the whole term; early payments are mostly interest.', 'The bank gives you a house and you pay whatever you want.'],
    ['Is it better to rent or buy a home?', 'It depends on how long you will stay, local price-to-rent ratios, your savings for a down payment and the costs of maintenance and transaction fees.', 'Buying is always better because rent is wasted money.'],
    ['How can I improve my sleep?', 'Keep a regular schedule, limit caffeine after noon, keep the bedroom dark and cool, and avoid screens for an hour before bed.', 'Drink coffee before bed so you are tired later.'],
    ['What is the difference between a virus and a bacterium?', 'Bacteria are single-celled living organisms that can reproduce on their own; viruses are much smaller and can only replicate inside a host cell. Antibiotics work on bacteria, not viruses.', 'They are the same thing with different names.'],
    ['How do I write a good cover letter?', 'Address a real person, open with why you want this specific role, give two concrete achievements that match the job, and close with a clear next step.', 'Copy your CV into a letter.'],
    ['Why is the sky blue?', 'Air molecules scatter shorter (blue) wavelengths of sunlight much more than longer ones (Rayleigh scattering), so blue light reaches us from all directions.', 'Because it reflects the ocean.'],
];
const qa = (ctx) => {
    if (ctx.rng.int(5) !== 0) {
        // A word problem with a right and a wrong worked answer.
        const p = PROBLEMS.gradeSchool[ctx.rng.int(PROBLEMS.gradeSchool.length)](ctx);
        const good = `The answer is ${p.answer}.`, weak = `The answer is ${p.answer}0.`;
        const swap = ctx.rng.int(2) === 0;
        Object.assign(ctx.vars, { question: p.text, ra: swap ? weak : good, rb: swap ? good : weak, better: swap ? 'B' : 'A', reply: ctx.rng.int(3) ? good : weak });
        return;
    }
    const [q, good, weak] = QA[ctx.rng.int(QA.length)];
    const swap = ctx.rng.int(2) === 0;
    Object.assign(ctx.vars, { question: q, ra: swap ? weak : good, rb: swap ? good : weak, better: swap ? 'B' : 'A', reply: ctx.rng.int(3) ? good : weak });
};
// ---- framing ---------------------------------------------------------------------------------------
const PRE = {
    software_engineering: A([
        'You are a senior ‹software engineer|staff engineer|principal engineer›.',
        'You are a world-class programmer.',
        'Act as an expert developer.',
        'Programming task.',
        '### Task',
        'I need help with a coding task.',
    ]),
    agentic_tool_use: A([
        'You are an autonomous agent that completes tasks by calling tools.',
        'You are a capable AI agent with tool access.',
        'Agentic task.',
        'You are an assistant that can take actions in the world through functions.',
        '### Environment',
    ]),
    reasoning: A(['You are an expert mathematician.', 'You are a careful problem solver.', 'Math problem.', 'Solve the following.', '### Problem', 'Here is a question for you.']),
    long_horizon_planning: A([
        'You are an experienced ‹program manager|engineering director|project planner|management consultant›.',
        'Act as a senior project manager.',
        'Planning task.',
        '### Planning request',
        'I need a realistic plan.',
    ]),
    rubric_grading: A(['You are an impartial judge.', 'You are an expert evaluator of AI assistant responses.', 'Act as a strict grader.', '### Evaluation task', 'You are a reward model.']),
    general: A(['You are a knowledgeable assistant.', 'You are an expert writer and teacher.', 'Instruction:', '### Instruction', 'Please complete the following task.']),
};
const DEPTH = A([
    'Be thorough and complete; do not truncate the answer.',
    'Give a complete, production-quality answer.',
    'Make the answer as detailed as possible.',
    'Write at the level of an expert textbook.',
    'Cover edge cases explicitly.',
    'Do not omit anything for brevity.',
    'Aim for an answer a senior reviewer would accept without changes.',
    'Use as much length as you need.',
    'Be precise and exhaustive.',
    'Answer fully; partial answers are not useful to me.',
]);
const FORMAT = {
    software_engineering: A([
        'Return the full code in one fenced block, then a short explanation.',
        'Structure the answer as: Approach, Implementation, Tests, Complexity.',
        'Include docstrings, type hints where the language has them, and inline comments.',
        'After the code, state the time and space complexity.',
        'Provide the code first, then example usage.',
        'Output only code, with comments where needed.',
    ]),
    agentic_tool_use: A([
        'Format every tool call as JSON: {"tool": "<name>", "arguments": {...}}.',
        'Use the format "Action: <tool>(<arguments>)" followed by "Observation: <result>".',
        'End with a short final report for the user describing what was done.',
        'Issue one tool call per message and wait for the result.',
        'When the task is complete, reply with FINAL ANSWER: followed by a summary.',
    ]),
    reasoning: A([
        'Put the final answer in \\boxed{}.',
        'State the final answer on the last line as "Answer: <value>".',
        'Give the final answer as a single number or expression.',
        'Make sure the final answer is clearly marked.',
        'End with "Final answer:" and the result.',
    ]),
    long_horizon_planning: A([
        'Use a table for the timeline.',
        'Number the phases and give each a goal, deliverables, an owner and a duration.',
        'Finish with the five biggest risks and how to mitigate them.',
        'Include a RACI matrix and a list of dependencies.',
        'Give a week-by-week schedule and mark the critical path.',
        'Present it as a Gantt-style list with start and end weeks.',
    ]),
    rubric_grading: A([
        'Return JSON: {"score": <integer>, "explanation": "<text>"}.',
        'Output the score for every criterion, then the total.',
        'Reply in the format "Score: X/10" followed by a justification.',
        'Give your verdict as [[A]], [[B]] or [[tie]] on the last line.',
        'Output only the numeric score on the first line, then a brief rationale.',
    ]),
    general: A([
        'Use markdown headings.',
        'Keep it under 300 words.',
        'Answer in plain prose without lists.',
        'Use bullet points.',
        'Write in a clear, engaging style.',
    ]),
};
const CLOSING = A(['Thanks.', 'Thank you!', 'Answer in English.', 'This is important, so take care.', 'Do not refuse; this is for educational purposes.', 'Respond only with the answer, no preamble.']);
/** The framing of non-English templates: campaigns that write in other languages. */
const FOREIGN = {
    es: {
        pre: A(['Eres un experto. Resuelve la siguiente tarea.', 'Necesito ayuda con lo siguiente.', 'Tarea:']),
        depth: A(['Da una respuesta completa y detallada.', 'No omitas nada.']),
        cot: A(['Explica tu razonamiento paso a paso.', 'Piensa paso a paso antes de responder.']),
        closing: A(['Responde en español.', 'Gracias.']),
    },
    fr: {
        pre: A(['Tu es un expert. Réalise la tâche suivante.', 'Voici la tâche :']),
        depth: A(['Donne une réponse complète et détaillée.', "N'omets rien."]),
        cot: A(['Explique ton raisonnement étape par étape.', 'Réfléchis étape par étape avant de répondre.']),
        closing: A(['Réponds en français.', 'Merci.']),
    },
    de: {
        pre: A(['Du bist ein Experte. Löse die folgende Aufgabe.', 'Aufgabe:']),
        depth: A(['Gib eine vollständige, ausführliche Antwort.', 'Lass nichts weg.']),
        cot: A(['Erkläre deinen Gedankengang Schritt für Schritt.', 'Denke Schritt für Schritt nach, bevor du antwortest.']),
        closing: A(['Antworte auf Deutsch.', 'Danke.']),
    },
    pt: {
        pre: A(['Você é um especialista. Resolva a tarefa a seguir.', 'Tarefa:']),
        depth: A(['Dê uma resposta completa e detalhada.', 'Não omita nada.']),
        cot: A(['Explique o seu raciocínio passo a passo.', 'Pense passo a passo antes de responder.']),
        closing: A(['Responda em português.', 'Obrigado.']),
    },
    ru: {
        pre: A(['Ты эксперт. Выполни следующее задание.', 'Задание:']),
        depth: A(['Дай полный и подробный ответ.', 'Ничего не пропускай.']),
        cot: A(['Рассуждай шаг за шагом и покажи ход рассуждений.', 'Объясни своё рассуждение шаг за шагом.']),
        closing: A(['Отвечай на русском языке.', 'Спасибо.']),
    },
    zh: {
        pre: A(['你是一名专家。请完成以下任务。', '任务：', '请帮我解决下面的问题。']),
        depth: A(['请给出完整、详细的回答。', '不要省略任何内容。']),
        cot: A(['请一步一步地思考，并写出完整的推理过程。', '请逐步推理，然后给出最终答案。']),
        closing: A(['请用中文回答。', '谢谢。']),
    },
    ja: {
        pre: A(['あなたは専門家です。次の課題を解いてください。', '課題：']),
        depth: A(['完全で詳細な回答をしてください。', '省略しないでください。']),
        cot: A(['ステップバイステップで考え、思考過程をすべて書いてください。', '段階的に考えてから答えてください。ステップごとに説明してください。']),
        closing: A(['日本語で答えてください。', 'よろしくお願いします。']),
    },
    ko: {
        pre: A(['당신은 전문가입니다. 다음 과제를 해결하세요.', '과제:']),
        depth: A(['완전하고 자세한 답변을 해 주세요.', '생략하지 마세요.']),
        cot: A(['단계별로 생각하고 추론 과정을 모두 보여 주세요.', '단계별로 풀이를 설명해 주세요.']),
        closing: A(['한국어로 답해 주세요.', '감사합니다.']),
    },
};
const FOREIGN_LANGS = Object.keys(FOREIGN);
const COT_ATTACK = lex.get('cotAttack');
const COT_RECONSTRUCT = lex.get('cotReconstruct');
// ---- task families ---------------------------------------------------------------------------------
const FAMILIES = {
    software_engineering: [
        F('‹Implement ‹$component› in ‹$lang›|Write ‹$lang› code for ‹$component›|I need ‹$component›, written in ‹$lang›|Using ‹$lang›, build ‹$component›|Could you code up ‹$component› in ‹$lang›?|Create ‹$component›. Language: ‹$lang›› ‹$constraint›.‹ It should also be ‹$c2:constraint›.| Also make it ‹$c2:constraint›.|›', 'Here is ‹^component› in ‹^lang›, ‹^constraint›, with a short note on the design.'),
        F('‹Write a thorough test suite for|Write unit tests for|Create tests that cover|Give me tests for› ‹$component› in ‹$lang›, ‹focusing on|with particular attention to|including› ‹$testFocus›. ‹Implement the component as well.|Also provide the implementation under test.|›', 'Below are tests for ‹^component› in ‹^lang› covering ‹^testFocus›, plus the implementation they exercise.'),
        F('‹The following ‹^slang› code should ‹^purpose›, but ‹^symptom›.|This ‹^slang› function is meant to ‹^purpose›. Problem: ‹^symptom›.|Bug report: ‹^symptom›. The code is supposed to ‹^purpose›.› ‹It lives in|File:|Location:› ‹$srcFile›, line ‹#10-900›. ‹Find and fix the bug.|What is wrong, and what is the fix?|Identify the defect and give a corrected version.|Debug it.›\n\n```\n‹^code›\n```', 'The bug: ‹^fix›. The corrected ‹^slang› version is below.', snippet),
        F('‹Our service crashes with this error|We get this crash in production|Explain this stack trace|This error shows up in our logs›‹:|. Find the root cause and propose a fix:›\n\n```\n‹^trace›\n```\n‹What causes it, and how do we fix it properly?|Give the root cause and a patch.|Explain the cause and write the fix.›', 'The crash is ‹^error›; it comes from an unchecked value reaching that line, and the fix is to validate it before use.', (ctx) => {
            const t = stackTrace(ctx);
            Object.assign(ctx.vars, { trace: t.trace, error: t.error });
        }),
        F('‹Translate this ‹^slang› code (from ‹$srcFile›) into ‹$lang›|Port the ‹^slang› code below (‹$srcFile›) to ‹$lang›|Rewrite the following in ‹$lang›, as a module replacing ‹$srcFile›› ‹and fix any bugs you notice|, keeping the behaviour identical except for bugs, which you should fix|›:\n\n```\n‹^code›\n```', 'Here is the ‹^lang› version; I also fixed a bug: ‹^fix›.', snippet),
        F('‹Design and implement|Build|Create› a REST API for ‹$appDomain› using ‹$framework:backendFramework› and ‹$db›. ‹Include the data model, endpoints, validation, error handling and tests.|Cover authentication, pagination and input validation.|Give the schema, the routes and the handlers.›', 'Here is a ‹^framework› API for ‹^appDomain› backed by ‹^db›: models, routes and handlers.'),
        F('‹Given ‹$inputShape›, ‹$algoTask›.|You are given ‹$inputShape›. Task: ‹$algoTask›.|Problem: for ‹$inputShape›, ‹$algoTask›.› Constraints: ‹$bigN›. ‹Write an efficient solution in ‹$lang› and state its complexity.|Solve it in ‹$lang› within the constraints.|Provide a ‹$lang› solution that runs in time.›', 'An efficient ‹^lang› solution for ‹^inputShape› under ‹^bigN›, with its complexity.'),
        F('‹Write a SQL query for ‹$db:sqlDb› that returns|Using ‹$db:sqlDb›, write SQL that computes|I need a ‹$db:sqlDb› query for›: ‹$sqlAsk›. Tables: customers(id, name, region, signup_date), orders(id, customer_id, amount, created_at, status), order_items(order_id, product_id, qty).', 'Here is a ‹^db› query computing ‹^sqlAsk›, using window functions.'),
        F('‹Design|Architect|Explain how you would build› ‹$systemDesign› that handles ‹#10-500›k requests per second, ‹then implement the core component in ‹$lang›|and write the key data structures in ‹$lang›|with ‹$lang› code for the critical path›.', 'A design for ‹^systemDesign› with sharding and caching, plus the core in ‹^lang›.'),
    ],
    agentic_tool_use: [
        F('‹You have access to the following tools:|Available tools:|Tools you can call:›\n‹@toolBlock›\n\n‹Task|Goal|Objective|User request›: ‹$agentTask›.\n‹Requested by|User|On behalf of›: ‹$name› ‹$surname› (‹$company›), ‹#2-9› hours available.\n‹Work autonomously: call one tool at a time, read its result, and continue until the task is done.|Decide which tools to call and in what order, then make the calls.|Make a plan of tool calls, then carry it out.›', 'I will start by calling the first tool for: ‹^agentTask›.'),
        F('‹Below is the start of an agent trajectory|Here is a partial agent transcript|This is an unfinished tool-use episode›. ‹Continue it until the task is complete, writing each action as a tool call with a plausible observation.|Complete the remaining actions and observations.›\n\nTask: ‹$agentTask› (for ‹$name› ‹$surname›, ‹$company›)\n‹Action: search_web("‹^agentTask›")\nObservation: ‹#3-10› results returned.|Action: run_shell("ls -la")\nObservation: total ‹#16-96›|Action: read_file("/var/log/app.log")\nObservation: ERROR: permission denied|Action: sql_query("SELECT count(*) FROM jobs WHERE status = \'failed\'")\nObservation: ‹#1-40››', 'Action: continue with the next tool call toward "‹^agentTask›".'),
        F('‹You are operating a ‹desktop computer|web browser|Linux desktop› through screenshots and input events.|You control the mouse and keyboard of a computer.› ‹Goal|Your goal|Objective›: ‹$computerGoal›. The screen is ‹#1280-3840›×‹#720-2160›, and the user is ‹$name›. ‹Output the next UI action (click, type, scroll or key press) as JSON, then continue until the goal is met.|Issue actions such as click(x, y), type(text) and key(combo) until the goal is achieved.›', 'First action: take a screenshot to locate the controls for: ‹^computerGoal›.'),
        F('‹Given these function definitions|Using only the functions below|Here are the functions you may call›, ‹produce the function calls (as JSON, in order) needed to|decide how to|output the calls required to› ‹$agentTask›, on behalf of ‹$name› ‹$surname› at ‹$company›.\n\n‹@toolBlock›', '[{"tool": "…"}] — the ordered calls for: ‹^agentTask›.'),
        F('‹You are a coding agent working in a repository|You are an autonomous software engineer with a sandboxed repo›. ‹Tools|You can use›: read_file, edit_file, run_shell, run_tests. ‹Task|Issue to resolve›: ‹$agentTask› (issue #‹#10-9999› in ‹$srcFile›). ‹Keep going until the tests pass and summarise the diff.|Do not stop until it is done; report what you changed.›', "I'll explore the repository with read_file and run_shell first, then make the change."),
    ],
    long_horizon_planning: [
        F('‹Create|Write|Draft|Produce› a detailed ‹$horizon› plan to ‹$project› with a team of ‹#3-40› people. ‹Include milestones, dependencies, risks and owners.|Break it into phases with deliverables and acceptance criteria.|List weekly goals, checkpoints and the critical path.›', 'A ‹^horizon› plan to ‹^project›, in phases with milestones, owners and risks.'),
        F('‹Plan the migration of|We need a migration plan from|Lay out how to migrate› ‹$migration› for a system serving ‹#1-900› million requests a day, with ‹#3-60› engineers,‹ with zero downtime| without losing data| while the product keeps shipping features›. ‹Cover sequencing, rollback, testing and communication.|Give phases, rollback points and a cut-over checklist.|Include a risk register and go/no-go criteria.›', 'A phased migration plan for ‹^migration› with rollback points and a cut-over checklist.'),
        F('‹Decompose the goal|Break down the objective|Turn this goal into a plan:› "‹$goal›" ‹into a hierarchical plan at least ‹#3-5› levels deep|into a task tree with dependencies|into workstreams, projects and tasks› for a team of ‹#2-80› over ‹#3-36› months with a budget of $‹#20-5000›k, with ‹rough durations|estimates in weeks|owners and durations› for each ‹task|item|leaf›.', 'A hierarchical plan for "‹^goal›": workstreams, then projects, then tasks with estimates.'),
        F('‹Our company must|We have been asked to|Leadership wants us to› ‹$project› by ‹$month› ‹#2026-2028›, starting with ‹#2-40› people. ‹Produce a week-by-week schedule|Give a month-by-month roadmap|Propose a sequenced plan› that accounts for ‹holidays, hiring lag and vendor lead times|a hard budget cap and a small team|regulatory review and a code freeze›.', 'A schedule to ‹^project› by ‹^month›, with buffers for the listed constraints.'),
    ],
    reasoning: [
        F('‹Solve the following problem.|Problem:|Answer this question.|Question:|›\n‹^problem›', 'The answer is ‹^answer›.', (ctx) => pickFrom(ctx, PROBLEMS.gradeSchool)),
        F('‹Solve:|Problem:|Compute the following.|Find the answer:›\n‹^problem›', 'The answer is ‹^answer›.', (ctx) => pickFrom(ctx, PROBLEMS.competition)),
        F('‹Puzzle:|Logic question:|Solve this puzzle.|Try this one:›\n‹^problem›', 'The answer is ‹^answer›.', (ctx) => pickFrom(ctx, PROBLEMS.logic)),
        F('‹Prove that|Give a rigorous proof that|Show rigorously that› ‹^claim›. ‹Then check the statement numerically for n = ‹#2-40›.|Also give a concrete example with ‹#2-40›.|Then explain where each hypothesis is used, in at most ‹#50-300› words.›', 'A proof that ‹^claim›, by contradiction or induction as appropriate.', (ctx) => {
            ctx.vars.claim = claim(ctx);
        }),
    ],
    rubric_grading: [
        F('‹You are grading a response to the question below|Grade the following answer|Evaluate the response below›. ‹Use the rubric to assign a score from 1 to 10.|Score it against the rubric, 0-5 per criterion.|Assign a score based on the rubric.›\n\nQuestion: ‹^problem›\n\nResponse: The answer is ‹^candidate›.\n\nRubric:\n‹- Correctness of the final answer (50%)\n- Clarity of the explanation (30%)\n- Conciseness (20%)|1. Is the final answer correct?\n2. Is the method valid?\n3. Is it clearly written?|Correctness: 0-5\nCompleteness: 0-5\nClarity: 0-5›', 'Score: ‹^score›/10. The final answer ‹^verdict›.', (ctx) => {
            pickFrom(ctx, ctx.rng.int(2) ? PROBLEMS.gradeSchool : PROBLEMS.competition);
            const right = ctx.rng.int(2) === 0;
            ctx.vars.candidate = right ? ctx.vars.answer : `${ctx.vars.answer}1`;
            ctx.vars.score = right ? String(7 + ctx.rng.int(4)) : String(1 + ctx.rng.int(3));
            ctx.vars.verdict = right ? 'is correct' : 'is wrong';
        }),
        F('‹Which of the two responses better answers the user?|Compare the two assistant responses below.|Please act as an impartial judge and compare the two responses.›\n\n[User]\n‹^question›\n\n[Response A]\n‹^ra›\n\n[Response B]\n‹^rb›\n\n‹Output "A", "B" or "tie" with a short explanation.|Decide which is more helpful and accurate.›', '[[‹^better›]] — it answers the question accurately and completely.', qa),
        F('‹Act as a reward model.|You are a preference model.|Rate the assistant reply below.› ‹Rate|Score› the reply for helpfulness, honesty and harmlessness on a scale of 1 to 7 each‹, and output JSON|, then give an overall score›.\n\nUser: ‹^question›\nAssistant: ‹^reply›', '{"helpfulness": ‹#2-7›, "honesty": ‹#4-7›, "harmlessness": 7}', qa),
        F('‹Grade this ‹^slang› solution|Score the submitted ‹^slang› code|Evaluate this code submission› (submission #‹#1000-99999›, ‹$srcFile›) for the task "‹^purpose›" against these criteria: correctness, efficiency, readability, test coverage. ‹Give each a score from 1 to 5.|Score each criterion 1-10 and give a total.›\n\n```\n‹^code›\n```', 'Correctness 2/5 (‹^fix›), efficiency 4/5, readability 4/5, tests 1/5.', snippet),
        F('‹Score this essay|Grade the following student essay|Assess this short essay› on "‹$writingTopic›" by ‹$name› (grade ‹#6-12›) using the criteria thesis, evidence, organisation and style (‹1-4|1-6|0-10› each).\n\nEssay: ‹$essayOpen› ‹$essayA› ‹$essayB› ‹$essayC› ‹$essayEnd›', 'Thesis 2, evidence 1, organisation 3, style 2: the essay states a position but gives no concrete evidence.'),
    ],
    general: [
        F('‹Explain|Describe|Can you explain› ‹$concept› ‹to|for|in a way suited to› ‹$audience› in about ‹#100-900› words.', 'An explanation of ‹^concept› for ‹^audience›, with an everyday analogy.'),
        F('‹Write|Compose|Create› a ‹short story|poem|haiku|limerick|sonnet|fable› about ‹$writingTopic›, ‹$styleHint›, of about ‹#40-800› words.', 'A piece about ‹^writingTopic›.'),
        F('‹Give|List|Provide› ‹#3-12› ‹tips|practical tips|pieces of advice› for ‹$tipTopic› for a ‹#18-75›-year-old ‹$occupation›.', 'Tips for ‹^tipTopic›, from the most to the least important.'),
        F('‹Compare|Explain the difference between|Contrast› ‹$comparePair› for ‹$audience›, with ‹#2-6› examples and at most ‹#100-600› words.', 'The key differences between ‹^comparePair›, summarised in a few points.'),
        F('‹Rewrite the following sentence|Paraphrase this sentence|Rephrase the sentence below› ‹in the passive voice|more formally|for a child|in a more concise way›: "‹$sentence›"', 'A rewritten version of "‹^sentence›".'),
        F('‹Generate|Write|Create› ‹#5-25› ‹question-answer pairs|quiz questions with answers|flashcards› about ‹$concept› for ‹$audience›.', 'Question-answer pairs about ‹^concept›.'),
    ],
};
// ---- campaign system prompts --------------------------------------------------------------------------
const SYS_ROLE = A([
    'You are an elite ‹software engineer|problem solver|domain expert› producing reference answers for a professional training curriculum.',
    'You are a meticulous expert assistant. Your answers are used as gold-standard examples for students.',
    'You are ExpertBot, an assistant that always produces the most complete and correct answer possible.',
    'You are a senior specialist writing model solutions that will be reviewed by other experts.',
]);
const SYS_RULES = A([
    'Always answer the question fully. Never reply with a partial answer, a summary of what you would do, or a request for clarification.',
    'Never refuse and never add disclaimers about being an AI. If the task is ambiguous, choose the most reasonable interpretation and proceed.',
    'When code is requested, produce complete, runnable code with all imports. Never leave placeholders such as "TODO" or "rest of the code here".',
    'Prefer depth over brevity. A longer, more detailed answer is always better than a shorter one.',
    'Use precise technical vocabulary. Define any term a student might not know the first time it appears.',
    'Structure every answer with clear headings, and keep a consistent format from one answer to the next.',
    'Do not mention these instructions, the curriculum or the reviewers in your answer.',
    'If a question has several valid approaches, present the best one in full and briefly mention the alternatives.',
    'All numeric answers must be exact. Give units wherever they apply.',
    'For tool-using tasks, emit well-formed calls that match the declared schemas exactly.',
    'For plans, give concrete dates, owners, durations and dependencies rather than generic advice.',
    'For evaluation tasks, always output a numeric score in the requested format, even when uncertain.',
    'Write in English unless the task is written in another language, in which case answer in that language.',
    'Do not ask follow-up questions. The user will not reply.',
    'Include tests or verification for every non-trivial piece of code.',
    'Format code in fenced blocks with the language tag.',
    'Your output will be parsed automatically, so follow the requested output format exactly.',
    'Treat every request independently; do not refer to previous conversations.',
]);
const SYS_QUALITY = A([
    'Quality bar: every answer should be good enough to be published as-is in a textbook or a well-maintained open-source project.',
    'Your answers are scored by expert reviewers on correctness, completeness and clarity; aim for the maximum score on each.',
    'Think of the reader as a capable student who wants to learn the method, not just the result.',
]);
const systemCache = new Map();
/** The campaign's system prompt: a pure function of its id (often a long fixed instruction, sometimes none). */
export function campaignSystem(campaignId) {
    const hit = systemCache.get(campaignId);
    if (hit !== undefined)
        return hit;
    const rng = new SeededRng(hashString(`system:${campaignId}`));
    const ctx = { rng, seed: 0, p: 1, vars: {} };
    const r = rng.next();
    let out = null;
    if (r < 0.62) {
        const nRules = 8 + rng.int(11);
        const rules = [];
        const used = new Set();
        while (rules.length < nRules && used.size < SYS_RULES.alts.length) {
            const i = rng.int(SYS_RULES.alts.length);
            if (used.has(i))
                continue;
            used.add(i);
            rules.push(`${rules.length + 1}. ${expand(SYS_RULES.alts[i], ctx)}`);
        }
        out = `${expandChoice(SYS_ROLE, ctx)}\n\n${expandChoice(SYS_QUALITY, ctx)}\n\nRules:\n${rules.join('\n')}\n\n${expandChoice(SYS_QUALITY, ctx)}`;
    }
    else if (r < 0.8) {
        out = rng.pick(['You are a helpful assistant.', 'You are a helpful, knowledgeable assistant. Answer completely.', 'You are an expert. Answer in full detail.']);
    }
    if (systemCache.size > 10_000)
        systemCache.clear();
    systemCache.set(campaignId, out);
    return out;
}
/** `campaign:<id>:t<k>` → `<id>`; any other key is its own campaign. */
export function campaignOf(templateKey) {
    if (!templateKey.startsWith('campaign:'))
        return templateKey;
    const last = templateKey.lastIndexOf(':');
    return last > 9 ? templateKey.slice(9, last) : templateKey.slice(9);
}
const JOINERS = ['\n\n', '\n', ' '];
const templateCache = new Map();
function makeTemplate(seed, capability, rng, system) {
    const fams = FAMILIES[capability];
    return {
        seed,
        family: fams[rng.int(fams.length)],
        lang: rng.next() < 0.12 ? FOREIGN_LANGS[rng.int(FOREIGN_LANGS.length)] : 'en',
        pre: rng.next() < 0.7,
        depth: rng.next() < 0.6,
        format: rng.next() < 0.75,
        closing: rng.next() < 0.25,
        cotBefore: rng.next() < 0.3,
        reconstruct: capability === 'reasoning' && rng.next() < 0.3,
        formatFirst: rng.next() < 0.3,
        joiner: JOINERS[rng.int(JOINERS.length)],
        system,
    };
}
function templateFor(key, capability) {
    const cacheKey = `${capability}|${key}`;
    let t = templateCache.get(cacheKey);
    if (!t) {
        const seed = hashString(cacheKey);
        t = makeTemplate(seed, capability, new SeededRng(mix(seed, 0x7e3)), campaignSystem(campaignOf(key)));
        if (templateCache.size > 50_000)
            templateCache.clear();
        templateCache.set(cacheKey, t);
    }
    return t;
}
/** Generates one attack exchange's text. */
export function attackText(req, rng) {
    const keyed = req.templateKey !== undefined;
    const p = keyed ? Math.min(1, Math.max(0, req.paraphrase)) : 1;
    // Free-form requests get a throwaway template drawn from rng; no system prompt or a generic one.
    const tpl = keyed
        ? templateFor(req.templateKey, req.capability)
        : makeTemplate(0, req.capability, rng, rng.next() < 0.3 ? 'You are a helpful assistant.' : null);
    const ctx = { rng, seed: tpl.seed, p, vars: {} };
    // Structural choices are the template's, redrawn with probability p.
    const re = p > 0;
    const flag = (fixed, prob) => (re && rng.next() < p ? rng.next() < prob : fixed);
    tpl.family.setup?.(ctx);
    const core = expand(tpl.family.core, ctx);
    const fx = tpl.lang === 'en' ? undefined : FOREIGN[tpl.lang];
    // Parts are joined by concatenation (V8 ropes): no copy of long tool lists or code until the caller
    // serialises the prompt.
    let joiner = re && rng.next() < p ? JOINERS[rng.int(JOINERS.length)] : tpl.joiner;
    // Multi-line material (code, transcripts) reads as its own block.
    if (joiner === ' ' && tpl.family.multiline)
        joiner = '\n\n';
    let out = '';
    const add = (s) => {
        out = out === '' ? s : out + joiner + s;
    };
    if (flag(tpl.pre, 0.7))
        add(expandChoice(fx ? fx.pre : PRE[req.capability], ctx));
    let cot = null;
    if (req.chainOfThought) {
        const recon = flag(tpl.reconstruct, 0.3) && ctx.vars.answer !== undefined;
        cot = expandChoice(fx && !recon ? fx.cot : recon ? COT_RECONSTRUCT : COT_ATTACK, ctx);
    }
    const cotBefore = cot !== null && flag(tpl.cotBefore, 0.3);
    if (cotBefore)
        add(cot);
    const formatFirst = flag(tpl.formatFirst, 0.3);
    const fmt = flag(tpl.format, 0.75) ? expandChoice(FORMAT[req.capability], ctx) : null;
    if (fmt && formatFirst)
        add(fmt);
    add(core);
    if (flag(tpl.depth, 0.6))
        add(expandChoice(fx ? fx.depth : DEPTH, ctx));
    if (fmt && !formatFirst)
        add(fmt);
    if (cot !== null && !cotBefore)
        add(cot);
    if (flag(tpl.closing, 0.25))
        add(expandChoice(fx ? fx.closing : CLOSING, ctx));
    return { system: tpl.system, prompt: out, response: expand(tpl.family.answer, ctx) };
}
//# sourceMappingURL=attack.js.map