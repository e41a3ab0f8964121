import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'long_answers',
  title: 'Answers far longer than the model usually gives',
  group: 'output',
  measures:
    "Mean output tokens of the account's answered requests, each model's answers divided by the typical length of that model's answers (the median over accounts of their mean), so a model that thinks aloud does not make its every user long.",
  why:
    'A harvest is paid for in complete answers: whole programs, full step-by-step solutions, long explanations, asked for in prompts written to draw them out. What it keeps is the output, so it gets several times the tokens per request that people chatting or building get (a real conversation service answers with about 200 tokens on average, 600 at the 99th percentile: Azure LLM inference trace 2023). Unlike max_output, which reads what a request asks for, this reads what it got, so a harvester cannot hide it by leaving max_tokens at a default.',
  confounders:
    'Evaluation harnesses on long-form benchmarks, long-form writing and report tools, code generators writing whole files, and labs sampling long reasoning: all old, single-customer workloads that the hunt explains as such (eval_harness, research lab) rather than out-scores.',
  kind: 'value',
  direction: 'high',
  minSupport: 5,
  sql: () => `
    WITH
      per_model AS (
        SELECT account_id, model, avg(out_tok) AS mean_out, count() AS answered
        FROM _hunt_x WHERE out_tok > 0
        GROUP BY account_id, model
      ),
      -- Each account counts once, however much it sends: a few heavy accounts do not set what is usual.
      typical AS (SELECT model, quantileExact(0.5)(mean_out) AS typical_out FROM per_model GROUP BY model)
    SELECT m.account_id AS account_id,
           -- rounded: the sum's order over a few models must not change an account's rank between runs
           round(sum(m.mean_out / greatest(1, t.typical_out) * m.answered) / sum(m.answered), 6) AS value,
           sum(m.answered) AS n
    FROM per_model AS m INNER JOIN typical AS t ON t.model = m.model
    GROUP BY m.account_id`,
});
