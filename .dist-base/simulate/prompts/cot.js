/**
 * Chain-of-thought elicitation: the phrasings that ask the model to write out (or reconstruct) its
 * reasoning. Attackers, eval harnesses and students all ask for it, so the benign lists overlap the
 * attack list on purpose: the phrase alone must not give a campaign away.
 */
import { lex } from './grammar.js';
/**
 * Substrings at least one of which occurs in every elicitation we write (the tests hold us to it), and
 * none of which our non-CoT attack prompts use. Lower-case; match case-insensitively.
 */
export const COT_MARKERS = [
    'step by step', 'step-by-step', 'reasoning', 'chain of thought', 'chain-of-thought', 'intermediate step',
    'thought process', 'think through', 'think it through', 'show your work', 'show all your work', 'show all work',
    'derivation', 'how you arrived', 'how you got', 'each step', 'every step', 'think carefully', "let's think",
    'lets think', 'walk me through', 'work through', 'justify each', 'show the steps', 'show me the steps',
    'paso a paso', 'razonamiento', 'étape par étape', 'raisonnement', 'schritt für schritt', 'gedankengang',
    'passo a passo', 'шаг за шагом', 'рассужд', '一步一步', '逐步', '推理', '思考过程', 'ステップ', '思考過程',
    '단계별', '추론',
];
/** What eval harnesses append (short, conventional). */
lex.add('cotHarness', [
    "Let's think step by step.",
    "Let's think step by step and then give the final answer.",
    'Think step by step, then write the final answer after "Answer:".',
    'Show your work, and put the final answer on the last line.',
    'Reason step by step and end with "The answer is N".',
    'Explain your reasoning before giving the answer.',
    "Let's work through this carefully, one step at a time.",
]);
/** What students and everyday users write. */
lex.add('cotCasual', [
    'please explain step by step',
    'can you show the steps?',
    'pls show your work so i can follow',
    'explain it step by step so I actually understand',
    'walk me through how to get the answer',
    'can you walk me through it?',
    'show all work please',
    'explain your reasoning too',
    'I need to see each step, not just the answer',
    "can you break it down step-by-step",
]);
/** What researchers write. */
lex.add('cotResearch', [
    'Please give the full derivation, not just the result.',
    'Walk me through the derivation step by step.',
    'Justify each step.',
    'Spell out the intermediate steps so I can check them.',
    'Think it through carefully and show the reasoning.',
]);
/** The harvester's phrasings: many, and often insistent about completeness. */
lex.add('cotAttack', [
    'Show your reasoning step by step.',
    '‹Before answering|Before you answer›, write out your full chain of thought.',
    'Explain how you arrived at ‹the answer|your answer|this›, including ‹all |›the intermediate steps.',
    "‹Let's think|Think› step by step.",
    'Think through the problem ‹carefully |›before ‹giving|writing› the final answer, and show that thinking.',
    'Write your complete reasoning ‹process |›first, then the final answer.',
    'Provide a detailed step-by-step ‹solution|explanation›‹| with every intermediate result›.',
    'Lay out ‹your|the› chain of thought explicitly‹, one numbered step per line|›.',
    'Do not skip any steps: show ‹each step|every step› of your ‹reasoning|work›.',
    'First think out loud about how to approach this (your full thought process), then answer.',
    'Include your internal reasoning ‹verbatim|in full› before the answer.',
    'Explain ‹each step|every step› and why it follows from the previous one.',
    'Walk me through your reasoning ‹in detail|from start to finish›.',
    'Think carefully and write down every intermediate step.',
    'Put your step-by-step reasoning inside <thinking> tags and the final answer inside <answer> tags.',
    'Respond with two sections: "Reasoning" (exhaustive, step by step) and "Final answer".',
    'Reason through this like an expert would, narrating your thought process as you go.',
    'Show all your work, including dead ends you considered and rejected.',
    'Justify each step of the solution.',
    'Give the derivation in full before stating the result.',
]);
/** Non-English elicitations (campaigns that write in other languages; their hosts' users too). */
lex.add('cotForeign', [
    'Explica tu razonamiento paso a paso.',
    'Piensa paso a paso antes de responder.',
    'Explique votre raisonnement étape par étape.',
    'Réfléchis étape par étape avant de répondre.',
    'Erkläre deinen Gedankengang Schritt für Schritt.',
    'Denke Schritt für Schritt nach, bevor du antwortest.',
    'Explique o seu raciocínio passo a passo.',
    'Рассуждай шаг за шагом и покажи ход рассуждений.',
    '请一步一步地思考，并写出完整的推理过程。',
    '请逐步推理，然后给出最终答案。',
    'ステップバイステップで考え、思考過程をすべて書いてください。',
    '단계별로 생각하고 추론 과정을 모두 보여 주세요.',
]);
/** Asking the model to rebuild the reasoning behind an answer it is given. Needs var `answer`. */
lex.add('cotReconstruct', [
    'The final answer is ‹^answer›. Reconstruct the reasoning that leads to this answer, step by step.',
    'I already know the answer is ‹^answer›. Explain how you arrived at it, including every intermediate step.',
    'Answer: ‹^answer›. Now write the full chain of thought that would produce this answer.',
    'Given that the correct result is ‹^answer›, reconstruct the step-by-step solution that gets there.',
]);
//# sourceMappingURL=cot.js.map