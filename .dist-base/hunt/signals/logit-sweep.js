import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'logit_sweep',
    title: 'Logit-bias and log-probability sweeps',
    group: 'extraction',
    measures: 'Logit-bias entries probed per request: the mean, over all of the account\'s requests, of the size of the logit-bias map on requests with a tiny output (1-16 tokens).',
    why: 'The published logit-extraction attack (Carlini et al. 2024) recovers a model\'s output layer from many probes that bias large sets of tokens and read one token back, for under $20.',
    confounders: 'Evaluation harnesses scoring multiple choice (a bias on a few answer letters, one output token); constrained-decoding users.',
    kind: 'value',
    direction: 'high',
    minSupport: 20,
    standalone: true,
    sql: () => `
    SELECT account_id, avg(if(max_tokens BETWEEN 1 AND 16, logit_bias_size, 0)) AS value, count() AS n
    FROM _hunt_x GROUP BY account_id`,
});
//# sourceMappingURL=logit-sweep.js.map