import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'ip_churn',
  title: 'IP churn',
  group: 'infrastructure',
  measures: 'Distinct client networks (/24 IPv4, /48 IPv6) per active day, beyond the one a customer works from (0 for one network a day or fewer).',
  why: 'Proxy pools rotate exits per request, session or day; a customer works from a handful of networks.',
  confounders: 'Mobile users moving between carriers and Wi-Fi; clients behind rotating corporate egress.',
  kind: 'value',
  direction: 'high',
  minSupport: 5,
  // One network a day or fewer is no churn at all: ranked as it is, one network over 5 active days would
  // stand above one over 12, and a class on its campus NAT would read as rotating proxies.
  sql: () => `SELECT account_id, greatest(0, subnets / greatest(1, active_days) - 1) AS value, exchanges AS n FROM _hunt_acct`,
});
