import * as fs from "fs";
import { readBaseline } from "../sdk/baseline";
import { runDrift } from "../sdk/drift";
import { driftMarkdown, driftText } from "./driftFormat";
import { CliIo, MODEL_OPTIONS, MODEL_OPTIONS_HELP, UsageError, parseCommandArgs, resolveOptionsFrom } from "./options";
import { TARGET_OPTIONS, TARGET_OPTIONS_HELP, compileOptionsFrom } from "./targets";
import { ConfigurationError, ServiceDataError } from "../sdk/errors";

export const DRIFT_HELP = `Usage: intune-egress drift --baseline FILE [--format text|markdown|json] [model options] [target options]

Compares the live Intune endpoint model with a baseline and explains the difference.

  --baseline FILE       the output of 'intune-egress snapshot --out FILE', or 'pulumi stack output --json' of a stack
                        that exports an IntuneEgress modelJson
  --output-key KEY      which stack output holds the model, when the stack has several
  --format text|markdown|json
                        text for people (default), markdown for a pull-request comment, json for machines

The model options default to the filters recorded in the baseline; give them to override.

Exit codes: 0 the live model equals the baseline, 2 drift, 1 error.

${MODEL_OPTIONS_HELP}

${TARGET_OPTIONS_HELP}
`;

/** Exit code for drift. */
export const EXIT_DRIFT = 2;

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    // fs errors come from Node's own realm: read the message without `instanceof Error`.
    const message =
      typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
    throw new ConfigurationError(`Cannot read the baseline ${file}: ${message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceDataError(
      `${file}: not JSON. Give the output of 'intune-egress snapshot --out' or 'pulumi stack output --json'.`,
    );
  }
}

export async function drift(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...MODEL_OPTIONS,
    ...TARGET_OPTIONS,
    baseline: { type: "string" },
    "output-key": { type: "string" },
    format: { type: "string" },
  });
  if (values.help) {
    io.stdout(DRIFT_HELP);
    return 0;
  }
  if (values.baseline === undefined) throw new UsageError("drift needs --baseline FILE");
  const format = values.format ?? "text";
  if (format !== "text" && format !== "markdown" && format !== "json")
    throw new UsageError(`--format ${String(format)} is not one of text, markdown, json`);
  const file = String(values.baseline);
  const baseline = readBaseline(
    readJson(file),
    file,
    values["output-key"] === undefined ? undefined : String(values["output-key"]),
  );

  const report = await runDrift({
    baseline,
    baselineLabel: file,
    resolveOptions: resolveOptionsFrom(values, io),
    compileOptions: compileOptionsFrom(values).options,
  });
  if (format === "json") io.stdout(JSON.stringify(report, null, 2) + "\n");
  else if (format === "markdown") io.stdout(driftMarkdown(report));
  else {
    for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
    io.stdout(driftText(report));
  }
  return report.status === "drift" ? EXIT_DRIFT : 0;
}
