import 'reflect-metadata';
import { ConfigError, loadConfig } from '@ikrar/config';
import { CLI_COMMANDS, usage } from './commands';

/** `npm run --silent ikrar -- <command>`: operator commands over the same application layer as the API. */
async function main(argv: string[]): Promise<number> {
  const words = argv.filter((arg) => !arg.startsWith('--'));
  const command = CLI_COMMANDS.find((candidate) => candidate.words.every((word, index) => words[index] === word));
  if (words.length === 0 || argv.includes('--help')) {
    process.stdout.write(usage());
    return 0;
  }
  if (!command) {
    process.stderr.write(`ikrar: unknown command "${words.join(' ')}"\n\n${usage()}`);
    return 64;
  }
  return command.run(loadConfig(), argv.slice(command.words.length));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`ikrar: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
