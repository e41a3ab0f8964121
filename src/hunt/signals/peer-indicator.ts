import { defineSignal } from '../signal.js';
import { PEER_SIGNAL_SQL } from '../../share/match.js';

export default defineSignal({
  id: 'peer_indicator',
  title: "Traffic matching a peer's shared indicators",
  group: 'peer',
  measures:
    "Share of the account's requests that match a live indicator imported from a peer (distillwatch share import): a campaign's networks, " +
    'client fingerprints, or keyed fingerprints of its system prompts, tool lists and prompt templates. Indicators that match mostly ' +
    'established customers, or a large share of all accounts, are muted (share/match.ts).',
  why: 'The same operation hits several providers with the same templates, system prompts, proxies and clients; a peer that caught it shares them.',
  confounders:
    "A peer's mistaken or poisoned indicator (a popular SDK's user agent, a cloud's network, a product's system prompt) matches real customers: " +
    'the signal is in the coordination family (it adds to a score, it never makes a campaign), and only a producer the operator trusts can flag alone.',
  kind: 'share',
  direction: 'high',
  minSupport: 1,
  // Rows only when something was imported: a hunt without peers' indicators is unchanged.
  sql: () => PEER_SIGNAL_SQL,
});
