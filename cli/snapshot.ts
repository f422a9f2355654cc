import * as fs from "fs";
import * as path from "path";
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

/** The file format of `snapshot --out`: the resolved model and what produced it. */
export interface SnapshotFile {
  readonly kind: "intune-egress-snapshot";
  readonly formatVersion: 1;
  readonly createdAt: string;
  readonly model: unknown;
  readonly warnings: readonly string[];
}

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
  const result = await resolveIntuneEndpoints(resolveOptionsFrom(values, io));
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  if (values.out !== undefined) {
    const file: SnapshotFile = {
      kind: "intune-egress-snapshot",
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      model: result.model,
      warnings: result.warnings,
    };
    writeFile(String(values.out), JSON.stringify(file, null, 2) + "\n");
    io.stderr(
      `wrote the resolved model (${result.model.endpoints.length} endpoints, version ${result.model.version ?? "not recorded"}, hash ${result.model.hash.slice(0, 12)}) to ${String(values.out)}\n`,
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
