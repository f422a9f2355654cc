/**
 * Model against model, and compiled rules against compiled rules: what drift reports and the churn benchmark read.
 */
import { cidrContains } from "./targets";
import { CompiledTargets, Target, listTargetRules } from "./targets";
import { canonicalJson } from "./model/canonical";
import { EgressModel, Endpoint } from "./model/types";

/** One endpoint whose entry differs between two models. */
export interface ChangedEndpoint {
  readonly address: string;
  readonly before: Endpoint;
  readonly after: Endpoint;
  /** The fields that differ, e.g. ["tcpPorts", "origins"]. */
  readonly fields: readonly string[];
}

export interface ModelDiff {
  readonly added: readonly Endpoint[];
  readonly removed: readonly Endpoint[];
  readonly changed: readonly ChangedEndpoint[];
}

/** Added, removed and changed endpoints from `before` to `after`, each in the model's canonical order. */
export function diffModels(before: Pick<EgressModel, "endpoints">, after: Pick<EgressModel, "endpoints">): ModelDiff {
  const old = new Map(before.endpoints.map((e) => [e.address, e]));
  const next = new Map(after.endpoints.map((e) => [e.address, e]));
  const changed: ChangedEndpoint[] = [];
  for (const e of after.endpoints) {
    const previous = old.get(e.address);
    if (!previous) continue;
    const keys = [...new Set([...Object.keys(previous), ...Object.keys(e)])].sort();
    const fields = keys.filter(
      (k) =>
        canonicalJson((previous as unknown as Record<string, unknown>)[k]) !==
        canonicalJson((e as unknown as Record<string, unknown>)[k]),
    );
    if (fields.length > 0) changed.push({ address: e.address, before: previous, after: e, fields });
  }
  return {
    added: after.endpoints.filter((e) => !old.has(e.address)),
    removed: before.endpoints.filter((e) => !next.has(e.address)),
    changed,
  };
}

export function isEmptyDiff(diff: ModelDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length === 0;
}

/** One rule of one target, keyed by something stable: the rule's name, or for Suricata its msg. */
export interface RuleRef {
  readonly target: Target;
  readonly key: string;
  readonly text: string;
}

/** Every rule of every compiled target, from each target's own `listRules`. */
export function listRules(compiled: CompiledTargets): RuleRef[] {
  return listTargetRules(compiled);
}

export interface RuleDiff {
  readonly added: readonly RuleRef[];
  readonly removed: readonly RuleRef[];
  /** Same key, different content (`before` and `after`). */
  readonly changed: ReadonlyArray<{ readonly before: RuleRef; readonly after: RuleRef }>;
  readonly unchanged: number;
}

/** Which rules differ between two compilations. */
export function diffRules(before: CompiledTargets, after: CompiledTargets): RuleDiff {
  const id = (r: RuleRef) => `${r.target} ${r.key}`;
  const old = new Map(listRules(before).map((r) => [id(r), r]));
  const next = new Map(listRules(after).map((r) => [id(r), r]));
  const changed: Array<{ before: RuleRef; after: RuleRef }> = [];
  let unchanged = 0;
  for (const [key, rule] of next) {
    const previous = old.get(key);
    if (!previous) continue;
    if (previous.text === rule.text) unchanged++;
    else changed.push({ before: previous, after: rule });
  }
  return {
    added: [...next.entries()].filter(([k]) => !old.has(k)).map(([, r]) => r),
    removed: [...old.entries()].filter(([k]) => !next.has(k)).map(([, r]) => r),
    changed,
    unchanged,
  };
}

/** Whether a rule's text names the endpoint: its address, or an IP prefix that contains it. */
export function ruleMentions(rule: RuleRef, endpoint: Pick<Endpoint, "address" | "type">): boolean {
  if (endpoint.type === "cidr4" || endpoint.type === "cidr6") {
    const prefixes = rule.text.match(/[0-9a-f:.]+\/\d{1,3}/g) ?? [];
    return prefixes.some(
      (p) => p.includes(":") === endpoint.address.includes(":") && cidrContains(p, endpoint.address),
    );
  }
  const domainListForm = endpoint.address.startsWith("*.") ? endpoint.address.slice(1) : endpoint.address;
  return (
    rule.text.includes(`"${endpoint.address}"`) ||
    rule.text.includes(` ${endpoint.address} `) ||
    rule.text === endpoint.address ||
    rule.text === domainListForm
  );
}

/** The targets whose rules an endpoint change touches, with the rule keys. */
export function rulesTouchedBy(
  endpoint: Pick<Endpoint, "address" | "type">,
  rules: RuleDiff,
): Array<{ target: Target; key: string }> {
  const touched = [...rules.added, ...rules.removed, ...rules.changed.flatMap((c) => [c.before, c.after])].filter((r) =>
    ruleMentions(r, endpoint),
  );
  const seen = new Map(touched.map((r) => [`${r.target} ${r.key}`, { target: r.target, key: r.key }]));
  return [...seen.values()];
}
