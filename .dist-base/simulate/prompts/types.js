/**
 * The interface between the traffic simulator (which decides who sends what kind of request, when) and
 * the prompt generators (which write the text). Built-in generators ship with the package; a corpus
 * generator draws real prompts from a directory in the ../shared/corpora format instead.
 */
/** What a request is after: the capability areas distillation campaigns target, and everything else. */
export const CAPABILITIES = [
    'software_engineering',
    'agentic_tool_use',
    'reasoning', // math and logic, step by step
    'long_horizon_planning',
    'rubric_grading', // the model used as a judge / reward model
    'general', // writing, advice, chat, everything else
];
/** Who is asking: the benign personas, and the attack. Generators adapt tone and content to it. */
export const PROMPT_PERSONAS = [
    'chat_user',
    'coding_agent',
    'batch_pipeline',
    'eval_runner',
    'relay',
    'university_class',
    'researcher',
    'attack',
];
//# sourceMappingURL=types.js.map