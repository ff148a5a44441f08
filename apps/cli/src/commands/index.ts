import { IkrarConfig } from '@ikrar/config';
import { EXPORT_USAGE, exportLedger } from './export';
import { projectionsRebuild } from './projections-rebuild';
import { seedDemo } from './seed-demo';
import { printToken, TOKEN_USAGE } from './token';
import { VERIFY_USAGE, verifyLedger } from './verify';
import { VERIFY_PROOF_USAGE, verifyProof } from './verify-proof';

export interface CliCommand {
  readonly words: readonly string[];
  readonly summary: string;
  run(config: IkrarConfig, args: string[]): Promise<number>;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    words: ['seed', 'demo'],
    summary: 'Load the demo data set (NTB, Kayong Utara, Kaur Tengah, Bangka Selatan) through the command bus; safe to run twice',
    run: seedDemo,
  },
  {
    words: ['export'],
    summary: `Stream the event log as NDJSON, or commitments / obligations as CSV, to stdout or --out FILE (${EXPORT_USAGE})`,
    run: exportLedger,
  },
  {
    words: ['projections', 'rebuild'],
    summary: 'Replay the whole event log into fresh read models (progress on stderr), then switch over atomically',
    run: projectionsRebuild,
  },
  {
    words: ['verify'],
    summary: `Check the whole event log's hash chains, the sealer's ledger index and the signed seals (progress on stderr); with --digest, also that the current history extends a kept seal; prints the result, exit 0 intact, 2 on the first failure (${VERIFY_USAGE})`,
    run: verifyLedger,
  },
  {
    words: ['token'],
    summary: `Print a signed bearer token for local use and tests, verified by this deployment's secret (${TOKEN_USAGE})`,
    run: (config, args) => printToken(config, args),
  },
  {
    words: ['verify-proof'],
    summary: `Check an inclusion proof JSON file (GET /audit/events/:id/proof) offline: seal signature and Merkle path; exit 0 valid, 2 invalid (${VERIFY_PROOF_USAGE})`,
    run: verifyProof,
  },
];

export function usage(): string {
  const lines = CLI_COMMANDS.map((command) => `  ${command.words.join(' ').padEnd(22)} ${command.summary}`);
  return `Usage: npm run --silent ikrar -- <command>\n\nCommands:\n${lines.join('\n')}\n\nConfiguration comes from the environment (IKRAR_DATA_DIR, EVENTSTORE_URL); see README.md.\n`;
}
