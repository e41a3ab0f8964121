/**
 * Everyday chat traffic: what people type into an assistant. Broad topics, many phrasings, lengths from a
 * few words to long pastes, follow-up turns, some prompts in other languages. Also used by relays, which
 * forward many unrelated end users' requests.
 */
import { A, cap, expandChoice, freeCtx, lex } from './grammar.js';
import './lexicon.js';
import './cot.js';
import { F, runFamily } from './family.js';
import { buggySnippet, stackTrace } from './code.js';
import { PROBLEMS } from './problems.js';
import { pasted } from './pasted.js';
import { renderTools, toolSubset } from './tools.js';
// ---- lists -------------------------------------------------------------------------------------------
lex.add('ask', ['can you ', 'could you ', 'please ', 'pls ', '', '', '', 'help me ', 'i need you to ', 'hey, can you ']);
lex.add('recipient', ['boss', 'landlord', 'professor', 'team', 'neighbour', 'client', 'coworker', "kid's teacher", 'HR department', 'doctor', 'old friend', 'new manager']);
lex.add('emailTopic', [
    'asking for a day off next ‹$weekday›', 'a late rent payment', 'rescheduling our meeting', 'a broken heater', 'a refund for a damaged order',
    'asking for a deadline extension', 'thanking them for their help', 'following up after an interview', 'declining a job offer politely',
    'complaining about noise', 'introducing myself', 'asking for a raise', 'cancelling my membership', 'a mistake on my invoice',
    'my resignation', 'requesting a reference letter', 'a lost package', 'planning a team lunch',
]);
lex.add('ingredient', [
    'chicken thighs', 'chickpeas', 'spinach', 'eggs', 'rice', 'leftover pasta', 'tofu', 'sweet potatoes', 'ground beef', 'salmon',
    'mushrooms', 'feta', 'canned tomatoes', 'lentils', 'zucchini', 'bell peppers', 'coconut milk', 'broccoli', 'potatoes', 'shrimp',
]);
lex.add('dish', ['banana bread', 'lasagna', 'pad thai', 'chocolate chip cookies', 'a roast chicken', 'risotto', 'sourdough', 'guacamole', 'pancakes', 'chili', 'a curry', 'brownies']);
lex.add('healthQ', [
    'get a headache every afternoon', 'feel tired after eating', 'get muscle cramps at night', 'wake up at 3am every night',
    'have a sore throat for a week', 'feel dizzy when I stand up', 'have dry eyes from working on a screen', 'get heartburn after coffee',
]);
lex.add('decision', [
    'quit my job to go back to school', 'move in with my partner', 'buy a house now or wait', 'learn Python or JavaScript first',
    'take the job with the higher salary or the shorter commute', 'get a dog', 'switch careers at 35', 'lend money to my brother',
]);
lex.add('jokeTopic', ['cats', 'programmers', 'accountants', 'coffee', 'Mondays', 'dinosaurs', 'math', 'penguins', 'my cooking', 'meetings']);
lex.add('everydayPhrase', [
    'Where is the nearest train station?', 'I would like to book a table for two.', 'Can I pay by card?', 'I am allergic to nuts.',
    'Thank you for your help!', 'How much does this cost?', 'My flight has been cancelled.', 'Happy birthday, have a wonderful day!',
    'I will be ten minutes late.', 'Could you speak more slowly, please?',
]);
lex.add('trivia', [
    'who invented the telephone', 'how tall is mount everest', 'capital of australia', 'how many bones in the human body',
    'when did the berlin wall fall', 'what is the speed of light', 'who wrote pride and prejudice', 'how far is the moon',
    'largest ocean on earth', 'how many players on a rugby team', 'what year did the titanic sink', 'how long do cats live',
    'boiling point of water in fahrenheit', 'who painted the starry night', 'what is the longest river in africa',
]);
lex.add('gadget', ['laptop for college', 'running shoes', 'noise cancelling headphones', 'robot vacuum', 'espresso machine', 'phone for my dad', 'office chair', 'air purifier', 'gaming monitor', 'e-reader']);
lex.add('homeFix', ['fix a leaky faucet', 'unclog a drain', 'get rid of mould in the bathroom', 'patch a hole in drywall', 'stop my door from squeaking', 'reset my router', 'remove a stripped screw', 'clean a cast iron pan']);
lex.add('petIssue', ["won't stop barking at night", 'keeps scratching the sofa', 'is not eating', 'pulls on the leash', 'is scared of fireworks', 'throws up after eating']);
lex.add('pet', ['dog', 'cat', 'puppy', 'kitten', 'rabbit', 'parrot']);
lex.add('codeHowTo', [
    'reverse a string', 'read a csv file', 'sort a dictionary by value', 'make an http request', 'parse json', 'remove duplicates from a list',
    'get the current date and time', 'check if a file exists', 'convert a string to a number', 'split a string by comma', 'merge two lists',
    'run something every 5 minutes', 'connect to a database', 'read user input', 'write to a text file', 'format a number with commas',
]);
lex.add('codeCompare', ['let and const', 'a list and a tuple', '== and ===', 'git merge and git rebase', 'an abstract class and an interface', 'stack and heap', 'http and https', 'sql joins (inner vs left)', 'async and multithreading']);
lex.add('scriptTask', [
    'renames all the photos in a folder by date', 'backs up my documents folder every night', 'checks if a website is down and emails me',
    'merges a bunch of pdfs', 'downloads all images from a web page', 'counts the words in every text file in a folder', 'resizes images to 800px wide',
]);
lex.add('excelTask', ['sum a column only if another column says "paid"', 'find duplicates in a column', 'look up a price from another sheet', 'count cells that contain a word', 'split first and last names', 'calculate the number of days between two dates']);
lex.add('exam', ['GRE', 'bar exam', 'AWS Solutions Architect certification', 'IELTS', 'MCAT', 'CFA level 1', 'driving theory test', 'JLPT N3']);
lex.add('race', ['5k', '10k', 'half marathon', 'marathon', 'sprint triathlon', 'century bike ride']);
lex.add('smallBiz', ['bakery', 'dog-walking business', 'Etsy shop', 'coffee cart', 'cleaning company', 'tutoring service', 'photography business', 'food truck']);
lex.add('targetJob', ['data analyst', 'web developer', 'UX designer', 'product manager', 'nurse', 'electrician', 'data engineer']);
lex.add('tagline', ['Fresh bread, every morning', 'Your neighbourhood bakery', 'Baked with love since 1998', 'Good coffee, better people', 'Fast. Simple. Yours.', 'Ideas that move', 'Life, organised', 'Ride further']);
lex.add('newsTopic', ['the election', 'the latest iPhone', 'the world cup', 'interest rates', 'the heatwave in Europe', 'AI regulation', 'the stock market today', 'the new Star Wars series']);
lex.add('clockTime', ['7am', '8:30', '9am', '10:15', 'noon', '2pm', '3:30pm', '5pm', '6pm', '7:45pm']);
lex.add('reminder', ['call mom', 'pay the electricity bill', 'pick up the dry cleaning', 'take my medication', 'renew my passport', 'water the plants', 'submit the expense report']);
lex.add('draftSentence', [
    'hey i cant make it tomorrow sorry something came up', 'I want to know why my order is late because it has been two weeks',
    'i think we should maybe change the deadline if thats ok', 'Your product is bad and I want my money back',
    'i am writing to apply for the job i saw online', 'thanks for everything, it was great working with you all',
]);
lex.add('casualOpen', ['', '', '', 'hi! ', 'hey ', 'quick question: ', 'ok so ', 'hello, ', 'Hi there. ', 'um ']);
lex.add('casualClose', ['', '', '', ' thanks', ' thx', ' thank you!', ' :)', ' please', '??', ' asap']);
// ---- families by capability --------------------------------------------------------------------------
const GENERAL = [
    F('‹@ask›‹write|draft|help me write› a ‹$tone› email to my ‹$recipient› ‹about|regarding› ‹$emailTopic›', 'Subject line plus a short ‹^tone› email about ‹^emailTopic›.'),
    F('‹what can i make with|recipe ideas using|i have› ‹$ingredient›, ‹$i2:ingredient› and ‹$i3:ingredient›‹? nothing too complicated|, dinner for ‹#2-6›|. ideas?|›', 'A simple recipe using ‹^ingredient›, ‹^i2› and ‹^i3›.'),
    F('‹how do i make|best recipe for|easy|what\'s the secret to good› ‹$dish›‹?|| from scratch›', 'A recipe for ‹^dish› with tips.'),
    F('‹plan|make|create› a ‹#2-10›-day itinerary for ‹$city›‹ in ‹$month›|›‹. we like ‹food and museums|hiking|nightlife|history|beaches›| for a family with two kids| on a budget|›', 'A day-by-day itinerary for ‹^city›.'),
    F('‹what should i pack for|what to wear in|is it worth visiting|best neighbourhoods to stay in› ‹$city› in ‹$month›?', 'A short answer about ‹^city› in ‹^month›.'),
    F('‹is it normal to|why do i|should i worry that i› ‹$healthQ›?‹| I am ‹#19-70›.|›', 'A few common causes and when to see a doctor.'),
    F('‹how much|how many hours of› ‹water should i drink|sleep does an adult need|protein do i need to build muscle|caffeine is too much› ‹per day|a day|›?', 'General guidance with the usual ranges.'),
    F('should i ‹$decision›?‹ i\'m really torn| give me pros and cons| be honest|›', 'Pros and cons of deciding to ‹^decision›.'),
    F('‹explain|what is|can you explain|eli5:› ‹$concept›‹ like i\'m five| in simple terms| to ‹$audience›|›', 'A plain explanation of ‹^concept›.'),
    F('‹tell me a joke about|got any jokes about|make me laugh with a joke about› ‹$jokeTopic›', 'A short joke about ‹^jokeTopic›.'),
    F('write a ‹funny|sweet|short› ‹poem|limerick|message|toast› for my ‹friend\'s birthday|coworker\'s retirement|parents\' anniversary|sister\'s wedding›', 'A short ‹funny|warm› piece for the occasion.'),
    F('‹translate|how do you say› "‹$everydayPhrase›" ‹to|in› ‹$humanLanguage›', 'The ‹^humanLanguage› translation of "‹^everydayPhrase›".'),
    F('‹summarize this|can you summarize this article|tl;dr please|summarise the following in 3 bullet points›:\n\n‹^text›', 'A short summary of the main points.', (ctx) => {
        ctx.vars.text = pasted(ctx, 'news', 3 + ctx.rng.int(12));
    }),
    F('‹summarize these meeting notes and list the action items|what are the action items here|turn these notes into a short update for my team›:\n‹^text›', 'Summary and action items with owners.', (ctx) => {
        ctx.vars.text = pasted(ctx, 'meeting', 4 + ctx.rng.int(9));
    }),
    F('‹help me reply to this email|how should i respond to this|write a reply to this›:\n\n"‹^text›"', 'A polite reply that answers the open questions.', (ctx) => {
        ctx.vars.text = pasted(ctx, 'email', 2 + ctx.rng.int(5));
    }),
    F('rewrite this to sound more ‹professional|friendly|confident|polite›: ‹$draftSentence›', 'A more ‹professional|polished› version of the message.'),
    F('‹$trivia›‹?||›', 'A short factual answer.'),
    F('‹best|good|recommend a|which› ‹$gadget› under $‹#50-2000›‹?| in 2026|›', 'Three options at different prices, with trade-offs.'),
    F('how ‹do i|to› ‹$homeFix›', 'Step-by-step instructions to ‹^homeFix›.'),
    F('my ‹$pet› ‹$petIssue›, ‹what should i do|any advice|is this normal›?', 'Common causes and what to try, plus when to see a vet.'),
    F('‹how do i start|what\'s the best way to start|tips for› ‹investing|budgeting|saving for retirement|paying off credit card debt›‹ with $‹#100-5000›|›‹?|›', 'A few practical first steps.'),
    F('‹give me|i need› ‹#3-20› ‹name ideas|gift ideas|date ideas|party themes› for ‹a bakery|my mom|a rainy weekend|a 30th birthday|a book club›', 'A list of ideas.'),
];
const SWE = [
    F('how ‹do i|to|can i› ‹$codeHowTo› in ‹$mainLang›‹?||›', 'A short ‹^mainLang› example showing how to ‹^codeHowTo›.'),
    F('‹what\'s the difference between|difference between|when should i use› ‹$codeCompare›', 'The difference between ‹^codeCompare›, with an example.'),
    F('‹why doesn\'t this work|what\'s wrong with my code|help, this is broken›:\n```\n‹^code›\n```\n‹^symptom›', 'The problem: ‹^fix›.', (ctx) => {
        const s = buggySnippet(ctx);
        Object.assign(ctx.vars, { code: s.code, symptom: s.symptom, fix: s.fix });
    }),
    F('‹i get this error, what does it mean?|getting this error:|how do i fix this›\n‹^trace›', 'It means ‹^error›; here is how to fix it.', (ctx) => {
        const t = stackTrace(ctx);
        Object.assign(ctx.vars, { trace: ctx.rng.int(3) ? t.error : t.trace, error: t.error });
    }),
    F('‹write|can you write|i need› a ‹python|bash|powershell|node› script that ‹$scriptTask›', 'A short script that ‹^scriptTask›.'),
    F('excel formula to ‹$excelTask›', 'A formula that does it, with an example.'),
    F('‹how do i learn|best way to learn|roadmap to learn› ‹$lang›‹ as a beginner| fast| if i already know ‹$l2:mainLang››', 'A learning path for ‹^lang›.'),
];
const REASONING = [
    F('‹help|can you solve this|how do i solve this|homework help›: ‹^problem›', 'The answer is ‹^answer›.', (ctx) => {
        const p = PROBLEMS.gradeSchool[ctx.rng.int(PROBLEMS.gradeSchool.length)](ctx);
        Object.assign(ctx.vars, { problem: p.text, answer: p.answer });
    }),
    F('if i invest $‹^p› at ‹^r›% a year for ‹^n› years, how much will i ‹have|end up with›?', 'About $‹^total› with annual compounding.', (ctx) => {
        const p = 500 + ctx.rng.int(19501), r = 2 + ctx.rng.int(8), n = 2 + ctx.rng.int(29);
        Object.assign(ctx.vars, { p: String(p), r: String(r), n: String(n), total: String(Math.round(p * (1 + r / 100) ** n)) });
    }),
    F('what\'s ‹^a›% of ‹^b›', '‹^a›% of ‹^b› is ‹^pct›.', (ctx) => {
        const a = 5 + ctx.rng.int(91), b = 20 + ctx.rng.int(4981), pct = (a * b) / 100;
        Object.assign(ctx.vars, { a: String(a), b: String(b), pct: Number.isInteger(pct) ? String(pct) : pct.toFixed(2) });
    }),
    F('how many ‹cups in a liter|ounces in a pound|feet in a mile|grams in a cup of flour|teaspoons in a tablespoon|kilometres is a marathon›', 'A quick conversion.'),
    F('‹riddle|puzzle|brain teaser› for you: ‹^problem›', '‹^answer›.', (ctx) => {
        const p = PROBLEMS.logic[ctx.rng.int(PROBLEMS.logic.length)](ctx);
        Object.assign(ctx.vars, { problem: p.text, answer: p.answer });
    }),
    F('what are the odds of ‹rolling two sixes|flipping 5 heads in a row|drawing an ace from a deck|sharing a birthday in a group of 23›?', 'The probability, with a one-line explanation.'),
    F('‹split a bill of|we spent› $‹#40-900› ‹between|among› ‹#2-9› people‹ with a ‹#10-25›% tip|›, how much each?', 'Each person pays their share; the maths is below.'),
];
const PLANNING = [
    F('‹help me make|make|create› a ‹#4-16›-week study plan for the ‹$exam›‹, i can study ‹#1-4› hours a day|›', 'A week-by-week study plan for the ‹^exam›.'),
    F('‹create|make› a ‹#8-20› week training plan for a ‹$race›‹, i\'m a beginner|, currently running ‹#5-40›km a week|›', 'A progressive plan for the ‹^race›.'),
    F('i\'m ‹getting married|moving to ‹$city›|having a baby|starting a new job› in ‹#1-12› months. ‹make me a timeline|what should i do and when|give me a checklist by month›', 'A month-by-month checklist.'),
    F('i want to start a ‹$smallBiz›. ‹give me a plan for the first year|what are the steps|make a 90-day launch plan›', 'A phased plan for a ‹^smallBiz›.'),
    F('‹make|create› a ‹6-month|one-year› plan to become a ‹$targetJob›‹ while working full time| from zero|›', 'A plan to become a ‹^targetJob›.'),
    F('plan a ‹#2-6›-week trip through ‹$city›, ‹$c2:city› and ‹$c3:city›‹ on a budget|›', 'A route and rough schedule.'),
];
const RUBRIC = [
    F('‹rate my|grade my|be brutally honest about my› ‹essay|intro paragraph|opening› on ‹$essayTopic› out of 10:\n\n‹^text›', '‹#5-8›/10: clear position, but it needs evidence.', (ctx) => {
        ctx.vars.text = pasted(ctx, 'news', 2 + ctx.rng.int(4));
    }),
    F('which tagline is better: "‹$tagline›" or "‹$t2:tagline›"?', 'I would pick "‹^tagline›" — it is clearer.'),
    F('‹score|rate› my ‹cover letter|resume summary|linkedin about section› 1-10 and tell me how to improve: ‹$draftSentence›', '‹#3-7›/10: make it specific and add a concrete achievement.'),
    F('my teacher ‹asked|wants us to grade ourselves›: ‹^problem› my answer was ‹^answer›. ‹is it right?|how many points would you give?|grade it›', 'Your answer ‹^answer› is correct.', (ctx) => {
        const p = PROBLEMS.gradeSchool[ctx.rng.int(PROBLEMS.gradeSchool.length)](ctx);
        Object.assign(ctx.vars, { problem: p.text, answer: p.answer });
    }),
];
const AGENTIC = [
    F('what\'s the weather in ‹$city› ‹this weekend|tomorrow|today›?', 'Calling get_weather for ‹^city›.'),
    F('‹search for|find|look up› ‹the latest news on|recent articles about› ‹$newsTopic›', 'Searching the web for ‹^newsTopic›.'),
    F('‹add|schedule|put› a meeting with ‹$name› on ‹$weekday› at ‹$clockTime›', 'Creating the calendar event with ‹^name›.'),
    F('find me flights from ‹$city› to ‹$c2:city› on ‹$month› ‹#1-28›‹, cheapest please| under $‹#200-1500›|›', 'Searching flights from ‹^city› to ‹^c2›.'),
    F('remind me to ‹$reminder› ‹tomorrow|on ‹$weekday›› at ‹$clockTime›', 'Reminder set: ‹^reminder›.'),
    F('send an email to ‹$name› saying ‹i\'ll be late|the report is ready|thanks for dinner|we need to reschedule›', 'Drafting and sending the email to ‹^name›.'),
    F('‹is|what time does› the ‹pharmacy|post office|library|nearest supermarket› ‹open on ‹$weekday›|close today›?', 'Looking up the opening hours.'),
];
const BY_CAPABILITY = {
    general: GENERAL,
    software_engineering: SWE,
    reasoning: REASONING,
    long_horizon_planning: PLANNING,
    rubric_grading: RUBRIC,
    agentic_tool_use: AGENTIC,
};
// ---- follow-ups, other languages, system prompts ------------------------------------------------------
const FOLLOW_UP = A([
    'make it shorter', 'shorter please', 'can you make it more formal?', 'make it funnier', 'more casual', 'what about ‹$city›?',
    'and for ‹#2-12› people?', 'translate that to ‹$humanLanguage›', 'give me ‹#2-5› more options', "that didn't work", 'why?',
    'can you explain the second point more', 'thanks! one more thing, ‹how long does it keep in the fridge|can i do it without ‹$ingredient›|is it expensive›?',
    'perfect, thanks', 'now as a bullet list', 'in ‹$mainLang› please', "i don't have ‹$ingredient›, what can i use instead?",
    'ok but ‹i only have 20 minutes|i\'m vegetarian|it\'s for a kid|i\'m on a budget›', 'can you add a ‹subject line|conclusion|title›',
    'that sounds too ‹robotic|stiff|long›, try again', 'ok and then what', 'what do you mean by that', 'are you sure?',
    'i got ‹^err› now', 'great. now do the same for ‹$city›', 'less emojis', 'can you put it in a table', 'lol ok', 'wait, go back to the first one',
]);
const FOREIGN = [
    { lang: 'es', prompts: A(['¿Cómo puedo ‹mejorar mi inglés|ahorrar dinero|dormir mejor|dejar de procrastinar›?', '¿Me puedes escribir un correo ‹formal|amable› para ‹mi jefe|mi casero› sobre ‹las vacaciones|un problema con la calefacción›?', 'Receta fácil con ‹pollo|arroz|huevos|garbanzos› y ‹tomate|queso|espinacas›', '¿Qué puedo visitar en ‹$city› en ‹#2-5› días?', 'Explícame ‹la inflación|la fotosíntesis|el interés compuesto› de forma sencilla']), reply: 'Claro, aquí tienes una respuesta breve.' },
    { lang: 'fr', prompts: A(['Comment ‹améliorer mon CV|apprendre à coder|mieux dormir› ?', "Peux-tu m'écrire un message ‹pour l'anniversaire de ma sœur|pour m'excuser auprès d'un collègue› ?", 'Que visiter à ‹$city› en ‹#2-5› jours ?', "Explique-moi ‹l'inflation|la photosynthèse› simplement", 'Idée de recette avec ‹des courgettes|du poulet|des lentilles›']), reply: 'Bien sûr, voici une réponse courte.' },
    { lang: 'de', prompts: A(['Wie kann ich ‹besser schlafen|Geld sparen|Python lernen›?', 'Schreib mir eine ‹kurze|höfliche› E-Mail an ‹meinen Vermieter|meine Chefin› wegen ‹der Heizung|eines freien Tages›', 'Was kann man in ‹$city› an ‹#2-5› Tagen unternehmen?', 'Erklär mir ‹Inflation|Photosynthese› einfach']), reply: 'Klar, hier ist eine kurze Antwort.' },
    { lang: 'pt', prompts: A(['Como faço para ‹aprender inglês|economizar dinheiro|dormir melhor›?', 'Me ajuda a escrever uma mensagem ‹de aniversário|de agradecimento› para ‹minha mãe|um amigo›', 'O que fazer em ‹$city› em ‹#2-5› dias?']), reply: 'Claro, aqui vai uma resposta curta.' },
    { lang: 'it', prompts: A(['Come posso ‹migliorare il mio inglese|risparmiare|dormire meglio›?', 'Ricetta veloce con ‹pasta|zucchine|ceci›', 'Cosa vedere a ‹$city› in ‹#2-5› giorni?']), reply: 'Certo, ecco una breve risposta.' },
    { lang: 'zh', prompts: A(['怎么‹学好英语|提高睡眠质量|存钱›？', '帮我写一封‹请假|感谢|道歉›邮件给‹老板|老师›', '‹$city›‹三|五›天旅游攻略', '用简单的话解释一下‹通货膨胀|光合作用|区块链›']), reply: '好的，下面是简短的回答。' },
    { lang: 'ja', prompts: A(['‹英語|プログラミング›を効率よく勉強する方法は？', '‹上司|先生›に‹休暇|お礼›のメールを書いてください', '‹$city›で‹二|三›日間のおすすめプランを教えて']), reply: 'はい、簡単にお答えします。' },
    { lang: 'ru', prompts: A(['Как ‹выучить английский|начать бегать|накопить деньги›?', 'Напиши ‹вежливое|короткое› письмо ‹начальнику|арендодателю› о ‹переносе встречи|поломке отопления›', 'Что посмотреть в ‹$city› за ‹два|три› дня?']), reply: 'Конечно, вот короткий ответ.' },
    { lang: 'ko', prompts: A(['‹영어|코딩› 빨리 배우는 방법 알려줘', '‹$city› ‹2|3›일 여행 일정 짜줘']), reply: '네, 간단히 답변드릴게요.' },
    { lang: 'hi', prompts: A(['मुझे ‹अंग्रेज़ी|कोडिंग› सीखने का आसान तरीका बताओ', '‹$city› में ‹दो|तीन› दिन में क्या देखें?']), reply: 'ज़रूर, यह रहा छोटा जवाब।' },
];
const CHAT_SYSTEM = A([
    'You are a helpful assistant.',
    'You are a helpful assistant. Be concise.',
    'You are ChatMate, a friendly assistant. Today is ‹$weekday›.',
    'You are a helpful, harmless and honest assistant. Answer in the language of the user.',
    'The assistant is helpful and cheerful. It uses markdown when useful.',
]);
/** System prompts of the apps behind a relay (each app sends its own). */
const APP_SYSTEM = A([
    'You are the support assistant of ‹$company›. Answer questions about orders, shipping and returns. If you do not know, offer to connect the customer with a human agent. Never promise refunds.',
    'You are a writing assistant inside a note-taking app. Improve the user\'s text while keeping their voice. Reply with the rewritten text only unless asked otherwise.',
    'You are a patient tutor for high-school students. Guide them towards the answer with hints before giving it away.',
    'You are a travel planning assistant. Suggest itineraries, budgets and tips. Ask about dates and budget when they are missing.',
    'You are a coding helper embedded in an online IDE. Keep answers short and show code.',
    'You are a cooking assistant. Suggest recipes from the ingredients the user has, with timings and substitutions.',
    'You are an HR policy assistant for ‹$company› employees. Answer using the employee handbook; say when a question needs HR.',
    'You are a language-learning partner. Reply in the language the user is practising, and correct mistakes gently at the end.',
]);
function chatSystem(ctx, capability) {
    if (capability === 'agentic_tool_use') {
        // Assistant apps with tools describe them in the system prompt; a few fixed apps.
        const app = ctx.rng.int(4);
        return `You are ${['Aria', 'Juno', 'Pocket', 'Sidekick'][app]}, a personal assistant that can use tools. Today is ${expandChoice(lex.get('weekday'), ctx)}.\n\nTools:\n${AGENT_APP_TOOLS[app]}`;
    }
    return ctx.rng.next() < 0.4 ? expandChoice(CHAT_SYSTEM, ctx) : null;
}
const AGENT_APP_TOOLS = [0, 1, 2, 3].map((i) => renderTools(toolSubset(77 + i, 5, ['get_weather', 'search_web', 'create_calendar_event']), i + 1));
const COT_CASUAL = lex.get('cotCasual');
/** Free-form chat text for one request. */
export function chatText(req, rng, opts = {}) {
    const ctx = freeCtx(rng);
    const system = opts.relay ? (rng.next() < 0.75 ? expandChoice(APP_SYSTEM, ctx) : null) : chatSystem(ctx, req.capability);
    if (req.turn > 1 && rng.next() < 0.75) {
        ctx.vars.err = 'a different error';
        const prompt = expandChoice(FOLLOW_UP, ctx);
        return { system, prompt: req.chainOfThought ? `${prompt}, ${expandChoice(COT_CASUAL, ctx)}` : prompt, response: 'Sure, here is the updated version.' };
    }
    if (req.capability === 'general' && rng.next() < 0.12) {
        const f = FOREIGN[rng.int(FOREIGN.length)];
        const prompt = expandChoice(f.prompts, ctx);
        return { system, prompt: req.chainOfThought ? `${prompt} ${expandChoice(lex.get('cotForeign'), ctx)}` : prompt, response: f.reply };
    }
    const fams = BY_CAPABILITY[req.capability];
    const fam = fams[rng.int(fams.length)];
    const r = runFamily(fam, ctx);
    return finish(ctx, req, system, r.prompt, r.response);
}
/** Casual touches: openings, closings, sometimes all lower case; CoT asks in everyday words. */
function finish(ctx, req, system, prompt, response) {
    const rng = ctx.rng;
    let p = prompt;
    const multiline = p.includes('\n');
    if (!multiline) {
        p = expandChoice(lex.get('casualOpen'), ctx) + p + expandChoice(lex.get('casualClose'), ctx);
        const style = rng.next();
        if (style < 0.35)
            p = cap(p);
        else if (style < 0.45)
            p = p.toUpperCase() === p ? p : p.toLowerCase();
    }
    else if (rng.next() < 0.5)
        p = cap(p);
    if (req.chainOfThought)
        p += (multiline ? '\n\n' : ' ') + expandChoice(COT_CASUAL, ctx);
    return { system, prompt: p, response };
}
//# sourceMappingURL=chat.js.map