#!/usr/bin/env node
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { COMMANDS } from './commands/index.js';
const { version } = createRequire(import.meta.url)('../../package.json');
export function program() {
    const cli = new Command('distillwatch')
        .description('Find adversarial distillation campaigns in LLM API traffic: ingest logs, hunt for the campaigns and the ' +
        'accounts behind them, and report them with evidence.')
        .version(version)
        .showHelpAfterError()
        .option('--debug', 'print stack traces of errors');
    for (const make of COMMANDS)
        cli.addCommand(make());
    return cli;
}
async function main() {
    const cli = program();
    try {
        await cli.parseAsync(process.argv);
    }
    catch (e) {
        const err = e;
        process.stderr.write(`distillwatch: ${err.message}\n`);
        if (cli.opts().debug && err.stack)
            process.stderr.write(err.stack + '\n');
        process.exitCode = 1;
    }
}
await main();
//# sourceMappingURL=main.js.map