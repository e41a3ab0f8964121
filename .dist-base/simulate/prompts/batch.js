/**
 * Enterprise batch pipelines: one fixed template per templateKey (classify this review, extract these
 * invoice fields, write this product description), the payload varying on every call. Huge volume,
 * near-identical prompts, often a fixed system prompt: the benign look-alike of a harvesting template.
 */
import { A, expand, expandChoice, lex } from './grammar.js';
import './lexicon.js';
import { F } from './family.js';
import { buggySnippet } from './code.js';
import { pasted } from './pasted.js';
import { hashString, mix, SeededRng } from './rng.js';
import { renderTools, toolSubset } from './tools.js';
lex.add('productNoun', [
    'wireless earbuds', 'stainless steel water bottle', 'linen duvet cover', 'trail running shoes', 'ceramic pour-over coffee set',
    'ergonomic office chair', 'kids\' rain jacket', 'cast iron skillet', 'LED desk lamp', 'yoga mat', 'smart plug', 'leather wallet',
    'hiking backpack', 'electric toothbrush', 'bamboo cutting board', 'portable charger', 'wool beanie', 'mechanical keyboard',
]);
lex.add('brand', ['Aldercrest', 'Nordvik', 'Sunhollow', 'Kettleby', 'Pinecraft', 'Ortega & Co.', 'Lumo', 'Brightwater', 'Fjell', 'Mistral Home']);
lex.add('feat', [
    'water-resistant', 'machine washable', 'lifetime warranty', '30-hour battery life', 'recycled materials', 'dishwasher safe',
    'fits 15-inch laptops', 'non-slip base', 'USB-C charging', 'ultra-light at ‹#80-900› g', 'available in ‹#3-12› colours',
    'BPA-free', 'adjustable strap', 'noise reduction', 'pre-seasoned', 'foldable design',
]);
lex.add('comment', [
    'great post, thanks for sharing!', 'this is the dumbest thing i have ever read', 'BUY CHEAP FOLLOWERS NOW visit my profile',
    'I disagree, but I see your point.', 'does anyone know when the next update comes out?', 'you people are all idiots',
    'check out my channel for free giveaways!!!', 'The second chart is mislabeled, the axis should be in thousands.',
    'I have been feeling really low lately and do not know who to talk to.', 'lol same', 'Where can I buy this in Canada?',
]);
lex.add('routedMsg', [
    'what is the status of my order ‹#10000-99999›?', 'I want to change my delivery address to ‹#1-200› ‹Elm|Oak|Harbour› Street',
    'cancel my subscription please', 'do you have the ‹$productNoun› in stock in ‹$city›?', 'book me a table for ‹#2-8› on ‹$weekday› at 7',
    'how much is shipping to ‹$city›?', 'I was charged twice for order ‹#10000-99999›', 'reset my password',
]);
// Customer-service function sets, the kind a routing pipeline declares.
lex.add('supportTools', [0, 1, 2, 3].map((i) => renderTools(toolSubset(300 + i, 4 + i, ['lookup_customer', 'create_ticket', 'send_email']), i)));
lex.add('role', ['backend engineer', 'account executive', 'nurse', 'data analyst', 'warehouse supervisor', 'customer success manager', 'UX designer']);
lex.add('team', ['payments', 'logistics', 'sales', 'platform', 'clinical', 'marketing', 'support']);
lex.add('searchQuery', ['waterproof hiking boots', 'gift for coffee lover', 'cheap usb c charger', 'kids raincoat size 6', 'quiet desk fan', 'best frying pan for eggs']);
function invoice(ctx) {
    const n = 2 + ctx.rng.int(4);
    let total = 0;
    const lines = [];
    for (let i = 0; i < n; i++) {
        const qty = 1 + ctx.rng.int(20), price = (100 + ctx.rng.int(40000)) / 100;
        total += qty * price;
        lines.push(`${expandChoice(lex.get('productNoun'), ctx)}  x${qty}  @ ${price.toFixed(2)}  = ${(qty * price).toFixed(2)}`);
    }
    const stated = ctx.rng.int(4) === 0 ? total + 1 + ctx.rng.int(50) : total;
    const text = `INVOICE #${10000 + ctx.rng.int(90000)}\nFrom: ${expandChoice(lex.get('company'), ctx)}\nDate: 2026-${String(1 + ctx.rng.int(12)).padStart(2, '0')}-${String(1 + ctx.rng.int(28)).padStart(2, '0')}\n${lines.join('\n')}\nTOTAL DUE: ${stated.toFixed(2)} ${ctx.rng.pick(['EUR', 'USD', 'GBP'])}`;
    return { text, total: total.toFixed(2) };
}
const setText = (kind, lo, hi) => (ctx) => {
    ctx.vars.text = pasted(ctx, kind, lo + ctx.rng.int(hi - lo + 1));
};
const FAMILIES = {
    general: [
        F('‹Classify the sentiment of the following customer review as positive, negative or neutral.|Label the review below as POSITIVE, NEGATIVE or NEUTRAL.|Sentiment analysis task. Possible labels: positive, negative, neutral.› ‹Reply with one word.|Output the label only.|›\n\nReview: ‹^text›', '‹positive|negative|neutral›', setText('review', 1, 4)),
        F('‹Assign the support ticket below to one of these queues|Route this ticket to a queue›: Billing, Technical, Account, Shipping, Other. ‹Also give a priority from P1 to P4.|Include a priority (P1-P4).› ‹Respond as JSON with keys "queue" and "priority".|Format: queue, priority›\n\nTicket:\n‹^text›', '{"queue": "‹Billing|Technical|Account|Shipping›", "priority": "P‹#1-4›"}', setText('ticket', 2, 4)),
        F('‹Write a|Generate a|Create an engaging› ‹#40-120›-word product description for an online store.\nProduct: ‹$productNoun›\nBrand: ‹$brand›\nFeatures: ‹$f1:feat›; ‹$f2:feat›; ‹$f3:feat›\nTone: ‹$tone›', 'Meet the ‹^brand› ‹^productNoun›: ‹^f1›, ‹^f2› and built to last.'),
        F('‹Summarise this customer call in three bullet points and state whether the issue was resolved.|Summarize the call transcript below for the CRM notes field (max 50 words).›\n\n‹^text›', '- Customer called about a billing issue\n- Agent offered a discount\n- Resolved', setText('transcript', 5, 7)),
        F('‹Translate the following product title into|Localise this product title for› ‹$humanLanguage›. Keep brand names unchanged. Output only the translation.\n\n‹$brand› ‹$productNoun›, ‹$feat›', 'The ‹^humanLanguage› title.'),
        F('‹Does the following user comment violate the community guidelines (harassment, spam, hate, self-harm)?|Moderate this comment. Categories: harassment, spam, hate, self-harm, none.› ‹Answer "yes" or "no" and name the category.|Return the category only.›\n\nComment ID: ‹#1000000-9999999›\nChannel: ‹community/general|community/help|product-reviews|live-chat›\nComment: ‹$comment›', '‹none|spam|harassment›'),
        F('‹Replace every personal name, email address and phone number in the text with [REDACTED].|Redact all personal data from the following text.› Return only the redacted text.\n\n‹^text›', 'Hi [REDACTED], just following up … Best, [REDACTED]', setText('email', 2, 5)),
        F('‹Extract up to 5 topic tags from this article.|Tag the article below with at most five topics.› Return a JSON array of lowercase strings.\n\n‹^text›', '["local government", "transport", "budget"]', setText('news', 3, 8)),
        F('‹Extract the following fields from the invoice and return JSON|Parse this invoice into JSON with the keys›: vendor_name, invoice_number, invoice_date, total_amount, currency.\n\n‹^inv›', '{"vendor_name": "…", "total_amount": "…"}', (ctx) => {
            ctx.vars.inv = invoice(ctx).text;
        }),
    ],
    software_engineering: [
        F('‹Given the schema below, write a SQL query that answers the question. Return only SQL.|Text-to-SQL. Output a single PostgreSQL query and nothing else.›\n\nSchema:\ncustomers(id, name, region, signup_date)\norders(id, customer_id, amount, created_at, status)\n\nQuestion: ‹$sqlAsk›', 'SELECT … FROM orders JOIN customers …;'),
        F('‹Write a docstring for the following function. Return only the docstring.|Document this function in the style of the codebase (one summary line, then Args/Returns).›\n\nFile: ‹$srcFile› (line ‹#10-2000›)\n\n‹^code›', '"""Returns the result described by the function name."""', (ctx) => {
            ctx.vars.code = buggySnippet(ctx).code;
        }),
        F('‹Write a one-line conventional commit message for this diff.|Summarise this diff as a commit message (max 72 characters).›\n\n--- a/‹$srcFile›\n+++ b/‹^srcFile›\n@@ -‹#10-200›,7 +‹#10-200›,9 @@\n-  timeout = ‹#5-30›\n+  timeout = config.get("timeout", ‹#31-120›)', 'fix: make the timeout configurable'),
    ],
    reasoning: [
        F('‹Check whether the line items add up to the stated total.|Verify the invoice arithmetic.› ‹Answer "consistent" or "inconsistent" and give the difference.|Return JSON {"consistent": bool, "difference": number}.›\n\n‹^inv›', 'The line items sum to ‹^sum›.', (ctx) => {
            const inv = invoice(ctx);
            ctx.vars.inv = inv.text;
            ctx.vars.sum = inv.total;
        }),
        F('‹Convert the quantity to grams. Return only the number.|Normalise to grams (number only).›\nIngredient: ‹$ingredient›\nQuantity: ‹#1-20›‹.‹#0-9›|› ‹oz|lb|kg|cups›', '‹#28-9000›'),
    ],
    long_horizon_planning: [
        F('‹Create a 30-day onboarding plan for|Draft a first-month plan for› a new ‹$role› joining the ‹$team› team.\nName: ‹$name› ‹$surname›\nStart date: ‹$month› ‹#1-28›\nManager: ‹$n2:name›\n‹Use weeks as headings.|List goals and activities per week.›', 'Week 1: setup and introductions … Week 4: first independent project.'),
        F('‹Generate a weekly meal plan for a household of ‹#1-6›|Plan seven days of dinners for ‹#1-6› people› that is ‹vegetarian|gluten-free|low-budget|high-protein›. Weekly budget: $‹#40-300›. Dislikes: ‹$ingredient›. Include a shopping list.', 'Monday: lentil curry … plus a shopping list.'),
    ],
    rubric_grading: [
        F('‹Rate how relevant the product is to the search query on a scale of 0 (irrelevant) to 3 (perfectly relevant).|Relevance judgement (0-3) for the query and product below.› Reply with the number only.\n\nQuery: ‹$searchQuery›\nProduct: ‹$brand› ‹$productNoun› — ‹$feat›, ‹$f2:feat›', '‹#0-3›'),
        F('‹Score the support agent reply from 1 to 5 for correctness and tone.|Quality-check this support reply (1-5 each for accuracy, empathy, clarity).› Output JSON.\n\nCustomer: ‹^text›\nAgent: ‹Sorry about that! I have refunded the charge.|Please read the FAQ.|I have escalated this to our technical team and will update you within 24 hours.›', '{"correctness": ‹#2-5›, "tone": ‹#2-5›}', setText('ticket', 1, 3)),
    ],
    agentic_tool_use: [
        F('‹Choose the function to call for the user message and fill its arguments. Respond with JSON only.|Route the user message to one of the functions below; output {"name": ..., "arguments": {...}}.›\n\nFunctions:\n‹@supportTools›\n\nUser message: ‹$routedMsg›', '{"name": "lookup_customer", "arguments": {"query": "…"}}'),
    ],
};
const BATCH_SYSTEM = A([
    'You are a data-processing engine. Follow the instructions exactly and output only what is asked.',
    'You are an assistant that performs structured data tasks for ‹$company›. Output must be machine-readable.',
    'You label data for an internal pipeline. Do not explain your answers.',
    'You write product copy for ‹$company›\'s online store. Never invent specifications that are not in the input.',
]);
const cache = new Map();
function makeTemplate(seed, capability, rng) {
    const fams = FAMILIES[capability];
    const family = fams[rng.int(fams.length)];
    const system = rng.next() < 0.5 ? expandChoice(BATCH_SYSTEM, { rng, seed: 0, p: 1, vars: {} }) : null;
    return { seed, family, system };
}
function templateFor(key, capability) {
    const ck = `${capability}|${key}`;
    let t = cache.get(ck);
    if (!t) {
        const seed = hashString(`batch:${ck}`);
        t = makeTemplate(seed, capability, new SeededRng(mix(seed, 17)));
        if (cache.size > 50_000)
            cache.clear();
        cache.set(ck, t);
    }
    return t;
}
export function batchText(req, rng) {
    // Without a key each request is its own throwaway pipeline (still template-shaped, wording drawn fresh).
    const keyed = req.templateKey !== undefined;
    const t = keyed ? templateFor(req.templateKey, req.capability) : makeTemplate(0, req.capability, rng);
    const ctx = { rng, seed: t.seed, p: keyed ? Math.min(1, Math.max(0, req.paraphrase)) : 1, vars: {} };
    t.family.setup?.(ctx);
    let prompt = expand(t.family.core, ctx);
    if (req.chainOfThought)
        prompt += `\n\n${expandChoice(COT_BATCH, ctx)}`;
    return { system: t.system, prompt, response: expand(t.family.answer, ctx) };
}
const COT_BATCH = A(['Think step by step before giving the label.', 'Explain your reasoning briefly, then give the answer on the last line.']);
//# sourceMappingURL=batch.js.map