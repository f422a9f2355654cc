import * as fs from "fs";
import * as path from "path";
import { baselineDocument, recordFilters } from "../sdk/baseline";
import { resolveIntuneEndpoints } from "../sdk/resolve";
import { CliIo, MODEL_OPTIONS, MODEL_OPTIONS_HELP, UsageError, parseCommandArgs, resolveOptionsFrom } from "./options";
import { jsonText } from "./escape";
import { writeWarnings } from "./format";
import { TARGET_OPTIONS, TARGET_OPTIONS_HELP, compileOptionsFrom } from "./targets";
import { ConfigurationError } from "../sdk/errors";
import { ensureDir } from "../sdk/service/files";
import { compileTargets, rulesHashes } from "../sdk/targets/registry";

export const SNAPSHOT_HELP = `Usage: intune-egress snapshot --out FILE [model options] [target options]
       intune-egress snapshot --raw-out FILE [model options]

  --out FILE       write the resolved model (the baseline format 'drift --baseline' reads), with each target's
                   rulesHash for the target options given
  --raw-out FILE   write the raw service data with its version, in the format of the embedded snapshot; maintainers
                   refresh the package's snapshot with
                   intune-egress snapshot --source live --raw-out sdk/catalog/snapshot/worldwide-mem.json

${MODEL_OPTIONS_HELP}

${TARGET_OPTIONS_HELP}
`;

/** What a file-system error code means, for a one-line message. */
const WRITE_PROBLEMS: Record<string, string> = {
  EISDIR: "it is a directory; give a file name",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  ENOENT: "a folder on the way does not exist and could not be created",
  ENOTDIR: "a part of the path is a file, not a folder",
};

/** Writes a file, or fails with one line that names the path and the problem. */
function writeFile(file: string, content: string): void {
  const folder = ensureDir(path.dirname(path.resolve(file)));
  if (folder) throw new ConfigurationError(`Cannot write ${file}: ${folder.message}.`);
  try {
    fs.writeFileSync(file, content);
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    const problem = WRITE_PROBLEMS[code] ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigurationError(`Cannot write ${file}: ${problem}${code ? ` (${code})` : ""}.`);
  }
}

export async function snapshot(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...MODEL_OPTIONS,
    ...TARGET_OPTIONS,
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
  const { options: compileOptions, warnings: flagWarnings } = compileOptionsFrom(values);
  writeWarnings(io, flagWarnings);
  const result = await resolveIntuneEndpoints(options);
  writeWarnings(io, result.warnings);
  if (values.out !== undefined) {
    const document = baselineDocument(result.model, recordFilters(result.model.instance, options), {
      createdAt: new Date().toISOString(),
      warnings: result.warnings.map((w) => jsonText(w)),
      rules: {
        sourceAddresses: compileOptions.sourceAddresses,
        hashes: rulesHashes(compileTargets(result.model, compileOptions)),
      },
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
