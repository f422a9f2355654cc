import { CliIo, UsageError } from "./options";
import { terminalText } from "./escape";
import { DRIFT_HELP, drift } from "./drift";
import { PLAN_HELP, plan } from "./plan";
import { SNAPSHOT_HELP, snapshot } from "./snapshot";
import { VERIFY_HELP, verify } from "./verify";
import {
  AddressError,
  ConfigurationError,
  RemovalBrakeError,
  ServiceDataError,
  ServiceUnavailableError,
  StaleDataError,
} from "../sdk/errors";

export const HELP = `Usage: intune-egress <command> [options]

Commands:
  plan       show the resolved Intune endpoint model (and, with targets, the rules) that would be deployed
  verify     evaluate each target's rules: model endpoints allowed, other traffic denied (exit 2/3 when not)
  drift      compare the live model with a baseline; exit 2 on drift (for pipelines)
  snapshot   write the resolved model (--out, a drift baseline) or the raw service data (--raw-out) to a file

Run 'intune-egress <command> --help' for a command's options.
`;

const COMMANDS: Record<string, { run: (args: readonly string[], io: CliIo) => Promise<number>; help: string }> = {
  plan: { run: plan, help: PLAN_HELP },
  verify: { run: verify, help: VERIFY_HELP },
  drift: { run: drift, help: DRIFT_HELP },
  snapshot: { run: snapshot, help: SNAPSHOT_HELP },
};

/** Errors we expect and explain in one line; anything else is a bug and keeps its stack. */
function isKnownError(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    error instanceof ConfigurationError ||
    error instanceof ServiceUnavailableError ||
    error instanceof ServiceDataError ||
    error instanceof RemovalBrakeError ||
    error instanceof StaleDataError ||
    error instanceof AddressError
  );
}

/** Runs the CLI and returns the exit code: 0 success, 1 error (drift adds 2 for drift). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.stdout(HELP);
    return command === undefined ? 1 : 0;
  }
  const entry = COMMANDS[command];
  if (!entry) {
    io.stderr(`intune-egress: unknown command '${command}'. Commands: ${Object.keys(COMMANDS).join(", ")}.\n`);
    return 1;
  }
  try {
    return await entry.run(args, io);
  } catch (error) {
    if (isKnownError(error)) {
      const hint = error instanceof UsageError ? ` (see 'intune-egress ${command} --help')` : "";
      io.stderr(`intune-egress ${command}: ${terminalText(error.message)}${hint}\n`);
      return 1;
    }
    io.stderr(
      `intune-egress ${command}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

/** The process entry point used by bin/intune-egress.js. */
export function runFromProcess(): void {
  // A reader that goes away (`intune-egress plan | head -1`) ends the output quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const io: CliIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`intune-egress: ${terminalText(String(error))}\n`);
      process.exitCode = 1;
    },
  );
}
