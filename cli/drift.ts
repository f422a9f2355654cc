import * as fs from "fs";
import { readBaseline } from "../sdk/baseline";
import { runDrift } from "../sdk/drift";
import { driftMarkdown, driftText } from "./driftFormat";
import { jsonText } from "./escape";
import { writeWarnings } from "./format";
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
  --fail-on rules|model rules (default): exit 2 only when some target's compiled rules would change; model: also when
                        only the model's metadata changed (origins, features, categories, required flags)

The model options default to the filters recorded in the baseline; give them to override. The live side must be the
live service: when it can't be read, drift fails (exit 1) instead of comparing older data, unless --source cache or
--source snapshot asks for that data on purpose (the report then says how old it is).

Exit codes: 0 no drift (or a model-only change), 2 drift (see --fail-on), 1 error.

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
    "fail-on": { type: "string" },
  });
  if (values.help) {
    io.stdout(DRIFT_HELP);
    return 0;
  }
  if (values.baseline === undefined) throw new UsageError("drift needs --baseline FILE");
  const format = values.format ?? "text";
  if (format !== "text" && format !== "markdown" && format !== "json")
    throw new UsageError(`--format ${String(format)} is not one of text, markdown, json`);
  const failOn = values["fail-on"] === undefined ? "rules" : String(values["fail-on"]);
  if (failOn !== "rules" && failOn !== "model")
    throw new UsageError(`--fail-on ${JSON.stringify(failOn)} is not one of rules, model`);
  const file = String(values.baseline);
  const baseline = readBaseline(
    readJson(file),
    file,
    values["output-key"] === undefined ? undefined : String(values["output-key"]),
  );

  const targets = compileOptionsFrom(values);
  writeWarnings(io, targets.warnings);
  const report = await runDrift({
    baseline,
    baselineLabel: file,
    resolveOptions: resolveOptionsFrom(values, io),
    compileOptions: targets.options,
  });
  // Warnings go to stderr in every format, one inert line each, so a pipeline's log shows them.
  writeWarnings(io, report.warnings);
  if (format === "json")
    io.stdout(JSON.stringify({ ...report, warnings: report.warnings.map((w) => jsonText(w)) }, null, 2) + "\n");
  else if (format === "markdown") io.stdout(driftMarkdown(report));
  else io.stdout(driftText(report));
  const failed = failOn === "model" ? report.status !== "in-sync" : report.status === "drift";
  return failed ? EXIT_DRIFT : 0;
}
