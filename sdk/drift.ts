/**
 * Drift: the live model against a baseline, explained for a reviewer. `buildDriftReport` is pure; `runDrift`
 * orchestrates it (resolve the live model, the brake against the baseline, compile both, read /changes), so the CLI
 * only parses arguments and formats the report.
 */
import { CompileOptions, CompiledTargets, Target, compileTargets, primaryFeature, rulesHashes } from "./targets";
import { describeRawData } from "./service/rawData";
import { Baseline } from "./baseline";
import { ConfigurationError, ServiceDataError, ServiceUnavailableError, StaleDataError } from "./errors";
import { ResolveOptions, ResolveResult, resolveIntuneEndpoints } from "./resolve";
import { checkRemovalBrake, loadChanges, normalizeLoadOptions } from "./service/source";
import { ModelDiff, RuleDiff, diffModels, diffRules, rulesTouchedBy } from "./diff";
import { ChangeRecord } from "./model/parse";
import { EgressModel, Endpoint } from "./model/types";

/** The targets (and their rules) one endpoint change touches. */
export interface TouchedTarget {
  readonly target: Target;
  readonly rules: readonly string[];
}

export interface EndpointDrift {
  readonly address: string;
  readonly type: Endpoint["type"];
  readonly feature: string;
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  /** For a changed endpoint: what changed, e.g. "tcpPorts 443 -> 80,443". */
  readonly changes?: readonly string[];
  readonly targets: readonly TouchedTarget[];
}

export interface UpcomingChange {
  readonly version: string;
  readonly endpointSetId: number;
  readonly disposition: string;
  readonly impact?: string;
  /** YYYY-MM-DD, when the service gives it. */
  readonly effectiveDate?: string;
  /** The effective date is after `now`. */
  readonly upcoming: boolean;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** One target's rules, baseline against live: the sha256 of what would be deployed. */
export interface TargetRulesDrift {
  readonly target: Target;
  readonly before: string;
  readonly after: string;
  readonly changed: boolean;
}

export interface DriftReport {
  /**
   * - `in-sync`: the live model equals the baseline;
   * - `model-only`: the model changed (origins, features, categories, required flags...) but no target's rules did;
   * - `drift`: some target's compiled rules would change.
   */
  readonly status: "in-sync" | "model-only" | "drift";
  /** Each compiled target's rules hash, before and after. */
  readonly rules: readonly TargetRulesDrift[];
  /** The data the live side was read from, when it is not the live service: its source, date and age. */
  readonly data?: { readonly source: string; readonly recordedAt: string; readonly ageDays: number };
  readonly baseline: {
    readonly version: string | null;
    readonly hash: string;
    readonly endpointCount: number;
    readonly foundIn: string;
  };
  readonly live: {
    readonly version: string | null;
    readonly hash: string;
    readonly source: string;
    readonly endpointCount: number;
  };
  readonly added: readonly EndpointDrift[];
  readonly removed: readonly EndpointDrift[];
  readonly changed: readonly EndpointDrift[];
  /** Feature -> addresses added, removed, changed. */
  readonly byFeature: Readonly<Record<string, { added: string[]; removed: string[]; changed: string[] }>>;
  readonly changesSinceBaseline: {
    readonly available: boolean;
    readonly note?: string;
    readonly records: readonly UpcomingChange[];
  };
  readonly warnings: readonly string[];
}

export interface DriftInputs {
  readonly baseline: EgressModel;
  readonly baselineFoundIn: string;
  readonly live: EgressModel;
  readonly compiledBaseline: CompiledTargets;
  readonly compiledLive: CompiledTargets;
  readonly ruleDiff: RuleDiff;
  /** `/changes` records since the baseline version, or why there are none. */
  readonly changes: { readonly records: readonly ChangeRecord[] } | { readonly unavailable: string };
  /** Service set ids the report cares about (the sets behind the live model, and the requested areas' sets). */
  readonly relevantSetIds: ReadonlySet<number>;
  readonly warnings: readonly string[];
  readonly now: Date;
  /** When the live side was read from the cache or the snapshot on purpose: when that data was recorded. */
  readonly recordedAt?: string;
}

function touched(endpoint: Endpoint, rules: RuleDiff): TouchedTarget[] {
  const byTarget = new Map<Target, string[]>();
  for (const { target, key } of rulesTouchedBy(endpoint, rules))
    byTarget.set(target, [...(byTarget.get(target) ?? []), key]);
  return [...byTarget.entries()]
    .map(([target, keys]) => ({ target, rules: keys.sort() }))
    .sort((a, b) => (a.target < b.target ? -1 : 1));
}

function describe(endpoint: Endpoint, rules: RuleDiff, changes?: string[]): EndpointDrift {
  return {
    address: endpoint.address,
    type: endpoint.type,
    feature: primaryFeature(endpoint),
    tcpPorts: endpoint.tcpPorts,
    udpPorts: endpoint.udpPorts,
    ...(changes ? { changes } : {}),
    targets: touched(endpoint, rules),
  };
}

function show(value: unknown): string {
  if (Array.isArray(value)) {
    return value.length === 0
      ? "none"
      : value.map((v) => (typeof v === "object" && v !== null ? Object.values(v).join(" ") : String(v))).join(",");
  }
  return value === undefined ? "none" : String(value);
}

function date(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Each target's rules hash before and after, in registry order. */
function rulesDrift(before: CompiledTargets, after: CompiledTargets): TargetRulesDrift[] {
  const old = rulesHashes(before);
  const next = rulesHashes(after);
  return (Object.keys(next) as Target[]).map((target) => ({
    target,
    before: old[target] ?? "",
    after: next[target] ?? "",
    changed: old[target] !== next[target],
  }));
}

/**
 * Builds the report. `status` is `drift` exactly when some target's compiled rules differ, `model-only` when only the
 * model does.
 */
export function buildDriftReport(inputs: DriftInputs): DriftReport {
  const diff: ModelDiff = diffModels(inputs.baseline, inputs.live);
  const added = diff.added.map((e) => describe(e, inputs.ruleDiff));
  const removed = diff.removed.map((e) => describe(e, inputs.ruleDiff));
  const changed = diff.changed.map((c) =>
    describe(
      c.after,
      inputs.ruleDiff,
      c.fields.map(
        (f) =>
          `${f} ${show((c.before as unknown as Record<string, unknown>)[f])} -> ${show((c.after as unknown as Record<string, unknown>)[f])}`,
      ),
    ),
  );
  const byFeature: Record<string, { added: string[]; removed: string[]; changed: string[] }> = {};
  const file = (kind: "added" | "removed" | "changed", list: readonly EndpointDrift[]) => {
    for (const e of list) (byFeature[e.feature] ??= { added: [], removed: [], changed: [] })[kind].push(e.address);
  };
  file("added", added);
  file("removed", removed);
  file("changed", changed);
  const today = inputs.now.toISOString().slice(0, 10);
  const changesSinceBaseline =
    "unavailable" in inputs.changes
      ? { available: false, note: inputs.changes.unavailable, records: [] }
      : {
          available: true,
          records: inputs.changes.records
            .filter((r) => inputs.relevantSetIds.has(r.endpointSetId) || r.serviceArea === "MEM")
            .map((r): UpcomingChange => {
              const effective = r.effectiveDate ? date(r.effectiveDate) : undefined;
              return {
                version: r.version,
                endpointSetId: r.endpointSetId,
                disposition: r.disposition,
                ...(r.impact ? { impact: r.impact } : {}),
                ...(effective ? { effectiveDate: effective } : {}),
                upcoming: effective !== undefined && effective > today,
                added: r.added.map((a) => a.value),
                removed: r.removed.map((a) => a.value),
              };
            })
            .sort((a, b) => a.version.localeCompare(b.version) || a.endpointSetId - b.endpointSetId),
        };
  const rules = rulesDrift(inputs.compiledBaseline, inputs.compiledLive);
  const ageDays = (recordedAt: string) =>
    Math.max(0, Math.floor((inputs.now.getTime() - new Date(recordedAt).getTime()) / 86_400_000));
  return {
    status: rules.some((r) => r.changed)
      ? "drift"
      : inputs.baseline.hash === inputs.live.hash
        ? "in-sync"
        : "model-only",
    rules,
    ...(inputs.recordedAt
      ? { data: { source: inputs.live.source, recordedAt: inputs.recordedAt, ageDays: ageDays(inputs.recordedAt) } }
      : {}),
    baseline: {
      version: inputs.baseline.version,
      hash: inputs.baseline.hash,
      endpointCount: inputs.baseline.endpoints.length,
      foundIn: inputs.baselineFoundIn,
    },
    live: {
      version: inputs.live.version,
      hash: inputs.live.hash,
      source: inputs.live.source,
      endpointCount: inputs.live.endpoints.length,
    },
    added,
    removed,
    changed,
    byFeature,
    changesSinceBaseline,
    warnings: inputs.warnings,
  };
}

export interface RunDriftOptions {
  /** The baseline, as `readBaseline` returned it. */
  readonly baseline: Baseline;
  /** Where the baseline came from, for messages: a file name. */
  readonly baselineLabel: string;
  /** Model options given explicitly; the baseline's recorded filters fill in the rest. */
  readonly resolveOptions: ResolveOptions;
  /** The targets to compile both models for. */
  readonly compileOptions: CompileOptions;
  /** The time upcoming changes are judged against. @default now */
  readonly now?: Date;
}

type Changes = DriftInputs["changes"];

/** The /changes records since the baseline's version, or why they can't be had. */
async function changesSince(baseline: EgressModel, live: EgressModel, options: ResolveOptions): Promise<Changes> {
  if (baseline.version === null)
    return {
      unavailable:
        "the baseline's service version was not recorded, so the changes published since it can't be asked for",
    };
  if (live.source !== "live") return { unavailable: "the endpoints service could not be reached" };
  try {
    return { records: await loadChanges(options, baseline.version) };
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError) && !(error instanceof ServiceDataError)) throw error;
    return { unavailable: `the changes could not be read: ${error.message}` };
  }
}

/** The endpoint sets whose /changes records concern this comparison: the MEM sets and every set either model uses. */
function relevantSetIds(result: ResolveResult, baseline: EgressModel): Set<number> {
  return new Set([
    ...result.serviceData.sets.filter((s) => s.serviceArea === "MEM").map((s) => s.id),
    ...[...baseline.endpoints, ...result.model.endpoints].flatMap((e) =>
      e.origins.flatMap((o) => (o.kind === "service" ? [o.setId] : [])),
    ),
  ]);
}

/**
 * Compares the live model with a baseline: resolves the live model with the baseline's filters (explicit options
 * win), refuses to compare across instances, applies the removal brake against the baseline, compiles both for the
 * chosen targets, and reads the changes published since the baseline's version.
 */
export async function runDrift(options: RunDriftOptions): Promise<DriftReport> {
  const { baseline } = options;
  const resolveOptions: ResolveOptions = { ...baseline.filters, ...options.resolveOptions };
  const { instance, source: requested, maxRemovalRatio } = normalizeLoadOptions(resolveOptions);
  if (instance !== baseline.model.instance)
    throw new ConfigurationError(
      `The baseline is for ${baseline.model.instance}, the live model for ${instance}; compare the same instance.`,
    );
  const result = await resolveIntuneEndpoints(resolveOptions);
  const live = result.model;
  if (live.source !== "live" && requested !== "cache" && requested !== "snapshot") {
    throw new StaleDataError(
      `drift could not read the live endpoints service, so it would have compared ${live.source === "cache" ? "the cached data" : "the embedded snapshot"} (${describeRawData(result.serviceData.raw)}) with the baseline, and a pass on that data proves nothing.${result.warnings[0] ? ` ${result.warnings[0].replace(/\.?$/, ".")}` : ""} Fix the connection, or pass --source ${live.source} to compare that data on purpose.`,
    );
  }
  checkRemovalBrake(
    new Set(baseline.model.endpoints.map((e) => e.address)),
    new Set(live.endpoints.map((e) => e.address)),
    maxRemovalRatio,
    `the baseline (${options.baselineLabel}, version ${baseline.model.version ?? "not recorded"})`,
  );
  const compiledBaseline = compileTargets(baseline.model, options.compileOptions);
  const compiledLive = compileTargets(live, options.compileOptions);
  return buildDriftReport({
    baseline: baseline.model,
    baselineFoundIn: baseline.foundIn,
    live,
    compiledBaseline,
    compiledLive,
    ruleDiff: diffRules(compiledBaseline, compiledLive),
    changes: await changesSince(baseline.model, live, resolveOptions),
    relevantSetIds: relevantSetIds(result, baseline.model),
    warnings: result.warnings,
    now: options.now ?? new Date(),
    ...(live.source !== "live" ? { recordedAt: result.serviceData.raw.recordedAt } : {}),
  });
}
