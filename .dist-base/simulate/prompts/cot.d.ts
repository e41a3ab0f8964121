/**
 * Substrings at least one of which occurs in every elicitation we write (the tests hold us to it), and
 * none of which our non-CoT attack prompts use. Lower-case; match case-insensitively.
 */
export declare const COT_MARKERS: readonly ["step by step", "step-by-step", "reasoning", "chain of thought", "chain-of-thought", "intermediate step", "thought process", "think through", "think it through", "show your work", "show all your work", "show all work", "derivation", "how you arrived", "how you got", "each step", "every step", "think carefully", "let's think", "lets think", "walk me through", "work through", "justify each", "show the steps", "show me the steps", "paso a paso", "razonamiento", "étape par étape", "raisonnement", "schritt für schritt", "gedankengang", "passo a passo", "шаг за шагом", "рассужд", "一步一步", "逐步", "推理", "思考过程", "ステップ", "思考過程", "단계별", "추론"];
