/**
 * Rate-limit shaping seen across accounts rather than within one: the accounts tied together by a rare
 * key (a card, a sign-up burst, a template) each carry the same slice of the load.
 */
declare const _default: import("../signal.js").Signal;
export default _default;
