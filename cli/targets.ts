import { ConfigurationError } from "../sdk/errors";
import { Coverage } from "../sdk/targets/coverage";
import { OptionDescriptor, optionFromFlag } from "../sdk/targets/options";
import { parseSources } from "../sdk/targets/sources";
import {
  CompileOptions,
  CompiledTargets,
  TARGETS,
  Target,
  compiledEntries,
  targetSpecs,
} from "../sdk/targets/registry";
import { portsLabel } from "./format";
import { UsageError, Values, strings } from "./options";

type OptionSpec = { type: "string" | "boolean"; multiple?: boolean };

/** Every target option's descriptor, by its flag; a flag shared by targets (wildcard-policy) is listed once. */
function flagDescriptors(): Map<string, OptionDescriptor> {
  const out = new Map<string, OptionDescriptor>();
  for (const spec of targetSpecs())
    for (const descriptor of Object.values(spec.options) as OptionDescriptor[])
      if (!out.has(descriptor.flag)) out.set(descriptor.flag, descriptor);
  return out;
}

/** Options that choose and tune the compiled targets, from the targets' option descriptors. */
export const TARGET_OPTIONS: Record<string, OptionSpec> = {
  target: { type: "string", multiple: true },
  "source-address": { type: "string", multiple: true },
  "allow-any-source": { type: "boolean" },
  ...Object.fromEntries(
    [...flagDescriptors()].map(([flag, d]) => [flag, { type: d.kind === "boolean" ? "boolean" : "string" }]),
  ),
};

function flagHelp(d: OptionDescriptor): string {
  const value =
    d.kind === "boolean" ? "" : d.kind === "choice" ? ` ${d.choices.join("|")}` : d.kind === "name" ? " NAME" : " N";
  const fallback = d.kind === "boolean" ? "" : ` (default ${String(d.default)})`;
  const left = `  --${d.flag}${value}`;
  return `${left.length < 36 ? left.padEnd(37) : `${left}\n${" ".repeat(37)}`}${d.doc}${fallback}`;
}

export const TARGET_OPTIONS_HELP = `Target options:
  --target ${[...TARGETS, "all"].join("|")}
                                     targets to compile, repeatable (default all)
  --source-address CIDR              managed devices' addresses, repeatable (default for a preview: the RFC 1918 ranges)
  --allow-any-source                 accept 0.0.0.0/0, ::/0 or * as a source (refused otherwise)
${targetSpecs()
  .map(
    (spec) =>
      `${spec.label}:
` +
      (Object.values(spec.options) as OptionDescriptor[])
        .filter((d) => d.flag !== "name-prefix")
        .map(flagHelp)
        .join("\n"),
  )
  .join("\n")}
All targets:
${[...flagDescriptors().values()]
  .filter((d) => d.flag === "name-prefix")
  .map(flagHelp)
  .join("\n")}`;

/** Sources a preview uses when none are given. A deployment never defaults: the component requires them. */
export const PREVIEW_SOURCES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** The selected targets from --target (default all). */
function selectedTargets(values: Values): Target[] {
  const requested = strings(values, "target");
  const targets: Target[] = [];
  for (const t of requested.length === 0 ? ["all"] : requested) {
    if (t === "all") targets.push(...TARGETS);
    else if ((TARGETS as readonly string[]).includes(t)) targets.push(t as Target);
    else throw new UsageError(`--target ${t} is not one of ${[...TARGETS, "all"].join(", ")}`);
  }
  return [...new Set(targets)];
}

/** Flags given that change nothing with the other flags, each named with what makes it moot. */
function ineffectiveFlags(values: Values, targets: readonly Target[], options: CompileOptions): string[] {
  const out: string[] = [];
  const given = (flag: string) => values[flag] !== undefined && values[flag] !== false;
  const selected = targetSpecs().filter((s) => targets.includes(s.id));
  const flagsOf = (spec: (typeof selected)[number]) =>
    (Object.values(spec.options) as OptionDescriptor[]).map((d) => d.flag);
  for (const flag of flagDescriptors().keys()) {
    if (!given(flag) || selected.some((spec) => flagsOf(spec).includes(flag))) continue;
    const owners = targetSpecs()
      .filter((spec) => flagsOf(spec).includes(flag))
      .map((s) => s.id);
    out.push(
      `--${flag} has no effect: it applies to ${owners.join(", ")}, and --target selects ${targets.join(", ")}.`,
    );
  }
  const aws = options.awsNetworkFirewall;
  if (aws?.format === "domainList" && given("drop-unmatched"))
    out.push(
      "--drop-unmatched has no effect with --aws-format domainList: a domain list drops other TLS and HTTP itself.",
    );
  if (aws && aws.format !== "domainList" && given("wildcard-policy") && !targets.includes("azure-firewall"))
    out.push(
      "--wildcard-policy has no effect with --aws-format suricata: Suricata rules express every wildcard exactly.",
    );
  if (options.azureFirewall && given("azfw-ipv6") && !options.sourceAddresses.some((a) => a.includes(":")))
    out.push(
      "--azfw-ipv6 has no effect without an IPv6 --source-address: a rule never mixes address families, so IPv6 prefixes stay not applicable.",
    );
  if (aws?.ruleOrder === "DEFAULT_ACTION_ORDER" && given("aws-default-action"))
    out.push(
      "--aws-default-action has no effect with --aws-rule-order DEFAULT_ACTION_ORDER: such a policy has no stateful default action.",
    );
  return out;
}

/**
 * The selected targets and their compile options, checked and normalized by each target's own `normalize` with
 * errors that name the flag; `defaultedSources` tells whether the preview sources were used.
 */
export function compileOptionsFrom(values: Values): {
  targets: Target[];
  options: CompileOptions;
  defaultedSources: boolean;
  /** Flags that have no effect in the chosen combination, each naming both sides. */
  warnings: string[];
} {
  const targets = selectedTargets(values);
  const given = strings(values, "source-address");
  const options: Record<string, unknown> = {
    sourceAddresses: given.length > 0 ? given : PREVIEW_SOURCES,
    ...(values["allow-any-source"] === true ? { allowAnySource: true } : {}),
  };
  try {
    parseSources(options.sourceAddresses as string[], "--source-address", values["allow-any-source"] === true);
  } catch (error) {
    throw error instanceof ConfigurationError ? new UsageError(error.message) : error;
  }
  for (const spec of targetSpecs()) {
    if (!targets.includes(spec.id)) continue;
    const raw: Record<string, unknown> = {};
    const flagOf: Record<string, string> = {};
    for (const [option, descriptor] of Object.entries(spec.options) as Array<[string, OptionDescriptor]>) {
      flagOf[option] = `--${descriptor.flag}`;
      const text = values[descriptor.flag];
      if (text === undefined) continue;
      try {
        raw[option] = optionFromFlag(descriptor, text as string | boolean, descriptor.flag);
      } catch (error) {
        throw error instanceof ConfigurationError ? new UsageError(error.message) : error;
      }
    }
    try {
      options[spec.key] = spec.normalize(raw, (option) => flagOf[option] ?? option);
    } catch (error) {
      throw error instanceof ConfigurationError ? new UsageError(error.message) : error;
    }
  }
  return {
    targets,
    options: options as CompileOptions,
    defaultedSources: given.length === 0,
    warnings: ineffectiveFlags(values, targets, options as CompileOptions),
  };
}

function coverageText(coverage: Coverage): string {
  const endpoints = (list: ReadonlyArray<{ address: string }>) => new Set(list.map((e) => e.address)).size;
  let out = `  coverage: ${endpoints(coverage.enforced)} endpoints enforced, ${endpoints(coverage.widened)} widened, ${endpoints(coverage.notEnforced)} not enforced, ${endpoints(coverage.blocked)} blocked, ${endpoints(coverage.notApplicable)} not applicable\n`;
  for (const w of coverage.widened) out += `    widened  ${w.address} -> ${w.as}: ${w.reason}\n`;
  for (const n of coverage.notEnforced) out += `    not enforced  ${n.address} (${portsLabel(n)}): ${n.reason}\n`;
  for (const n of coverage.blocked) out += `    BLOCKED  ${n.address} (${portsLabel(n)}): ${n.reason}\n`;
  for (const n of coverage.notApplicable) out += `    not applicable  ${n.address} (${portsLabel(n)}): ${n.reason}\n`;
  return out;
}

/** Each target's rules in a readable form, then its coverage. */
export function targetsTable(compiled: CompiledTargets): string {
  return compiledEntries(compiled)
    .map(({ spec, result }) => spec.describe(result) + coverageText(result.coverage))
    .join("");
}
