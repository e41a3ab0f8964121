/**
 * Problem generators with computed answers: grade-school word problems, competition-style math and
 * logic puzzles. Numbers come from ctx.rng; wording from the grammar (so a template seed can pin it).
 * Shared by the attack, eval runners, students, chat users and researchers.
 */
import { expand, lex, P } from './grammar.js';
import './lexicon.js';
const between = (ctx, lo, hi) => lo + ctx.rng.int(hi - lo + 1);
const gcd = (a, b) => (b === 0 ? Math.abs(a) : gcd(b, a % b));
const money = (n) => (Number.isInteger(n) ? `$${n}` : `$${n.toFixed(2)}`);
function make(phrase, ctx, vars, answer) {
    for (const k in vars)
        ctx.vars[k] = String(vars[k]);
    return { text: expand(phrase, ctx), answer: String(answer) };
}
lex.add('itemPlural', [
    'notebooks', 'pencils', 'apples', 'cupcakes', 'stickers', 'marbles', 'comic books', 'tennis balls', 'candles',
    'plant pots', 'bags of rice', 'packs of cards', 'toy cars', 'bottles of juice', 'sketchbooks', 'bracelets',
]);
lex.add('pronoun', ['she', 'he', 'they']);
lex.add('vehicle', ['train', 'truck', 'cyclist', 'bus', 'ferry', 'delivery van', 'hiker']);
lex.add('howMany', ['How many', 'How many', 'What is the total number of']);
// ---- grade-school word problems (gsm8k-like) ---------------------------------------------------------
const gsmShopping = P('‹$name› buys ‹^a› ‹$it1:itemPlural› for ‹^p› each and ‹^b› ‹$it2:itemPlural› for ‹^q› each. ‹^name› ‹pays with|hands the cashier› ‹^bill›. How much change ‹does ‹^name› get|should ‹^name› receive›?');
const gsmTrip = P('A ‹$vehicle› travels at ‹^s1› km per hour for ‹^h1› hours, then at ‹^s2› km per hour for ‹^h2› hours. How ‹far does it travel|many kilometres does it cover› in total?');
const gsmFraction = P('‹$name› has ‹^n› ‹$itemPlural›. ‹^name› gives a third of them to a ‹brother|cousin|neighbour› and ‹^k› to a friend. How many ‹^itemPlural› ‹does ‹^name› have|are› left?');
const gsmPages = P('‹$name› is reading a ‹^total›-page ‹book|novel› and reads ‹^per› pages every ‹day|evening›. After ‹^days› days, how many pages ‹are left to read|does ‹^name› still have to read›?');
const gsmDiscount = P('‹A jacket|A pair of boots|A bicycle|A backpack|A coffee machine› ‹costs|is priced at› ‹^price›. ‹It is on sale|The store offers› ‹^pct›% off‹, and there is an extra ‹^coupon› coupon applied after the discount|›. What is the final price?');
const gsmWages = P('‹$name› earns ‹^wage› an hour and works ‹^hours› hours a week. ‹^name› saves half of ‹what ‹^pronoun› earns|the money›. How much does ‹^name› save in ‹^weeks› weeks?');
const gsmBakery = P('A bakery bakes ‹^trays› trays of ‹^per› ‹muffins|croissants|bagels› each. It sells ‹^m› in the morning and ‹^a› in the afternoon. How many are left at closing time?');
const gsmAges = P('‹$n1:name› is ‹^k› years older than ‹$n2:name›. In ‹^n› years, the sum of their ages will be ‹^s›. How old is ‹^n2› now?');
const gsmFence = P('A rectangular ‹garden|yard|playground› is ‹^l› metres long and ‹^w› metres wide. Fencing costs ‹^c› per metre. How much will it cost to fence ‹the whole perimeter|all the way around it›?');
const gsmSavings = P('‹$name› wants to buy a ‹bike|laptop|guitar|tablet› that costs ‹^cost›. ‹^name› already has ‹^have› and saves ‹^per› every week. How many weeks ‹will it take|until ‹^name› can afford it›?');
const gsmClass = P('There are ‹^n› students in a ‹class|school club|choir›. ‹^pct›% of them ‹are girls|walk to school|play an instrument›. How many ‹do not|students do not›?');
export const gradeSchool = [
    (ctx) => {
        const a = between(ctx, 2, 9), b = between(ctx, 2, 9), p = between(ctx, 2, 15), q = between(ctx, 1, 12);
        const total = a * p + b * q;
        const bill = Math.ceil((total + 1) / 20) * 20 + (ctx.rng.int(2) ? 20 : 0);
        return make(gsmShopping, ctx, { a, b, p: money(p), q: money(q), bill: money(bill) }, money(bill - total));
    },
    (ctx) => {
        const s1 = 10 * between(ctx, 3, 12), h1 = between(ctx, 1, 5), s2 = 10 * between(ctx, 3, 12), h2 = between(ctx, 1, 4);
        return make(gsmTrip, ctx, { s1, h1, s2, h2 }, `${s1 * h1 + s2 * h2} km`);
    },
    (ctx) => {
        const n = 3 * between(ctx, 5, 40), k = between(ctx, 1, 9);
        return make(gsmFraction, ctx, { n, k }, n - n / 3 - k);
    },
    (ctx) => {
        const per = between(ctx, 8, 40), days = between(ctx, 3, 12), total = per * days + between(ctx, 10, 300);
        return make(gsmPages, ctx, { per, days, total }, total - per * days);
    },
    (ctx) => {
        const price = 20 * between(ctx, 2, 15), pct = ctx.rng.pick([10, 20, 25, 50]), coupon = ctx.rng.pick([0, 5, 10]);
        const final = (price * (100 - pct)) / 100 - coupon;
        ctx.vars.coupon = money(coupon);
        return make(gsmDiscount, ctx, { price: money(price), pct }, money(final));
    },
    (ctx) => {
        const wage = between(ctx, 12, 40), hours = between(ctx, 10, 40), weeks = between(ctx, 2, 12);
        ctx.vars.pronoun = ctx.rng.pick(['she', 'he', 'they']);
        return make(gsmWages, ctx, { wage: money(wage), hours, weeks }, money((wage * hours * weeks) / 2));
    },
    (ctx) => {
        const trays = between(ctx, 3, 12), per = ctx.rng.pick([6, 8, 12, 24]), total = trays * per;
        const m = between(ctx, 1, Math.floor(total / 2)), a = between(ctx, 0, total - m);
        return make(gsmBakery, ctx, { trays, per, m, a }, total - m - a);
    },
    (ctx) => {
        const young = between(ctx, 4, 40), k = between(ctx, 2, 30), n = between(ctx, 2, 15);
        return make(gsmAges, ctx, { k, n, s: 2 * young + k + 2 * n }, young);
    },
    (ctx) => {
        const l = between(ctx, 5, 60), w = between(ctx, 4, 40), c = between(ctx, 3, 25);
        return make(gsmFence, ctx, { l, w, c: money(c) }, money(2 * (l + w) * c));
    },
    (ctx) => {
        const cost = 10 * between(ctx, 15, 120), have = 5 * between(ctx, 0, 20), per = 5 * between(ctx, 2, 12);
        return make(gsmSavings, ctx, { cost: money(cost), have: money(have), per: money(per) }, Math.max(0, Math.ceil((cost - have) / per)));
    },
    (ctx) => {
        const n = 20 * between(ctx, 1, 10), pct = ctx.rng.pick([25, 40, 45, 55, 60, 75]);
        return make(gsmClass, ctx, { n, pct }, n - (n * pct) / 100);
    },
];
// ---- competition-style math (MATH-like, with LaTeX) ---------------------------------------------------
const mathLinear = P('Solve for $x$: $‹^a›x + ‹^b› = ‹^c›x ‹^ds›$.');
const mathRoots = P('‹What is|Find› the ‹^which› of the roots of $x^2 ‹^bs›x ‹^cs› = 0$?');
const mathModpow = P('What is the remainder when $‹^a›^{‹^n›}$ is divided by $‹^m›$?');
const mathDivisors = P('How many positive divisors does $‹^n›$ have?');
const mathDice = P('Two fair six-sided dice are rolled. What is the probability that the sum is ‹^s›? Express your answer as a common fraction.');
const mathSeries = P('What is the sum of the arithmetic sequence $‹^a›, ‹^b›, ‹^c›, \\ldots, ‹^last›$?');
const mathHyp = P('A right triangle has legs of length $‹^a›$ and $‹^b›$. What is the length of its hypotenuse?');
const mathChoose = P('In how many ways can a committee of ‹^k› people be chosen from a group of ‹^n›?');
const mathLcm = P('What is the least common multiple of $‹^a›$ and $‹^b›$?');
const mathPoly = P('If $f(x) = ‹^a›x^2 ‹^bs› x ‹^cs›$, what is $f(‹^t›)$?');
const mathBase = P('Express the decimal number $‹^n›$ in base ‹^b›.');
const signed = (n) => (n < 0 ? `- ${-n}` : `+ ${n}`);
const frac = (p, q) => {
    const g = gcd(p, q);
    return q / g === 1 ? `${p / g}` : `\\frac{${p / g}}{${q / g}}`;
};
export const competition = [
    (ctx) => {
        const x = between(ctx, -12, 12), a = between(ctx, 2, 9), b = between(ctx, 1, 20);
        let c = between(ctx, 1, 9);
        if (c === a)
            c = a + 1;
        return make(mathLinear, ctx, { a, b, c, ds: signed(a * x + b - c * x) }, x);
    },
    (ctx) => {
        const r1 = between(ctx, -9, 9), r2 = between(ctx, -9, 9), which = ctx.rng.int(2) ? 'sum' : 'product';
        return make(mathRoots, ctx, { which, bs: signed(-(r1 + r2)), cs: signed(r1 * r2) }, which === 'sum' ? r1 + r2 : r1 * r2);
    },
    (ctx) => {
        const a = between(ctx, 2, 19), n = between(ctx, 10, 200), m = between(ctx, 3, 13);
        let r = 1;
        for (let i = 0; i < n; i++)
            r = (r * a) % m;
        return make(mathModpow, ctx, { a, n, m }, r);
    },
    (ctx) => {
        const n = between(ctx, 12, 2000);
        let d = 0;
        for (let i = 1; i * i <= n; i++)
            if (n % i === 0)
                d += i * i === n ? 1 : 2;
        return make(mathDivisors, ctx, { n }, d);
    },
    (ctx) => {
        const s = between(ctx, 2, 12), ways = 6 - Math.abs(7 - s);
        return make(mathDice, ctx, { s }, frac(ways, 36));
    },
    (ctx) => {
        const a = between(ctx, -5, 20), d = between(ctx, 2, 9), n = between(ctx, 8, 40), last = a + (n - 1) * d;
        return make(mathSeries, ctx, { a, b: a + d, c: a + 2 * d, last }, (n * (a + last)) / 2);
    },
    (ctx) => {
        const [p, q, r] = ctx.rng.pick([[3, 4, 5], [5, 12, 13], [8, 15, 17], [7, 24, 25], [20, 21, 29]]);
        const k = between(ctx, 1, 6);
        return make(mathHyp, ctx, { a: p * k, b: q * k }, r * k);
    },
    (ctx) => {
        const n = between(ctx, 6, 16), k = between(ctx, 2, 5);
        let c = 1;
        for (let i = 0; i < k; i++)
            c = (c * (n - i)) / (i + 1);
        return make(mathChoose, ctx, { n, k }, c);
    },
    (ctx) => {
        const a = between(ctx, 4, 60), b = between(ctx, 4, 60);
        return make(mathLcm, ctx, { a, b }, (a * b) / gcd(a, b));
    },
    (ctx) => {
        const a = between(ctx, 1, 6), b = between(ctx, -9, 9), c = between(ctx, -9, 9), t = between(ctx, -5, 5);
        return make(mathPoly, ctx, { a, bs: signed(b), cs: signed(c), t }, a * t * t + b * t + c);
    },
    (ctx) => {
        const n = between(ctx, 20, 999), b = ctx.rng.pick([2, 3, 5, 7, 8]);
        return make(mathBase, ctx, { n, b }, `${n.toString(b)}_${b}`);
    },
];
// ---- logic puzzles -----------------------------------------------------------------------------------
const logicOrder = P('‹^clues› ‹Who is the ‹^rankWord› ‹tallest|oldest|fastest›?|Which of them is ‹^rankWord› ‹tallest|oldest|fastest›?›');
const logicSequence = P('What is the next number in the sequence ‹^seq›, ...?');
const logicWeekday = P('If today is ‹^day›, what day of the week will it be in ‹^n› days?');
const logicKnights = P('On an island, knights always tell the truth and knaves always lie. ‹^a› says: "‹^b› is a knave." ‹^b› says: "‹^a› and I are ‹both knights|the same kind›." What are ‹^a› and ‹^b›?');
const logicAges = P('The product of three positive integers is ‹^prod› and their sum is ‹^sum›. If the largest is ‹^big›, what are the other two?');
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NAMES = ['Ana', 'Ben', 'Chen', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon', 'Kai', 'Lea'];
const RANK = ['', 'second', 'third', 'fourth'];
export const logic = [
    (ctx) => {
        // A random order, given as comparisons between neighbours in a shuffled list of clues.
        const n = between(ctx, 4, 5), people = NAMES.slice(ctx.rng.int(7), 12);
        const order = people.slice(0, n);
        for (let i = order.length - 1; i > 0; i--) {
            const j = ctx.rng.int(i + 1);
            [order[i], order[j]] = [order[j], order[i]];
        }
        const clues = order.slice(1).map((p, i) => (ctx.rng.int(2) ? `${order[i]} is taller than ${p}.` : `${p} is shorter than ${order[i]}.`));
        for (let i = clues.length - 1; i > 0; i--) {
            const j = ctx.rng.int(i + 1);
            [clues[i], clues[j]] = [clues[j], clues[i]];
        }
        const rank = between(ctx, 1, n - 2);
        return make(logicOrder, ctx, { clues: clues.join(' '), rankWord: RANK[rank] }, order[rank]);
    },
    (ctx) => {
        const kind = ctx.rng.int(3), a = between(ctx, 1, 9), d = between(ctx, 2, 7);
        const seq = [];
        for (let i = 0; i < 5; i++)
            seq.push(kind === 0 ? a + i * d : kind === 1 ? a * d ** i : (i + a) ** 2 + d);
        const next = kind === 0 ? a + 5 * d : kind === 1 ? a * d ** 5 : (5 + a) ** 2 + d;
        return make(logicSequence, ctx, { seq: seq.join(', ') }, next);
    },
    (ctx) => {
        const d = ctx.rng.int(7), n = between(ctx, 10, 1000);
        return make(logicWeekday, ctx, { day: DAYS[d], n }, DAYS[(d + n) % 7]);
    },
    (ctx) => {
        const a = ctx.rng.pick(NAMES), b = ctx.rng.pick(NAMES.filter((x) => x !== a));
        // If a is a knight, b is a knave and b's claim is false (consistent); if a is a knave, b is a knight and
        // b's claim "we are the same kind" would be false for a truthful knight: contradiction.
        return make(logicKnights, ctx, { a, b }, `${a} is a knight and ${b} is a knave`);
    },
    (ctx) => {
        const x = between(ctx, 1, 6), y = between(ctx, x, 9), z = between(ctx, y + 1, 14);
        return make(logicAges, ctx, { prod: x * y * z, sum: x + y + z, big: z }, `${x} and ${y}`);
    },
];
/** Every problem maker, by flavour. */
export const PROBLEMS = { gradeSchool, competition, logic };
//# sourceMappingURL=problems.js.map