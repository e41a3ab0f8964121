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
    WITH per_model AS (
      -- One pass over the exchanges. The typical answer of each model is the median over accounts of their mean, so
      -- each account counts once, however much it sends: a few heavy accounts do not set what is usual.
      SELECT acct, mean_out, answered, quantileExact(0.5)(mean_out) OVER (PARTITION BY model_name) AS typical_out
      FROM (
        -- (grouped by the account's hash, acctSql, and the model's, computed once per distinct model: cheaper than
        -- grouping by the strings)
        SELECT acct, cityHash64(model) AS model_hash, any(model) AS model_name, avg(out_tok) AS mean_out, count() AS answered
        FROM _hunt_x WHERE out_tok > 0
        GROUP BY acct, model_hash
      )
    ),
    per_account AS (
      SELECT acct,
             -- rounded: the sum's order over a few models must not change an account's rank between runs
             round(sum(mean_out / greatest(1, typical_out) * answered) / sum(answered), 6) AS value,
             sum(answered) AS n
      FROM per_model
      GROUP BY acct
    )
    SELECT a.account_id AS account_id, p.value AS value, p.n AS n
    FROM per_account AS p INNER JOIN _hunt_acct AS a ON a.acct = p.acct`,
});
