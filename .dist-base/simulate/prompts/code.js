const pick = (ctx, xs) => xs[ctx.rng.int(xs.length)];
const LISTS = ['values', 'nums', 'scores', 'readings', 'prices', 'samples', 'items', 'data'];
const RESOURCES = ['users', 'orders', 'invoices', 'products', 'tickets', 'devices', 'accounts'];
const BUGGY = [
    (ctx) => {
        const xs = pick(ctx, LISTS), fn = pick(ctx, ['average', 'mean_of', 'avg', 'compute_mean', 'mean_value']);
        return {
            lang: 'Python',
            code: `def ${fn}(${xs}):\n    total = 0\n    for i in range(1, len(${xs})):\n        total += ${xs}[i]\n    return total / len(${xs})`,
            purpose: `return the average of a list of ${xs}`,
            symptom: 'the result is always a little too low',
            fix: 'the loop starts at index 1 and skips the first element; iterate over the whole list (or use sum())',
        };
    },
    (ctx) => {
        const fn = pick(ctx, ['add_item', 'collect', 'append_tag', 'remember', 'queue_job']), arg = pick(ctx, ['bucket', 'acc', 'seen', 'out']);
        return {
            lang: 'Python',
            code: `def ${fn}(item, ${arg}=[]):\n    ${arg}.append(item)\n    return ${arg}`,
            purpose: 'return a new list containing the item on every call',
            symptom: 'items from earlier calls keep showing up',
            fix: `the default list is created once and shared between calls; default ${arg} to None and create the list inside`,
        };
    },
    (ctx) => {
        const fn = pick(ctx, ['find_index', 'lower_bound', 'search', 'bisect_left', 'locate']);
        return {
            lang: 'Python',
            code: `def ${fn}(arr, target):\n    lo, hi = 0, len(arr)\n    while lo < hi:\n        mid = (lo + hi) // 2\n        if arr[mid] < target:\n            lo = mid\n        else:\n            hi = mid\n    return lo`,
            purpose: 'return the first index whose value is not less than target in a sorted list',
            symptom: 'it never returns for some inputs',
            fix: 'when arr[mid] < target the lower bound must move past mid: set lo = mid + 1',
        };
    },
    (ctx) => {
        const fn = pick(ctx, ['drop_negatives', 'clean', 'remove_bad', 'filter_positive']), xs = pick(ctx, LISTS);
        return {
            lang: 'Python',
            code: `def ${fn}(${xs}):\n    for x in ${xs}:\n        if x < 0:\n            ${xs}.remove(x)\n    return ${xs}`,
            purpose: 'remove every negative number from the list',
            symptom: 'some negative numbers are still there afterwards',
            fix: 'removing items while iterating skips the next element; build a new list with a comprehension instead',
        };
    },
    (ctx) => {
        const res = pick(ctx, RESOURCES), fn = pick(ctx, ['loadAll', 'fetchMany', 'getDetails', 'hydrate']);
        return {
            lang: 'JavaScript',
            code: `async function ${fn}(ids) {\n  const results = [];\n  ids.forEach(async (id) => {\n    const r = await fetch(\`/api/${res}/\${id}\`);\n    results.push(await r.json());\n  });\n  return results;\n}`,
            purpose: `fetch every ${res.slice(0, -1)} by id and return them all`,
            symptom: 'it always returns an empty array',
            fix: 'forEach does not wait for async callbacks; map the ids to promises and await Promise.all',
        };
    },
    (ctx) => {
        const fn = pick(ctx, ['selectTab', 'openPanel', 'showSlide', 'track']);
        return {
            lang: 'JavaScript',
            code: `for (var i = 0; i < buttons.length; i++) {\n  buttons[i].addEventListener('click', function () {\n    ${fn}(i);\n  });\n}`,
            purpose: 'make each button open its own tab',
            symptom: 'every button opens the same, last tab',
            fix: 'var is function-scoped so every handler sees the final i; use let in the loop header',
        };
    },
    (ctx) => {
        const fn = pick(ctx, ['CountWords', 'Tally', 'Histogram', 'CountTags']);
        return {
            lang: 'Go',
            code: `func ${fn}(items []string) map[string]int {\n\tcounts := map[string]int{}\n\tvar wg sync.WaitGroup\n\tfor _, it := range items {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tcounts[it]++\n\t\t}()\n\t}\n\twg.Wait()\n\treturn counts\n}`,
            purpose: 'count how often each string occurs, in parallel',
            symptom: 'it sometimes crashes with "fatal error: concurrent map writes"',
            fix: 'goroutines write the map without a lock; guard it with a sync.Mutex or count in one goroutine',
        };
    },
    (ctx) => {
        const fn = pick(ctx, ['isAdmin', 'hasRole', 'canEdit', 'isOwner']), role = pick(ctx, ['admin', 'editor', 'owner']);
        return {
            lang: 'Java',
            code: `public boolean ${fn}(String role) {\n    if (role == "${role}") {\n        return true;\n    }\n    return false;\n}`,
            purpose: `return true when the role is "${role}"`,
            symptom: 'it returns false for roles read from the database even when they match',
            fix: '== compares references for strings; use "' + role + '".equals(role)',
        };
    },
    (ctx) => {
        const fn = pick(ctx, ['longest', 'pick_longest', 'max_by_len']);
        return {
            lang: 'Rust',
            code: `fn ${fn}(v: &Vec<String>) -> &String {\n    let mut best = String::new();\n    for s in v {\n        if s.len() > best.len() {\n            best = s.clone();\n        }\n    }\n    &best\n}`,
            purpose: 'return a reference to the longest string in the vector',
            symptom: 'it does not compile: "returns a reference to data owned by the current function"',
            fix: 'return a reference into the input (track &String) or return an owned String',
        };
    },
    (ctx) => {
        const t = pick(ctx, ['orders', 'invoices', 'payments']), c = pick(ctx, ['customer_id', 'account_id', 'client_id']);
        return {
            lang: 'SQL',
            code: `SELECT c.name, SUM(o.amount) AS total\nFROM customers c\nJOIN ${t} o ON o.${c} = c.id\nJOIN refunds r ON r.${c} = c.id\nGROUP BY c.name;`,
            purpose: `return each customer's total ${t} amount`,
            symptom: 'totals are much too high for customers who have refunds',
            fix: 'joining refunds multiplies the order rows; aggregate each table in a subquery before joining',
        };
    },
];
export const buggySnippet = (ctx) => pick(ctx, BUGGY)(ctx);
const PY_FILES = ['app/models.py', 'services/billing.py', 'core/utils.py', 'api/views.py', 'workers/sync.py', 'lib/parser.py'];
const JS_FILES = ['src/server.js', 'src/routes/user.ts', 'lib/cache.js', 'src/components/Cart.tsx', 'src/db/query.ts'];
/** A stack trace (Python, Node or Java) with varying files, lines and messages. */
export function stackTrace(ctx) {
    const kind = ctx.rng.int(3);
    const ln = () => 10 + ctx.rng.int(400);
    if (kind === 0) {
        const f1 = pick(ctx, PY_FILES), f2 = pick(ctx, PY_FILES);
        const err = pick(ctx, [
            `KeyError: '${pick(ctx, ['user_id', 'total', 'email', 'created_at', 'sku'])}'`,
            "TypeError: unsupported operand type(s) for +: 'int' and 'NoneType'",
            "AttributeError: 'NoneType' object has no attribute 'get'",
            'ValueError: invalid literal for int() with base 10: \'\'',
            'IndexError: list index out of range',
            'RecursionError: maximum recursion depth exceeded in comparison',
        ]);
        return {
            lang: 'Python',
            error: err,
            trace: `Traceback (most recent call last):\n  File "/srv/app/${f1}", line ${ln()}, in ${pick(ctx, ['handle', 'run', 'process', 'main'])}\n    result = ${pick(ctx, ['compute', 'load', 'parse', 'apply'])}(payload)\n  File "/srv/app/${f2}", line ${ln()}, in ${pick(ctx, ['compute', 'load', 'parse', 'apply'])}\n    return data[key] + offset\n${err}`,
        };
    }
    if (kind === 1) {
        const f1 = pick(ctx, JS_FILES), f2 = pick(ctx, JS_FILES);
        const err = pick(ctx, [
            "TypeError: Cannot read properties of undefined (reading 'map')",
            'ReferenceError: window is not defined',
            'RangeError: Maximum call stack size exceeded',
            "TypeError: fetch failed",
            'SyntaxError: Unexpected token < in JSON at position 0',
        ]);
        return {
            lang: 'JavaScript',
            error: err,
            trace: `${err}\n    at ${pick(ctx, ['render', 'handler', 'load', 'next'])} (/app/${f1}:${ln()}:${1 + ctx.rng.int(40)})\n    at ${pick(ctx, ['processTicksAndRejections', 'Layer.handle', 'runMicrotasks'])} (node:internal/process/task_queues:${ln()}:5)\n    at async ${pick(ctx, ['main', 'start', 'bootstrap'])} (/app/${f2}:${ln()}:3)`,
        };
    }
    const cls = pick(ctx, ['OrderService', 'UserRepository', 'InvoiceMapper', 'SessionManager']);
    const err = pick(ctx, [
        'java.lang.NullPointerException: Cannot invoke "String.length()" because "name" is null',
        'java.util.ConcurrentModificationException',
        'java.lang.IllegalStateException: Connection pool exhausted',
        'java.lang.NumberFormatException: For input string: "12,5"',
    ]);
    return {
        lang: 'Java',
        error: err,
        trace: `Exception in thread "main" ${err}\n\tat com.example.${cls.toLowerCase()}.${cls}.${pick(ctx, ['find', 'save', 'map', 'refresh'])}(${cls}.java:${ln()})\n\tat com.example.api.Controller.handle(Controller.java:${ln()})\n\tat java.base/java.lang.Thread.run(Thread.java:${ln()})`,
    };
}
/** Output of a failing test run. */
export function testFailure(ctx) {
    const mod = pick(ctx, ['parser', 'billing', 'auth', 'scheduler', 'cache', 'export']);
    const t = pick(ctx, ['test_handles_empty_input', 'test_rounding', 'test_expired_token', 'test_retry_limit', 'test_unicode_names', 'test_sort_order']);
    const exp = 1 + ctx.rng.int(99), got = exp + 1 + ctx.rng.int(9);
    if (ctx.rng.int(2)) {
        return `FAILED tests/test_${mod}.py::${t} - AssertionError: assert ${got} == ${exp}\n========== 1 failed, ${20 + ctx.rng.int(300)} passed in ${(1 + ctx.rng.next() * 20).toFixed(2)}s ==========`;
    }
    return ` FAIL  src/${mod}.test.ts > ${mod} > ${t.slice(5).split('_').join(' ')}\nAssertionError: expected ${got} to be ${exp} // Object.is equality\n Test Files  1 failed | ${3 + ctx.rng.int(40)} passed\n      Tests  1 failed | ${20 + ctx.rng.int(300)} passed`;
}
const ri = (ctx, lo, hi) => lo + ctx.rng.int(hi - lo + 1);
const randList = (ctx, n, lo, hi) => Array.from({ length: n }, () => ri(ctx, lo, hi));
const WORDS = ['apple', 'river', 'echo', 'umbrella', 'stone', 'idea', 'orbit', 'lamp', 'anchor', 'tiger', 'ocean', 'maple', 'ink', 'zebra'];
const py = (v) => Array.isArray(v) ? `[${v.map(py).join(', ')}]` : typeof v === 'string' ? `'${v}'` : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
function stub(name, sig, ret, doc, examples, imports = '') {
    return `${imports}def ${name}(${sig}) -> ${ret}:\n    """ ${doc}\n${examples.map((e) => `    >>> ${e}`).join('\n')}\n    """\n`;
}
const SPECS = [
    (ctx) => {
        const name = pick(ctx, ['count_vowels', 'vowel_count', 'num_vowels']);
        const ex = [0, 1].map(() => pick(ctx, WORDS) + pick(ctx, WORDS));
        const f = (s) => [...s].filter((c) => 'aeiou'.includes(c)).length;
        return { name, summary: 'count the vowels in a string', stub: stub(name, 's: str', 'int', 'Return the number of vowels (a, e, i, o, u) in the lower-case string s.', ex.map((e) => `${name}('${e}')\n    ${f(e)}`)) };
    },
    (ctx) => {
        const name = pick(ctx, ['running_max', 'prefix_max', 'rolling_maximum']);
        const xs = randList(ctx, ri(ctx, 4, 7), -5, 20);
        let m = -Infinity;
        const out = xs.map((x) => (m = Math.max(m, x)));
        return { name, summary: 'compute the running maximum of a list', stub: stub(name, 'numbers: List[int]', 'List[int]', 'Given a list of integers, return the list of maxima seen so far at each position.', [`${name}(${py(xs)})\n    ${py(out)}`], 'from typing import List\n\n\n') };
    },
    (ctx) => {
        const name = pick(ctx, ['rotate_left', 'rotate', 'shift_list']);
        const xs = randList(ctx, ri(ctx, 4, 6), 0, 9), k = ri(ctx, 1, 3);
        return { name, summary: 'rotate a list left by k places', stub: stub(name, 'xs: list, k: int', 'list', 'Rotate xs to the left by k positions; k may exceed the length of the list.', [`${name}(${py(xs)}, ${k})\n    ${py([...xs.slice(k % xs.length), ...xs.slice(0, k % xs.length)])}`, `${name}([], ${k})\n    []`]) };
    },
    (ctx) => {
        const name = pick(ctx, ['has_pair_sum', 'two_sum_exists', 'pair_adds_to']);
        const xs = randList(ctx, 5, 1, 20), t = xs[0] + xs[3];
        return { name, summary: 'check whether two distinct elements add up to a target', stub: stub(name, 'nums: List[int], target: int', 'bool', 'Return True if two elements at different positions of nums sum to target.', [`${name}(${py(xs)}, ${t})\n    True`, `${name}([1, 2], 10)\n    False`], 'from typing import List\n\n\n') };
    },
    (ctx) => {
        const name = pick(ctx, ['compress', 'run_length', 'rle_encode']);
        const s = pick(ctx, ['aaabcc', 'zzzzyx', 'abbbbbc', 'mmnnnoo']);
        let out = '';
        for (let i = 0; i < s.length;) {
            let j = i;
            while (s[j] === s[i])
                j++;
            out += s[i] + (j - i);
            i = j;
        }
        return { name, summary: 'run-length encode a string', stub: stub(name, 's: str', 'str', 'Encode runs of repeated characters as the character followed by the run length.', [`${name}('${s}')\n    '${out}'`]) };
    },
    (ctx) => {
        const name = pick(ctx, ['digital_root', 'repeated_digit_sum', 'collapse_digits']);
        const n = ri(ctx, 100, 99999);
        return { name, summary: 'sum digits repeatedly until one digit remains', stub: stub(name, 'n: int', 'int', 'Repeatedly replace n by the sum of its decimal digits until it has a single digit.', [`${name}(${n})\n    ${1 + ((n - 1) % 9)}`]) };
    },
    (ctx) => {
        const name = pick(ctx, ['unique_in_order', 'dedupe', 'remove_duplicates']);
        const xs = randList(ctx, ri(ctx, 5, 8), 1, 5);
        return { name, summary: 'remove duplicates while keeping first occurrences in order', stub: stub(name, 'xs: List[int]', 'List[int]', 'Return xs without duplicates, keeping the first occurrence of each value in order.', [`${name}(${py(xs)})\n    ${py([...new Set(xs)])}`], 'from typing import List\n\n\n') };
    },
    (ctx) => {
        const name = pick(ctx, ['is_balanced', 'brackets_ok', 'valid_parens']);
        const ok = pick(ctx, ['([]{})', '{[()()]}', '(())[]']), bad = pick(ctx, ['([)]', '(((', '{]}']);
        return { name, summary: 'check that brackets are balanced', stub: stub(name, 's: str', 'bool', 'Return True if every bracket in s ((), [], {}) is closed in the right order.', [`${name}('${ok}')\n    True`, `${name}('${bad}')\n    False`]) };
    },
    (ctx) => {
        const name = pick(ctx, ['longest_word', 'find_longest', 'max_word']);
        const ws = Array.from({ length: 4 }, () => pick(ctx, WORDS));
        const best = ws.reduce((a, b) => (b.length > a.length ? b : a));
        return { name, summary: 'return the longest word of a sentence', stub: stub(name, 'sentence: str', 'str', 'Return the longest word in the sentence; on ties return the first one.', [`${name}('${ws.join(' ')}')\n    '${best}'`]) };
    },
    (ctx) => {
        const name = pick(ctx, ['count_primes_below', 'prime_count', 'primes_under']);
        const n = ri(ctx, 10, 60);
        let c = 0;
        for (let i = 2; i < n; i++) {
            let p = true;
            for (let j = 2; j * j <= i; j++)
                if (i % j === 0)
                    p = false;
            if (p)
                c++;
        }
        return { name, summary: 'count the primes below n', stub: stub(name, 'n: int', 'int', 'Return how many prime numbers are strictly less than n.', [`${name}(${n})\n    ${c}`, `${name}(2)\n    0`]) };
    },
    (ctx) => {
        const name = pick(ctx, ['alternating_sum', 'signed_sum', 'zigzag_sum']);
        const xs = randList(ctx, ri(ctx, 4, 6), 1, 30);
        return { name, summary: 'compute the alternating sum of a list', stub: stub(name, 'xs: List[int]', 'int', 'Return xs[0] - xs[1] + xs[2] - xs[3] + ... (0 for an empty list).', [`${name}(${py(xs)})\n    ${xs.reduce((a, x, i) => a + (i % 2 ? -x : x), 0)}`], 'from typing import List\n\n\n') };
    },
    (ctx) => {
        const name = pick(ctx, ['title_case', 'capitalize_words', 'to_title']);
        const ws = Array.from({ length: 3 }, () => pick(ctx, WORDS));
        return { name, summary: 'capitalise each word', stub: stub(name, 's: str', 'str', 'Capitalise the first letter of every word of s, keeping single spaces.', [`${name}('${ws.join(' ')}')\n    '${ws.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ')}'`]) };
    },
];
export const functionSpec = (ctx) => pick(ctx, SPECS)(ctx);
//# sourceMappingURL=code.js.map