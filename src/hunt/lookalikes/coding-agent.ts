import { T } from '../context.js';
import { CANDIDATES, defineLookalike } from './lookalike.js';

export default defineLookalike({
  id: 'coding_agent',
  title: 'Coding agent',
  // Not `people`: a product's users are people, but all this pattern measures (tools, turns, cache re-use) is in the
  // request, free for a harvester to copy (the adaptive-cache scenario does), so it earns its accounts no lower rank.
  shows: 'Long agent sessions: tools declared, many turns, most input read back from the prompt cache (the agent re-sends its growing context).',
  caveat: 'A harvester that spoofs an agent copies its tools and system prompt but rarely its cache re-use and turn structure (cache_mismatch, client_mismatch).',
  sql: () => `
    SELECT a.account_id AS account_id,
           map('cache_read_ratio', round(ifNull(a.cache_read_ratio, 0), 3), 'tool_share', round(ifNull(a.tool_share, 0), 3),
               'mean_turn', round(ifNull(a.mean_turn, 0), 2)) AS numbers
    FROM ${T.acct} AS a
    WHERE a.account_id IN (SELECT account_id FROM ${CANDIDATES}) AND a.exchanges > 0
      AND ifNull(a.cache_read_ratio, 0) >= 0.5 AND ifNull(a.tool_share, 0) >= 0.3 AND ifNull(a.mean_turn, 0) >= 2`,
});
