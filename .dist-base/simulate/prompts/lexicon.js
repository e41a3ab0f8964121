/**
 * Shared word lists (written for this project). Persona modules add their own lists next to their
 * templates; only lists several personas use live here.
 */
import { lex } from './grammar.js';
import { TOOL_BLOCKS } from './tools.js';
// ---- software -----------------------------------------------------------------------------------
export const PROGRAMMING_LANGUAGES = [
    'Python', 'TypeScript', 'JavaScript', 'Go', 'Rust', 'Java', 'C++', 'C#', 'Kotlin', 'Swift', 'Ruby', 'PHP',
    'Scala', 'Elixir', 'Haskell', 'C', 'Zig', 'OCaml', 'Dart', 'Lua', 'Julia', 'F#', 'Clojure', 'Nim',
];
lex.add('lang', PROGRAMMING_LANGUAGES);
lex.add('mainLang', ['Python', 'TypeScript', 'JavaScript', 'Go', 'Rust', 'Java', 'C++', 'C#']);
lex.add('component', [
    'an LRU cache with O(1) get and put',
    'a token-bucket rate limiter',
    'a sliding-window rate limiter keyed by client id',
    'a trie that supports prefix search and deletion',
    'a thread-safe bounded blocking queue',
    'a min-heap priority queue with decrease-key',
    'an interval tree that reports all overlapping intervals',
    'a consistent-hashing ring with virtual nodes',
    'a Bloom filter with a configurable false-positive rate',
    'a retry helper with exponential backoff and full jitter',
    'a circuit breaker with half-open probing',
    'a cron expression parser that returns the next N run times',
    'a JSON Pointer (RFC 6901) resolver',
    'a streaming CSV parser that handles quoted fields and embedded newlines',
    'a Markdown-to-HTML converter for headings, lists, links and code spans',
    'a skip list with insert, delete and search',
    'a union-find structure with path compression and union by rank',
    "Dijkstra's shortest path over a weighted adjacency list",
    'A* search on a 2D grid with diagonal moves',
    'a topological sort that reports the cycle when there is one',
    'a rope data structure for a text editor buffer',
    'an in-memory key-value store with TTL expiry',
    'a write-ahead log with checksummed records and crash recovery',
    'a B-tree of order m with insert and range scan',
    'a red-black tree with insert and delete',
    'a bounded worker pool that preserves result order',
    'a debounce and a throttle function with leading and trailing options',
    'a semantic version parser and comparator',
    'an event emitter with once(), off() and wildcard listeners',
    'a dependency-injection container with scoped lifetimes',
    'a simple regular-expression engine supporting . * + ? and character classes',
    'a tokenizer and recursive-descent parser for arithmetic expressions',
    'a URL router with path parameters and wildcards',
    'a diff algorithm (Myers) that outputs unified diff hunks',
    'a Huffman encoder and decoder',
    'a run-length encoder for binary data',
    'a base64 encoder and decoder without using the standard library',
    'a matrix class with multiplication, transpose and determinant',
    'a sparse vector type with dot product and cosine similarity',
    'an HTTP/1.1 request parser that tolerates partial reads',
    'a connection pool with health checks and idle timeouts',
    'a leaderboard that returns the rank of any player in O(log n)',
    'a calendar that finds the first free slot shared by several people',
    'a spreadsheet cell evaluator with formulas and cycle detection',
    'a minimal Git-like content-addressed object store',
    'a job scheduler with priorities and delayed jobs',
    'a reservoir sampler over a stream of unknown length',
    'a HyperLogLog cardinality estimator',
    'a count-min sketch for heavy hitters',
    'a generic memoisation decorator with cache eviction',
    'a command-line argument parser with subcommands',
    'a finite-state machine for a vending machine',
    'a bank account ledger that never lets the balance go negative under concurrency',
    'a fuzzy string matcher based on Levenshtein distance',
    'a k-means clustering routine with k-means++ initialisation',
    'a tiny Lisp interpreter with define, lambda and if',
    'an elevator controller simulation for N floors and M cars',
    'a snake game engine with a tick-based update loop',
    'a parking-lot reservation system',
    'a file-watching build tool that rebuilds only changed targets',
]);
lex.add('constraint', [
    'without any third-party libraries',
    'in under 100 lines',
    'with O(n log n) worst-case time',
    'using constant extra memory',
    'so that it is safe to call from multiple threads',
    'with full type annotations',
    'without recursion',
    'streaming the input so memory stays bounded',
    'handling Unicode input correctly',
    'with clear error messages for invalid input',
    'using only the standard library',
    'in a purely functional style',
    'with no heap allocations in the hot path',
    'so that every public method is documented',
    'supporting generic key and value types',
    'with amortised O(1) operations',
    'that can be cancelled midway',
    'with a pluggable clock so it can be tested',
    'that degrades gracefully when the input is huge',
    'following idiomatic conventions of the language',
    'with property-based tests',
    'that passes a strict linter with no warnings',
    'with configurable logging',
    'in an async/await style',
]);
lex.add('testFocus', [
    'edge cases such as empty input and very large input',
    'concurrent access',
    'invalid and malformed input',
    'boundary values',
    'the error paths',
    'round-tripping (encode then decode)',
    'behaviour under time changes',
    'off-by-one mistakes',
]);
lex.add('framework', [
    'Django', 'FastAPI', 'Flask', 'Express', 'NestJS', 'Spring Boot', 'Ruby on Rails', 'Laravel', 'Next.js', 'React',
    'Vue', 'Svelte', 'Angular', 'ASP.NET Core', 'Gin', 'Actix Web', 'Axum', 'Phoenix', 'Ktor', 'SwiftUI', 'Flutter',
]);
lex.add('backendFramework', ['Django', 'FastAPI', 'Flask', 'Express', 'NestJS', 'Spring Boot', 'Ruby on Rails', 'Laravel', 'ASP.NET Core', 'Gin', 'Actix Web', 'Axum', 'Phoenix', 'Ktor', 'Fastify', 'Hono']);
lex.add('db', ['PostgreSQL', 'MySQL', 'SQLite', 'MongoDB', 'Redis', 'DynamoDB', 'Cassandra', 'ClickHouse', 'Elasticsearch', 'SQL Server', 'CockroachDB']);
lex.add('cloud', ['AWS', 'Google Cloud', 'Azure', 'a bare-metal cluster', 'Kubernetes on-prem', 'Fly.io', 'Hetzner']);
lex.add('appDomain', [
    'an online bookstore', 'a food-delivery app', 'a hospital appointment system', 'a ride-sharing service',
    'a personal finance tracker', 'a multiplayer trivia game', 'a school timetable planner', 'a warehouse inventory system',
    'a ticketing platform for concerts', 'a fitness tracking app', 'a recipe sharing site', 'a library lending system',
    'a hotel booking engine', 'a customer support helpdesk', 'a property rental marketplace', 'a car-sharing fleet manager',
    'a podcast hosting service', 'an internal expense approval tool', 'a code review dashboard', 'a smart-home hub',
]);
// ---- people and places ----------------------------------------------------------------------------
lex.add('name', [
    'Aisha', 'Ben', 'Carlos', 'Dana', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kira', 'Liam', 'Maya',
    'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
    'Amara', 'Bilal', 'Chloe', 'Diego', 'Emeka', 'Freya', 'Gustavo', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mateo',
    'Nadia', 'Omar', 'Paula', 'Ravi', 'Sofia', 'Tom', 'Valentina', 'Will', 'Yara', 'Arjun', 'Mei', 'Lucas', 'Fatima',
]);
lex.add('city', [
    'Lisbon', 'Tokyo', 'Nairobi', 'Toronto', 'Melbourne', 'Buenos Aires', 'Seoul', 'Berlin', 'Mexico City', 'Cape Town',
    'Istanbul', 'Hanoi', 'Copenhagen', 'Marrakesh', 'Vancouver', 'Edinburgh', 'Bangkok', 'Lima', 'Prague', 'Montreal',
    'Kyoto', 'Barcelona', 'Reykjavik', 'Singapore', 'Chicago', 'Austin', 'Dublin', 'Vienna', 'Bogotá', 'Oslo',
    'Athens', 'Porto', 'Budapest', 'Zanzibar', 'Seattle', 'Auckland', 'Cartagena', 'Krakow', 'Osaka', 'Florence',
]);
lex.add('humanLanguage', [
    'Spanish', 'French', 'German', 'Italian', 'Portuguese', 'Japanese', 'Korean', 'Chinese', 'Hindi', 'Arabic',
    'Turkish', 'Dutch', 'Polish', 'Swedish', 'Vietnamese', 'Indonesian', 'Greek', 'Ukrainian',
]);
lex.add('month', ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);
lex.add('weekday', ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
lex.add('company', [
    'Northwind Outfitters', 'Bluefin Analytics', 'Copperleaf Health', 'Harbor & Pine', 'Lumen Logistics', 'Quillstone Books',
    'Redwood Robotics', 'Sable Financial', 'Tidewater Foods', 'Vantage Home', 'Wrenfield Insurance', 'Zephyr Telecom',
    'Orchid Travel', 'Graphite Labs', 'Kestrel Energy', 'Marigold Pet Supply', 'Ironbark Construction', 'Nimbus Cloudworks',
]);
// ---- general knowledge --------------------------------------------------------------------------
lex.add('concept', [
    'compound interest', 'photosynthesis', 'inflation', 'the placebo effect', 'black holes', 'supply and demand',
    'how vaccines work', 'the greenhouse effect', 'machine learning', 'blockchain', 'the stock market', 'plate tectonics',
    'opportunity cost', 'the immune system', 'quantum entanglement', 'how a bill becomes law', 'the water cycle',
    'natural selection', 'how credit scores work', 'the theory of relativity', 'how noise-cancelling headphones work',
    'why the sky is blue', 'how GPS works', 'the Pythagorean theorem', 'game theory', 'the French Revolution',
    'how tides work', 'the difference between weather and climate', 'how public-key cryptography works', 'sleep cycles',
    'the circular economy', 'how an index fund works', 'the Silk Road', 'how bread rises', 'cognitive dissonance',
]);
lex.add('audience', [
    'a ten-year-old', 'a complete beginner', 'a high-school student', 'my grandmother', 'a busy executive',
    'a first-year university student', 'someone who hates math', 'a curious teenager', 'an expert',
]);
lex.add('writingTopic', [
    'the first day of autumn', 'a lighthouse keeper who finds a message in a bottle', 'a city where it never stops raining',
    'a robot learning to paint', 'two strangers stuck in an elevator', 'the last bookstore on Earth', 'a dragon afraid of heights',
    'a grandmother\'s secret recipe', 'a time traveller who can only go back ten minutes', 'a village that forgets every winter',
    'the sound of the ocean at night', 'a cat who runs a bakery', 'moving to a new country', 'a long train journey',
    'friendship', 'climate change', 'the moon landing', 'a garden in the middle of a city', 'learning to ride a bike',
]);
lex.add('tone', ['friendly', 'formal', 'playful', 'professional', 'warm', 'concise', 'persuasive', 'neutral', 'enthusiastic', 'empathetic']);
/** Tool descriptions as prompts embed them (different subsets and styles). */
lex.add('toolBlock', TOOL_BLOCKS);
// ---- tasks several personas mention -------------------------------------------------------------
lex.add('srcFile', [
    'src/cli.ts', 'src/server/routes.ts', 'src/lib/cache.ts', 'app/models/user.rb', 'app/services/billing.py', 'internal/store/store.go',
    'pkg/api/handler.go', 'src/main.rs', 'src/parser/lexer.rs', 'lib/utils.py', 'core/scheduler.py', 'src/components/Checkout.tsx',
    'src/hooks/useAuth.ts', 'server/index.js', 'src/main/java/com/acme/OrderService.java', 'api/views.py', 'src/db/migrations.ts',
]);
lex.add('sqlAsk', [
    'the top ‹#3-20› customers by revenue in each region for the last ‹#7-365› days',
    'the month-over-month retention of users by signup cohort since ‹$month› ‹#2019-2025›',
    'the median order value per weekday over the last ‹#2-52› weeks, excluding refunded orders',
    'products that were never ordered together with their most common substitute in the last ‹#2-24› months',
    'the running total of sales per store, reset at the start of each month, for stores opened after ‹#2010-2024›',
    'users whose session count dropped by more than ‹#20-80›% compared with the previous ‹#7-90› days',
    'the first and last purchase date of every customer with at least ‹#2-15› orders, plus the days between them',
    'the ‹#2-10› best-selling products per category in ‹$month›, with their share of category revenue',
    'customers in ‹$city› whose average order value grew by more than ‹#5-60›% year over year',
]);
lex.add('agentTask', [
    'find the three cheapest direct flights from ‹$city› to ‹$c2:city› in ‹$month› and add them to a spreadsheet',
    'investigate why the nightly ‹ETL|backup|billing› job failed yesterday and open a ticket with the root cause',
    "collect the latest quarterly revenue of ‹$company›'s three main competitors and email a summary to the team",
    'delete branches older than 90 days that are merged into main and report what was removed',
    'reconcile the invoices in /data/invoices with the payments table and email the discrepancies to finance',
    'schedule a 45-minute meeting with ‹$name›, ‹$n2:name› and ‹$n3:name› next week at a time all three are free',
    'find every TODO in the repository older than a year, group them by owner and open one ticket per owner',
    'check the weather in ‹$city› for the next five days and reschedule any outdoor events in the calendar that fall on rainy days',
    'upgrade the project to the latest major version of ‹$framework› and fix whatever breaks',
    'build a dataset of the 50 most-cited papers on ‹retrieval-augmented generation|protein folding|graph neural networks› with titles, years and venues',
    'find out which customers were double-charged last month and draft refund emails for each',
    'set up a Python environment, reproduce the failing benchmark in the README and report the numbers',
    'compare the pricing pages of three competitors of ‹$company› and produce a feature-by-price table',
    'triage the 20 newest support tickets, tag each with a category and escalate anything mentioning data loss',
    'monitor the deployment of version ‹#2-9›.‹#0-20› and roll back if the error rate exceeds 2%',
    'translate the product FAQ into ‹$humanLanguage› and publish it to the help centre draft folder',
]);
lex.add('project', [
    'launch a mobile banking app in a new country',
    'move the company data warehouse to ‹$db›',
    'achieve SOC 2 Type II compliance',
    'rebuild the checkout flow of ‹$appDomain›',
    'open a second restaurant location',
    'introduce on-call and incident response for a 40-person engineering team',
    'ship an offline mode for ‹$appDomain›',
    'replace the legacy CRM with an in-house system',
    'organise a 2,000-attendee developer conference',
    'train and deploy a customer-support chatbot',
    'cut cloud spend by 30% without hurting latency',
    'localise the product into ‹$humanLanguage› and two more languages',
    'migrate 200 microservices to a new service mesh',
    'build a data platform for real-time fraud detection',
]);
lex.add('essayTopic', ['social media and teenagers', 'remote work', 'climate change', 'the four-day work week', 'school uniforms', 'space exploration', 'AI in education']);
//# sourceMappingURL=lexicon.js.map