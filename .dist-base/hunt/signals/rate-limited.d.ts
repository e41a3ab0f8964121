declare const _default: import("../signal.js").Signal;
export default _default;
