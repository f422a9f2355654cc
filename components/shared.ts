/**
 * Wiring helpers the components share. No rule logic lives here: rules come from sdk/targets.
 */
import * as pulumi from "@pulumi/pulumi";
import { Coverage, parseSources } from "../sdk/targets";
import { EgressModel, Region } from "../sdk/model/types";
import { ResolveOptions, ResolveResult, checkResolveOptions, resolveIntuneEndpoints } from "../sdk/resolve";
import { OptionSpelling } from "../sdk/service/source";
import { GivenOptions } from "../sdk/targets/options";
import { IntuneModelArgs, SourceArgs } from "./args";
import { TargetCoverage, TargetVerificationSummary } from "./types";
import { CompileOptions, CompiledTargets, TargetKey, rulesHash, targetSpecs } from "../sdk/targets/registry";
import { compileAndVerify } from "../sdk/verify/targets";
import { TargetVerification } from "../sdk/verify/verify";
import { ConfigurationError } from "../sdk/errors";

/** The value of an input if it is known now; undefined when it is unknown (during preview). */
export async function knownValue<T>(input: pulumi.Input<T> | undefined): Promise<pulumi.Unwrap<T> | undefined> {
  if (input === undefined) return undefined;
  const output = pulumi.output(input);
  // Output#isKnown is not in the typings, but every Output has it: it resolves to false for an unknown preview value.
  const isKnown = (output as unknown as { isKnown?: Promise<boolean> }).isKnown;
  if (isKnown && !(await isKnown)) return undefined;
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/**
 * Sources the rule layout is computed with while the real sources are unknown (preview): a private range, so that the
 * verification's probes (documentation addresses such as 192.0.2.1) stay outside the sources, as they will be.
 */
export const PLACEHOLDER_SOURCES = ["10.255.255.0/24"];

/** How a component spells an option in its errors: `IntuneEgress: maxRemovalRatio`, `IntuneEgress: nsg.priorityStart`. */
export function componentSpelling(component: string, path = ""): OptionSpelling {
  return (option) => `${component}: ${path}${option}`;
}

/**
 * Checks what can be checked before anything is fetched: option names and ranges, the service URL, and the source
 * addresses when they are plain values. Components call it in their constructor, so a mistake fails at the line that
 * made it, with the reason. The checks are the SDK's own (`checkResolveOptions`), spelled in the component's terms.
 */
export function checkModelArgs<T extends IntuneModelArgs & SourceArgs>(args: T, component: string): T {
  if (!args) throw new ConfigurationError(`${component}: args are required (at least sourceAddresses and a target).`);
  checkResolveOptions(
    {
      ...(args.regions !== undefined ? { regions: args.regions as Region[] } : {}),
      ...(args.features !== undefined ? { features: args.features } : {}),
      ...(args.addFeatures !== undefined ? { addFeatures: args.addFeatures } : {}),
      ...(args.excludeFeatures !== undefined ? { excludeFeatures: args.excludeFeatures } : {}),
      ...(args.instance !== undefined ? { instance: args.instance } : {}),
      ...(args.onUnavailable !== undefined ? { onUnavailable: args.onUnavailable } : {}),
      ...(args.maxRemovalRatio !== undefined ? { maxRemovalRatio: args.maxRemovalRatio } : {}),
      ...(args.serviceUrl !== undefined ? { serviceUrl: args.serviceUrl } : {}),
    },
    componentSpelling(component),
  );
  if (args.sourceAddresses === undefined || args.sourceAddresses === null) {
    throw new ConfigurationError(
      `${component}: sourceAddresses is required: give the CIDRs of the managed devices (e.g. ["10.20.0.0/16"]).`,
    );
  }
  if (Array.isArray(args.sourceAddresses) && args.sourceAddresses.every((s) => typeof s === "string")) {
    parseSources(args.sourceAddresses as string[], component, args.allowAnySource === true);
  }
  return args;
}

/**
 * Every SDK option of a target, and the component argument that sets it (`null`: derived from the component's name).
 * Typed so that an SDK option without an argument, or an argument that does not exist, is a compile error.
 */
export type TargetArgMap<Settings, Args> = { readonly [K in keyof Settings]-?: (keyof Args & string) | null };

/** A target's SDK options from the component's args, through its arg map, with the name prefix from the component. */
export function targetOptions<Settings, Args>(
  map: TargetArgMap<Settings, Args>,
  args: Args,
  namePrefix: string,
): GivenOptions<Settings> {
  const out: Record<string, unknown> = {};
  for (const [option, arg] of Object.entries(map) as Array<[string, keyof Args | null]>) {
    const value = arg === null ? namePrefix : args[arg];
    if (value !== undefined) out[option] = value;
  }
  return out as GivenOptions<Settings>;
}

/** Checks a target's arguments with the SDK's normalize, spelling each option as the component's argument. */
export function checkTargetArgs<Settings, Args>(
  normalize: (given: GivenOptions<Settings>, spell: OptionSpelling) => Settings,
  map: TargetArgMap<Settings, Args>,
  args: Args,
  component: string,
  path = "",
): void {
  const spell = componentSpelling(component, path);
  normalize(targetOptions(map, args, "intune"), (option) => spell(map[option as keyof Settings] ?? option));
}

/** The model options of a component's args, for the SDK. */
export function resolveOptions(args: IntuneModelArgs, component: pulumi.Resource): ResolveOptions {
  return {
    ...(args.regions ? { regions: args.regions as Region[] } : {}),
    ...(args.features ? { features: args.features } : {}),
    ...(args.addFeatures ? { addFeatures: args.addFeatures } : {}),
    ...(args.excludeFeatures ? { excludeFeatures: args.excludeFeatures } : {}),
    ...(args.instance ? { instance: args.instance } : {}),
    ...(args.serviceUrl ? { serviceUrl: args.serviceUrl } : {}),
    ...(args.onUnavailable ? { onUnavailable: args.onUnavailable } : {}),
    ...(args.ipv6 !== undefined ? { ipv6: args.ipv6 } : {}),
    ...(args.maxRemovalRatio !== undefined ? { maxRemovalRatio: args.maxRemovalRatio } : {}),
    ...(args.deliveryOptimizationPeers ? { deliveryOptimizationPeers: args.deliveryOptimizationPeers } : {}),
    ...(args.includeMicrosoft365Common !== undefined
      ? { includeMicrosoft365Common: args.includeMicrosoft365Common }
      : {}),
    onProgress: (message: string) => void pulumi.log.debug(`intune-egress: ${message}`, component),
  };
}

/** The model for a component; every component in a program shares one fetch (the SDK memoizes it). */
export function resolveForComponent(args: IntuneModelArgs, component: pulumi.Resource): Promise<ResolveResult> {
  return resolveIntuneEndpoints(resolveOptions(args, component));
}

const reported = new Set<string>();

/**
 * Reports a warning through `pulumi.log.warn` on the component, so `pulumi preview` shows it. A warning already
 * reported in this program (by a parent or a sibling component) is not repeated.
 */
export function warnOnce(component: pulumi.Resource, message: string): void {
  if (reported.has(message)) return;
  reported.add(message);
  void pulumi.log.warn(message, component);
}

/**
 * Compiles one target and proves what its rules do (`compileAndVerify`): the result carries the evaluated coverage,
 * the verification, and every warning (the compiler's and the verification's).
 */
export function verifiedTarget<K extends TargetKey>(
  key: K,
  model: EgressModel,
  sources: readonly string[],
  options: object,
  allowAnySource: boolean,
): NonNullable<CompiledTargets[K]> & { readonly verification: TargetVerification; readonly rulesHash: string } {
  const result = compileAndVerify(model, {
    sourceAddresses: sources,
    ...(allowAnySource ? { allowAnySource } : {}),
    [key]: options,
  } as CompileOptions);
  const spec = targetSpecs().find((t) => t.key === key);
  const compiled = result.compiled[key];
  const verification = spec ? result.verification[spec.id] : undefined;
  if (!spec || !compiled || !verification) throw new Error(`intune-egress: ${key} was not compiled`);
  return {
    ...compiled,
    warnings: [...result.warnings],
    verification,
    rulesHash: rulesHash(spec, compiled),
  } as unknown as NonNullable<CompiledTargets[K]> & {
    readonly verification: TargetVerification;
    readonly rulesHash: string;
  };
}

/** A verification in the components' output shape: the counts, the blocked endpoints and the flows let out. */
export function verificationOutput(verification: TargetVerification): TargetVerificationSummary {
  return {
    endpointsAllowed: verification.summary.endpoints.allowed,
    endpointsBlocked: verification.summary.endpoints.blocked,
    endpointsNotApplicable: verification.summary.endpoints.notApplicable,
    probesDenied: verification.summary.probes.denied,
    probesLetOut: verification.summary.probes.allowed,
    blocked: verification.endpoints.filter((e) => e.verdict === "blocked").map((e) => `${e.address}: ${e.by}`),
    letOut: verification.probes.filter((p) => p.verdict === "allowed").map((p) => `${p.flow}: ${p.by}`),
  };
}

function gap(n: Coverage["blocked"][number]): TargetCoverage["blocked"][number] {
  return { address: n.address, tcpPorts: [...n.tcpPorts], udpPorts: [...n.udpPorts], reason: n.reason };
}

/** Coverage in the components' output shape. */
export function coverageOutput(coverage: Coverage): TargetCoverage {
  return {
    enforced: coverage.enforced.map((e) => ({
      address: e.address,
      tcpPorts: [...e.tcpPorts],
      udpPorts: [...e.udpPorts],
      rules: [...e.rules],
    })),
    widened: coverage.widened.map((w) => ({ address: w.address, as: w.as, reason: w.reason })),
    notEnforced: coverage.notEnforced.map(gap),
    blocked: coverage.blocked.map(gap),
    notApplicable: coverage.notApplicable.map(gap),
  };
}

/** Rule and resource names derive from the component's name, lower-cased to what every target accepts. */
export function namePrefix(componentName: string): string {
  const prefix = componentName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return prefix === "" ? "intune" : prefix.slice(0, 40);
}

/** What a target sub-component has planned before it creates resources. */
export interface TargetPlan<C> {
  /** The component's name, and the prefix of the rule and resource names. */
  readonly name: string;
  /** Compiled with the real sources when they are known, else with a placeholder: the resource layout. */
  readonly layout: C;
  readonly sourcesKnown: boolean;
  readonly modelWarnings: readonly string[];
  /** A part of the compiled rules for the real sources: plain when they are known now, else an output. */
  fromSources<T>(pick: (compiled: C) => T): pulumi.Input<T>;
}

/**
 * Resolves the model and compiles the target once: with the source addresses when they are known, else (during
 * preview) with a placeholder, so that every resource can still be planned with its name and layout.
 */
export async function planTarget<C>(
  component: pulumi.Resource,
  args: IntuneModelArgs & SourceArgs,
  componentName: string | undefined,
  compile: (model: EgressModel, sources: string[], namePrefix: string) => C,
): Promise<TargetPlan<C>> {
  const name = componentName ?? "intune";
  const prefix = namePrefix(name);
  const { model, warnings } = await resolveForComponent(args, component);
  const known = await knownValue(args.sourceAddresses);
  const layout = compile(model, known ?? PLACEHOLDER_SOURCES, prefix);
  return {
    name,
    layout,
    sourcesKnown: known !== undefined,
    modelWarnings: warnings,
    fromSources: <T>(pick: (compiled: C) => T): pulumi.Input<T> =>
      known !== undefined
        ? pick(layout)
        : pulumi.output(args.sourceAddresses).apply((sources) => pick(compile(model, sources, prefix))),
  };
}

/** The outputs every target sub-component shares. */
export interface TargetData {
  readonly coverage: TargetCoverage;
  readonly warnings: string[];
  readonly verification: TargetVerificationSummary;
  readonly rulesHash: pulumi.Output<string>;
}

/**
 * Reports the plan's warnings (with pulumi.log.warn, on the component) and returns the coverage and warnings, plus the
 * outputs the component then registers (last).
 */
export function finishTarget(
  component: pulumi.Resource,
  plan: TargetPlan<{
    readonly warnings: readonly string[];
    readonly coverage: Coverage;
    readonly verification: TargetVerification;
    readonly rulesHash: string;
  }>,
  unknownSourcesNote: string,
  outputs: Record<string, unknown>,
): { data: TargetData; outputs: pulumi.Inputs } {
  const warnings = [...plan.modelWarnings, ...plan.layout.warnings];
  if (!plan.sourcesKnown)
    warnings.push(`${plan.name}: sourceAddresses is not known yet (preview); ${unknownSourcesNote}`);
  for (const warning of warnings) warnOnce(component, warning);
  const coverage = coverageOutput(plan.layout.coverage);
  const verification = verificationOutput(plan.layout.verification);
  // The hash follows the real sources: during a preview with unknown sources it is unknown too.
  const hash = pulumi.output(plan.fromSources((compiled) => compiled.rulesHash));
  return {
    data: { coverage, warnings, verification, rulesHash: hash },
    outputs: { ...outputs, coverage, warnings, verification, rulesHash: hash },
  };
}
