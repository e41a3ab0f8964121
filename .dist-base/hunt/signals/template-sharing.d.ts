/** Prompts shorter than this open with words anyone might write; only longer ones identify a template. */
export declare const MIN_TEMPLATE_PROMPT_CHARS = 60;
/** SQL over `_hunt_x`: the template keys of one exchange (opening words, SimHash, first substantial line). */
export declare const TEMPLATE_KEYS: string[];
declare const _default: import("../signal.js").Signal;
export default _default;
