import * as fs from "fs";
import * as path from "path";
import { baselineDocument, recordFilters } from "../sdk/baseline";
import { resolveIntuneEndpoints } from "../sdk/resolve";
import { CliIo, MODEL_OPTIONS, MODEL_OPTIONS_HELP, UsageError, parseCommandArgs, resolveOptionsFrom } from "./options";

export const SNAPSHOT_HELP = `Usage: intune-egress snapshot --out FILE [model options]
       intune-egress snapshot --raw-out FILE [model options]

  --out FILE       write the resolved model (the baseline format 'drift --baseline' reads)
  --raw-out FILE   write the raw service data with its version, in the format of the embedded snapshot; maintainers
                   refresh the package's snapshot with
                   intune-egress snapshot --source live --raw-out sdk/catalog/snapshot/worldwide-mem.json

${MODEL_OPTIONS_HELP}
`;

function writeFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, content);
}

export async function snapshot(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...MODEL_OPTIONS,
    out: { type: "string" },
    "raw-out": { type: "string" },
  });
  if (values.help) {
    io.stdout(SNAPSHOT_HELP);
    return 0;
  }
  if (values.out === undefined && values["raw-out"] === undefined)
    throw new UsageError("snapshot needs --out FILE or --raw-out FILE");
  const options = resolveOptionsFrom(values, io);
  const result = await resolveIntuneEndpoints(options);
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  if (values.out !== undefined) {
    const document = baselineDocument(result.model, recordFilters(result.model.instance, options), {
      createdAt: new Date().toISOString(),
      warnings: result.warnings,
    });
    writeFile(String(values.out), JSON.stringify(document, null, 2) + "\n");
    const { model } = result;
    io.stderr(
      `wrote the resolved model (${model.endpoints.length} endpoints, version ${model.version ?? "not recorded"}, hash ${model.hash.slice(0, 12)}) to ${String(values.out)}\n`,
    );
  }
  if (values["raw-out"] !== undefined) {
    writeFile(String(values["raw-out"]), JSON.stringify(result.serviceData.raw, null, 2) + "\n");
    io.stderr(
      `wrote the raw service data (${result.serviceData.sets.length} endpoint sets, source ${result.serviceData.source}) to ${String(values["raw-out"])}\n`,
    );
  }
  return 0;
}
