/**
 * Researchers: paper summaries, experiment design, derivations, analysis code, research agents, and
 * LLM-as-judge annotation studies (a legitimate use of the model as a grader).
 */
import { freeCtx, expandChoice, lex } from './grammar.js';
import './lexicon.js';
import './cot.js';
import { F, runFamily } from './family.js';
import { PROBLEMS } from './problems.js';
import { pasted } from './pasted.js';
lex.add('venue', ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'CVPR', 'KDD', 'a journal special issue', 'the workshop deadline']);
lex.add('derivation', [
    'the gradient of the softmax cross-entropy loss with respect to the logits',
    'the closed-form solution of ridge regression',
    'the ELBO for a variational autoencoder with a Gaussian prior',
    'the variance of the sample mean of n i.i.d. variables',
    'the update rule of Adam from first principles',
    'the posterior of a Beta-Binomial model',
    'the bias of the plug-in variance estimator',
    'the policy gradient theorem',
    'why the KL divergence is non-negative',
    'the expected number of collisions when hashing n keys into m buckets',
]);
lex.add('analysisTask', [
    'a PyTorch training loop with mixed precision, gradient accumulation and checkpointing',
    'bootstrap confidence intervals for the difference of two means in numpy',
    'a pandas pipeline that pivots per-seed results into a table of mean ± std',
    'a script that runs a hyperparameter sweep over learning rate and batch size and logs to CSV',
    'a matplotlib figure with shared y-axes comparing four methods across five datasets',
    'a paired permutation test for two models evaluated on the same test items',
    'an efficient data loader for 200 GB of sharded JSONL files',
]);
const FAMILIES = {
    general: [
        F('‹Summarise this abstract for a non-expert|What are the key contributions and limitations of this paper?|Give me a three-sentence summary of this abstract›:\n\n‹^text›', 'The paper proposes a method and reports gains; the main limitation is the evaluation scope.', (ctx) => {
            ctx.vars.text = pasted(ctx, 'abstract', 4 + ctx.rng.int(3));
        }),
        F('‹Help me write|Draft› the related-work paragraph on ‹$field› for our ‹$venue› submission‹, about 150 words|›.', 'A related-work paragraph on ‹^field›.'),
        F('Reviewer 2 says our ‹baselines are weak|evaluation is limited to English|ablation is missing›. Help me write a polite, concrete rebuttal.', 'A rebuttal that acknowledges the point and lists the new experiments.'),
    ],
    reasoning: [
        F('‹Derive|Can you derive|Walk through› ‹$derivation›.', 'The derivation of ‹^derivation›, ending in a closed form.'),
        F('‹Quick sanity check|Can you verify this|Is my solution right›: ‹^problem›', 'The answer is ‹^answer›.', (ctx) => {
            const p = PROBLEMS.competition[ctx.rng.int(PROBLEMS.competition.length)](ctx);
            Object.assign(ctx.vars, { problem: p.text, answer: p.answer });
        }),
    ],
    software_engineering: [F('‹Write|I need|Give me› ‹$analysisTask›.', 'Here is ‹^analysisTask›.')],
    long_horizon_planning: [
        F('Plan a ‹#3-12›-month research project on ‹$field› aimed at ‹$venue›: milestones, experiments in priority order, compute budget and a fallback if the main idea fails.', 'A month-by-month research plan on ‹^field›.'),
    ],
    rubric_grading: [
        F('For our annotation study, rate the faithfulness of the summary to the source on a 1-5 scale and name any unsupported claim.\n\nSource: ‹^text›\n\nSummary: ‹The method improves accuracy on all benchmarks.|The authors propose a new architecture and release code.|The paper shows scale alone is sufficient.›', 'Faithfulness: ‹#2-5›.', (ctx) => {
            ctx.vars.text = pasted(ctx, 'abstract', 4);
        }),
        F('You are one of ‹#3-5› annotators. Score the following model answer for ‹helpfulness|factuality|coherence› (1-7) and justify in one sentence.\n\nQuestion: ‹$concept› — what is it?\nAnswer: ‹It is a well-known idea in science.|A short, correct explanation with an example.›', 'Score ‹#2-7›.'),
    ],
    agentic_tool_use: [
        F('You have a python tool and a web search tool. Find the ‹#3-10› most-cited papers on ‹$field› since 2020 and plot their citations by year.', 'Searching for papers on ‹^field› first.'),
    ],
};
export function researcherText(req, rng) {
    const ctx = freeCtx(rng);
    const fams = FAMILIES[req.capability];
    const r = runFamily(fams[rng.int(fams.length)], ctx);
    const prompt = req.chainOfThought ? `${r.prompt}\n\n${expandChoice(lex.get('cotResearch'), ctx)}` : r.prompt;
    return { system: rng.next() < 0.2 ? 'You are a helpful research assistant. Be rigorous and cite sources when you can.' : null, prompt, response: r.response };
}
//# sourceMappingURL=researcher.js.map