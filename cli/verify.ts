import { resolveIntuneEndpoints } from "../sdk/resolve";
import { OptionDescriptor } from "../sdk/targets/options";
import { AnyTargetSpec, targetSpec } from "../sdk/targets/registry";
import { compileAndVerify, verificationExitCode } from "../sdk/verify/targets";
import { TargetVerification } from "../sdk/verify/verify";
import {
  CliIo,
  MODEL_OPTIONS,
  MODEL_OPTIONS_HELP,
  UsageError,
  parseCommandArgs,
  resolveOptionsFrom,
  strings,
} from "./options";
import { TARGET_OPTIONS, TARGET_OPTIONS_HELP, compileOptionsFrom } from "./targets";
import { jsonText } from "./escape";
import { writeWarnings } from "./format";

export const VERIFY_HELP = `Usage: intune-egress verify [--format table|json] [--flow PROTO:PORT:HOST_OR_IP]... [model options] [target options]

Proves what each target's rules do by evaluating them with the platform's own matching semantics: every model
endpoint (each port and protocol, sample names for wildcards, the first and last address of prefixes, from each
source family) must be allowed, and probes outside the model (look-alike and unlisted names, documentation addresses,
wrong ports, raw TCP and UDP) must be denied.

  --format table|json   table for people (default), json for machines
  --flow PROTO:PORT:HOST_OR_IP
                        also ask about this flow, repeatable (e.g. tcp:443:www.example.com, udp:53:192.0.2.1)

Exit codes: 0 every endpoint allowed (or not applicable) and every probe denied; 2 a model endpoint is blocked (this
wins); 3 traffic outside the model is let out; 1 error.

${MODEL_OPTIONS_HELP}

${TARGET_OPTIONS_HELP}
`;

/** The flags that would change a decision, read from its reason: option names and choice values the target knows. */
export function remedyFlags(spec: AnyTargetSpec, reason: string | undefined): string[] {
  if (!reason) return [];
  const out: string[] = [];
  for (const [option, d] of Object.entries(spec.options) as Array<[string, OptionDescriptor]>) {
    if (d.kind === "choice") {
      const choice = d.choices.find((c) => c !== d.default && reason.includes(c));
      if (choice) out.push(`--${d.flag} ${choice}`);
      else if (reason.includes(option)) out.push(`--${d.flag}`);
    } else if (reason.includes(option)) out.push(`--${d.flag}`);
  }
  return out;
}

function remedy(spec: AnyTargetSpec, reason: string | undefined): string {
  const flags = remedyFlags(spec, reason);
  return flags.length > 0 ? ` [remedy: ${flags.join(" or ")}]` : "";
}

function table(spec: AnyTargetSpec, v: TargetVerification): string {
  const s = v.summary;
  let out = `\n${spec.label}: endpoints ${s.endpoints.allowed} allowed, ${s.endpoints.blocked} blocked, ${s.endpoints.notApplicable} not applicable; probes ${s.probes.denied} denied, ${s.probes.allowed} let out\n`;
  for (const e of v.endpoints.filter((x) => x.verdict === "blocked")) {
    const flow = e.flows.find((f) => f.verdict === "blocked");
    out += `  blocked  ${e.address} (${flow?.flow ?? ""}) by ${e.by}${e.reason ? `: ${e.reason}` : ""}${remedy(spec, e.reason)}\n`;
  }
  for (const p of v.probes.filter((x) => x.verdict === "allowed"))
    out += `  let out  ${p.probe}: ${p.flow} by ${p.by}${p.reason ? `: ${p.reason}` : ""}${remedy(spec, p.reason)}\n`;
  return out;
}

export async function verify(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...MODEL_OPTIONS,
    ...TARGET_OPTIONS,
    format: { type: "string" },
    flow: { type: "string", multiple: true },
  });
  if (values.help) {
    io.stdout(VERIFY_HELP);
    return 0;
  }
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json")
    throw new UsageError(`--format ${String(format)} is not one of table, json`);
  const { options, defaultedSources, warnings: flagWarnings } = compileOptionsFrom(values);
  const result = await resolveIntuneEndpoints(resolveOptionsFrom(values, io));
  const checked = compileAndVerify(result.model, options, strings(values, "flow"));
  const warnings = [...flagWarnings, ...result.warnings, ...checked.warnings];
  writeWarnings(io, warnings);
  const code = verificationExitCode(checked.verification);
  const entries = Object.entries(checked.verification) as Array<[Parameters<typeof targetSpec>[0], TargetVerification]>;
  if (format === "json") {
    const { model } = result;
    io.stdout(
      JSON.stringify(
        {
          model: {
            instance: model.instance,
            version: model.version,
            source: model.source,
            hash: model.hash,
            endpointCount: model.endpoints.length,
          },
          sources: { addresses: options.sourceAddresses, previewDefault: defaultedSources },
          targets: Object.fromEntries(
            entries.map(([id, v]) => [id, { endpoints: v.endpoints, probes: v.probes, summary: v.summary }]),
          ),
          exitCode: code,
          warnings: warnings.map((w) => jsonText(w)),
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    let out = `Verified the rules for ${result.model.instance} (${result.model.endpoints.length} endpoints) from ${options.sourceAddresses.join(", ")}${defaultedSources ? " (a preview default: pass --source-address)" : ""}\n`;
    for (const [id, v] of entries) out += table(targetSpec(id), v);
    out += `\n${code === 0 ? "OK: every model endpoint is allowed and every probe denied." : code === 2 ? "FAIL (exit 2): the rules block model endpoints." : "FAIL (exit 3): the rules let traffic outside the model out."}\n`;
    io.stdout(out);
  }
  return code;
}
