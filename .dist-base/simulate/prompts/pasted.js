/**
 * Longer text people paste into prompts: news items, meeting notes, email threads, reviews, support
 * tickets, call transcripts and paper abstracts. Built from sentence grammars, so lengths and contents vary.
 */
import { A, expand, lex } from './grammar.js';
import './lexicon.js';
lex.add('org', ['The city council', 'The school board', 'The regional health authority', 'A local bakery', 'The university', 'The transit agency', 'A startup', 'The library', 'The football club', 'A hospital group']);
lex.add('orgAction', [
    'extend opening hours on weekends', 'raise fares by ‹#2-15› percent', 'build a new cycling lane along the river', 'close two branches',
    'hire ‹#10-300› new staff', 'switch to renewable energy', 'launch a free after-school programme', 'ban cars from the old town on Sundays',
    'digitise its archive', 'replace its ageing fleet of buses', 'cut its budget by ‹#3-20› percent', 'open a community garden',
]);
const NEWS = A([
    '‹$org› announced on ‹$weekday› that it will ‹$orgAction› starting in ‹$month›.',
    'Officials said the decision followed ‹months of consultation|a public vote|complaints from residents|a review of last year\'s figures›.',
    'Critics argue that the plan ‹does not go far enough|will hurt small businesses|was rushed|ignores people with disabilities›.',
    'Supporters point out that ‹similar schemes worked well in ‹$city›|it will save money in the long run|demand has doubled since ‹#2015-2022››.',
    'The cost is estimated at ‹#2-90› million, ‹to be paid from existing funds|partly covered by a government grant|which some say is too high›.',
    'A spokesperson for ‹$company› said the company ‹welcomed the move|was still studying the details|had not been consulted›.',
    'Residents will be able to comment ‹online|at public meetings|by post› until the end of ‹$month›.',
    '“‹We have listened to people|This is a long-overdue change|We expect some disruption at first›,” said ‹$name› ‹$surname›, who leads the project.',
    'The first phase ‹is expected to|should› be complete within ‹#2-18› months.',
    'Similar proposals were rejected in ‹#2009-2021› after ‹a legal challenge|protests|concerns about cost›.',
]);
lex.add('surname', ['Okafor', 'Lindqvist', 'García', 'Nakamura', 'Haddad', 'Kowalski', 'Mensah', 'Rossi', 'Chen', 'Dubois', 'Patel', 'Novak', 'Silva', 'Murphy']);
const MEETING = A([
    '- ‹$name› will ‹send the updated budget|follow up with legal|draft the announcement|book the venue|fix the login bug› by ‹$weekday›.',
    '- Decision: ‹we go with vendor B|launch moves to ‹$month›|hiring is paused until Q‹#2-4›|the pilot is extended by ‹#2-6› weeks›.',
    '- ‹Open question|Blocker|Risk›: ‹no owner for the migration|the API quota is too low|design sign-off still missing|two people are out next week›.',
    '- ‹$name› reported that ‹signups are up ‹#3-40›%|churn fell slightly|the beta has ‹#20-900› users|support tickets doubled after the release›.',
    '- Next meeting on ‹$weekday› at ‹#9-16›:00.',
    '- Discussed ‹pricing for the enterprise tier|the offsite agenda|onboarding feedback|the Q‹#1-4› roadmap›; ‹no decision yet|agreed to revisit next week|mostly aligned›.',
]);
const EMAIL = A([
    'Hi ‹$name›, just following up on ‹the invoice from last month|my previous email|the contract draft|the schedule for next week›.',
    'Could you ‹confirm the dates|send the signed copy|let me know if anything changed|loop in ‹$n2:name››?',
    '‹Thanks for the quick reply.|Sorry for the delay on my side.|Apologies for the confusion earlier.›',
    'We are ‹still waiting on|almost done with|happy with› ‹the design files|the shipment|the test results|the quote›.',
    'The ‹meeting|delivery|deadline› has moved to ‹$weekday› the ‹#2-28›th.',
    'Let me know if ‹that works|you need anything else|we should set up a call›. Best, ‹$n3:name›',
]);
const REVIEW = A([
    '‹I bought this|Ordered this|Got this as a gift› ‹last month|two weeks ago|for my ‹son|wife|office››‹ and|, and honestly› ‹I love it|it broke after a week|it is just okay|it exceeded my expectations›.',
    '‹The battery|The fabric|The sound quality|The build|Setup|Delivery› ‹is great|was terrible|feels cheap|took forever|is better than expected›.',
    '‹Customer service was helpful|Customer service never answered|The instructions are confusing|Returns were easy›.',
    '‹Would buy again|Would not recommend|Good value for the price|Overpriced for what it is›.',
    '‹‹#2-5› stars because|Taking off a star since|Only complaint:› ‹the colour is different from the photo|it is louder than advertised|the app keeps disconnecting|the box was damaged›.',
]);
const TICKET = A([
    '‹I can\'t log in|My payment failed|I was charged twice|The app crashes on startup|My order never arrived|I need to change my address› ‹since ‹$weekday›|after the last update|for the third time›.',
    '‹Order|Account|Invoice› number ‹#10000-99999›.',
    '‹I already tried reinstalling|I reset my password twice|I contacted you last week|Nobody has replied to my emails›.',
    '‹This is urgent|Please help asap|I will cancel if this is not fixed|Not a big deal but wanted to let you know›.',
]);
const TRANSCRIPT = A([
    'Agent: Thank you for calling ‹$company›, this is ‹$name›, how can I help?',
    'Customer: Hi, ‹I\'m calling about my bill|my internet has been down since ‹$weekday›|I want to cancel my subscription|I have a question about my order›.',
    'Agent: ‹I\'m sorry to hear that|Sure, I can help with that|Let me pull up your account›. Can you confirm your ‹date of birth|account number|postcode›?',
    'Customer: ‹Sure, it\'s ‹#10000-99999›|Yes, one second|I don\'t have it with me›.',
    'Agent: ‹I see a charge of $‹#10-300› on the ‹#2-28›th|There is an outage in your area|I can offer you ‹#10-50›% off for three months›.',
    'Customer: ‹Okay, that works|That\'s not acceptable|Can I speak to a manager?|Great, thanks›.',
    'Agent: ‹I\'ve noted that on your account|I\'ll escalate this|Is there anything else I can help with?›',
]);
lex.add('field', ['language models', 'protein design', 'reinforcement learning', 'graph neural networks', 'causal inference', 'climate modelling', 'computer vision', 'speech recognition', 'recommender systems', 'federated learning']);
const ABSTRACT = A([
    'We study the problem of ‹robust|efficient|scalable|interpretable› ‹$field› under ‹distribution shift|limited supervision|tight compute budgets|noisy labels›.',
    'Existing methods ‹rely on large labelled datasets|scale poorly with sequence length|ignore the structure of the data|are hard to reproduce›.',
    'We propose ‹a simple|a novel|an efficient› ‹training objective|architecture|sampling scheme|evaluation protocol› that ‹exploits sparsity|reuses intermediate computations|aligns representations across domains›.',
    'On ‹#3-12› benchmarks, our approach ‹improves accuracy by ‹#1-9›.‹#0-9› points|reduces training cost by ‹#20-80›%|matches the state of the art with ‹#2-10›x fewer parameters›.',
    'We further ‹analyse failure cases|release code and data|provide a theoretical justification|show the method transfers to new domains›.',
    'Our results suggest that ‹scale alone is not sufficient|simple baselines are underrated|careful evaluation changes the conclusions of prior work›.',
]);
const KINDS = { news: NEWS, meeting: MEETING, email: EMAIL, review: REVIEW, ticket: TICKET, transcript: TRANSCRIPT, abstract: ABSTRACT };
/**
 * n sentences of the given kind, without repeats while the list lasts. News opens with its lead and
 * emails with a greeting and end with a sign-off; a call transcript runs in order.
 */
export function pasted(ctx, kind, n) {
    const alts = KINDS[kind].alts;
    const sep = kind === 'meeting' || kind === 'transcript' ? '\n' : ' ';
    if (kind === 'transcript') {
        let s = '';
        for (let i = 0; i < n; i++)
            s += (i ? sep : '') + expand(alts[i % alts.length], ctx);
        return s;
    }
    const fixedFirst = kind === 'news' || kind === 'email' || kind === 'abstract';
    const fixedLast = kind === 'email';
    const lo = fixedFirst ? 1 : 0;
    const hi = fixedLast ? alts.length - 1 : alts.length;
    const idx = [];
    for (let i = lo; i < hi; i++)
        idx.push(i);
    const parts = [];
    if (fixedFirst)
        parts.push(expand(alts[0], ctx));
    const middle = Math.max(0, n - parts.length - (fixedLast ? 1 : 0));
    for (let k = 0; k < middle; k++) {
        // Partial Fisher-Yates: draw without replacement, refilling when the list runs out.
        const left = idx.length - (k % idx.length);
        const j = ctx.rng.int(left);
        const pick = idx[j];
        idx[j] = idx[left - 1];
        idx[left - 1] = pick;
        parts.push(expand(alts[pick], ctx));
    }
    if (fixedLast)
        parts.push(expand(alts[alts.length - 1], ctx));
    return parts.join(sep);
}
//# sourceMappingURL=pasted.js.map