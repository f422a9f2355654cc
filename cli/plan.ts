import { compileAndVerify } from "../sdk/verify/targets";
import { compiledEntries, rulesHash } from "../sdk/targets/registry";
import { resolveIntuneEndpoints } from "../sdk/resolve";
import { jsonText } from "./escape";
import { modelTable, writeWarnings } from "./format";
import { CliIo, MODEL_OPTIONS, MODEL_OPTIONS_HELP, UsageError, parseCommandArgs, resolveOptionsFrom } from "./options";
import { TARGET_OPTIONS, TARGET_OPTIONS_HELP, compileOptionsFrom, targetsTable } from "./targets";

export const PLAN_HELP = `Usage: intune-egress plan [--format table|json] [model options] [target options]

Shows what would be deployed: the resolved Intune endpoint model, the rules compiled from it for each target, and
each target's coverage as evaluating the rules decides it (see 'intune-egress verify' for the flows themselves).

  --format table|json   table for people (default), json for machines

${MODEL_OPTIONS_HELP}

${TARGET_OPTIONS_HELP}
`;

export async function plan(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...MODEL_OPTIONS, ...TARGET_OPTIONS, format: { type: "string" } });
  if (values.help) {
    io.stdout(PLAN_HELP);
    return 0;
  }
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json")
    throw new UsageError(`--format ${String(format)} is not one of table, json`);
  const { options: compileOptions, defaultedSources, warnings: flagWarnings } = compileOptionsFrom(values);
  const result = await resolveIntuneEndpoints(resolveOptionsFrom(values, io));
  const { compiled, warnings: targetWarnings } = compileAndVerify(result.model, compileOptions);
  const warnings = [...flagWarnings, ...result.warnings, ...targetWarnings];
  const sources = { addresses: compileOptions.sourceAddresses, previewDefault: defaultedSources };
  if (format === "json") {
    // Compiler warnings are reported once, in the top-level warnings.
    // Each target carries its rulesHash: it changes exactly when what would be deployed to it changes.
    const targets = Object.fromEntries(
      compiledEntries(compiled).map(({ spec, result }) => [
        spec.key,
        { ...result, warnings: undefined, rulesHash: rulesHash(spec, result) },
      ]),
    );
    // Warnings also go to stderr, one line each, so a pipeline's log shows them.
    writeWarnings(io, warnings);
    io.stdout(
      JSON.stringify(
        { model: result.model, sources, ...targets, warnings: warnings.map((w) => jsonText(w)) },
        null,
        2,
      ) + "\n",
    );
  } else {
    writeWarnings(io, warnings);
    const sourceLine = `\nRule sources: ${sources.addresses.join(", ")}${defaultedSources ? " (a preview default: pass --source-address with your devices' ranges)" : ""}\n`;
    io.stdout(modelTable(result.model) + sourceLine + targetsTable(compiled));
  }
  return 0;
}
