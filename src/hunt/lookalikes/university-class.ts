import { T } from '../context.js';
import { CANDIDATES, defineLookalike } from './lookalike.js';

export default defineLookalike({
  id: 'university_class',
  title: 'University class or hackathon',
  // Students: each works on their own assignment; the card, network and course prompt are the setting.
  people: true,
  shows: 'Accounts opened together (the same ten minutes, the same email domain) from one sign-up network, often on one institution card, used by people: a few requests a day, in conversations or at human hours, not around the clock.',
  caveat: 'A small hydra can sign its accounts up together from one proxy on one card; what it then does (volume, output, timing) is what tells them apart, and the campaign bars judge that.',
  sql: () => `
    WITH peers AS (
      SELECT k.acct AS acct, maxIf(k.df, k.kind = 'creation_burst') AS opened_together, maxIf(k.df, k.kind = 'signup_subnet') AS signup_network_peers,
             maxIf(k.df, k.kind = 'payment') AS card_sharers
      FROM ${T.keys} AS k WHERE k.acct IN (SELECT cityHash64(account_id) FROM ${CANDIDATES}) AND k.kind IN ('creation_burst', 'signup_subnet', 'payment')
      GROUP BY k.acct
    )
    SELECT a.account_id AS account_id,
           map('opened_together', toFloat64(p.opened_together), 'signup_network_peers', toFloat64(p.signup_network_peers),
               'card_sharers', toFloat64(p.card_sharers), 'requests_per_day', round(ifNull(a.exchanges_per_day, 0), 2),
               'mean_turn', round(ifNull(a.mean_turn, 0), 2), 'hour_entropy', round(ifNull(a.hour_entropy, 0), 2)) AS numbers
    FROM ${T.acct} AS a INNER JOIN peers AS p ON p.acct = a.acct
    WHERE greatest(p.opened_together, p.signup_network_peers) >= 5
      AND ifNull(a.exchanges_per_day, 0) <= 50 AND ifNull(a.hour_entropy, 0) < 4.2
      AND (ifNull(a.mean_turn, 1) >= 1.3 OR ifNull(a.exchanges_per_day, 0) <= 20)`,
});
