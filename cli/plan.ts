import { resolveIntuneEndpoints } from "../sdk/resolve";
import { modelTable } from "./format";
import { CliIo, MODEL_OPTIONS, MODEL_OPTIONS_HELP, UsageError, parseCommandArgs, resolveOptionsFrom } from "./options";

export const PLAN_HELP = `Usage: intune-egress plan [--format table|json] [model options]

Shows what would be deployed: the resolved Intune endpoint model.

  --format table|json   table for people (default), json for machines

${MODEL_OPTIONS_HELP}
`;

export async function plan(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...MODEL_OPTIONS, format: { type: "string" } });
  if (values.help) {
    io.stdout(PLAN_HELP);
    return 0;
  }
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json")
    throw new UsageError(`--format ${String(format)} is not one of table, json`);
  const result = await resolveIntuneEndpoints(resolveOptionsFrom(values, io));
  if (format === "json") {
    io.stdout(JSON.stringify({ model: result.model, warnings: result.warnings }, null, 2) + "\n");
  } else {
    for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
    io.stdout(modelTable(result.model));
  }
  return 0;
}
