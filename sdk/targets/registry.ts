/**
 * The registry: every target the package compiles for, in one list. Everything that names targets iterates it.
 * Adding a target means adding its folder (options, capabilities, compile, describe, a `TargetSpec` in index.ts) and
 * one line here.
 */
import { createHash } from "crypto";
import { canonicalJson } from "../model/canonical";
import { EgressModel } from "../model/types";
import { awsNetworkFirewallTarget } from "./awsNetworkFirewall";
import { azureFirewallTarget } from "./azureFirewall";
import { nsgTarget } from "./nsg";
import { CompiledTarget, ListedRule, TargetSpec } from "./spec";

export const TARGET_SPECS = [azureFirewallTarget, nsgTarget, awsNetworkFirewallTarget] as const;

type AnySpec = (typeof TARGET_SPECS)[number];
/** A target's id: "azure-firewall", "nsg", "aws-network-firewall". */
export type Target = AnySpec["id"];
/** A target's key in options and outputs: "azureFirewall", "nsg", "awsNetworkFirewall". */
export type TargetKey = AnySpec["key"];
type SpecOf<K extends TargetKey> = Extract<AnySpec, { key: K }>;
type SettingsOf<S> = S extends TargetSpec<string, string, infer N, CompiledTarget> ? N : never;
type CompiledOf<S> = S extends TargetSpec<string, string, unknown, infer C> ? C : never;

/** The targets' ids, in registry order. */
export const TARGETS: readonly Target[] = TARGET_SPECS.map((t) => t.id);

/** Options per target; a target is compiled when its options are given. Source addresses are shared. */
export type CompileOptions = {
  readonly sourceAddresses: readonly string[];
  /** Accept 0.0.0.0/0, ::/0 or * as a source. @default false */
  readonly allowAnySource?: boolean;
} & {
  readonly [K in TargetKey]?: Partial<SettingsOf<SpecOf<K>>>;
};

/** The compiled targets, by key. */
export type CompiledTargets = { readonly [K in TargetKey]?: CompiledOf<SpecOf<K>> };

/** A registry entry with its types erased, for code that treats every target alike. */
export type AnyTargetSpec = TargetSpec<Target, TargetKey, unknown, CompiledTarget>;

/** Every target spec, with its types erased. */
export function targetSpecs(): readonly AnyTargetSpec[] {
  return TARGET_SPECS as unknown as readonly AnyTargetSpec[];
}

/** The spec of a target id. */
export function targetSpec(id: Target): AnyTargetSpec {
  const spec = targetSpecs().find((t) => t.id === id);
  if (!spec) throw new Error(`unknown target ${id}`);
  return spec;
}

/** The compiled result of each target present, with its spec, in registry order. */
export function compiledEntries(
  compiled: CompiledTargets,
): Array<{ readonly spec: AnyTargetSpec; readonly result: CompiledTarget }> {
  return targetSpecs().flatMap((spec) => {
    const result = (compiled as Record<string, CompiledTarget | undefined>)[spec.key];
    return result ? [{ spec, result }] : [];
  });
}

/** Compiles the model for every target whose options are given. */
export function compileTargets(model: EgressModel, options: CompileOptions): CompiledTargets {
  const out: Record<string, CompiledTarget> = {};
  for (const spec of targetSpecs()) {
    const own = (options as unknown as Record<string, object | undefined>)[spec.key];
    if (own)
      out[spec.key] = spec.compile(model, {
        ...own,
        sourceAddresses: options.sourceAddresses,
        ...(options.allowAnySource ? { allowAnySource: true } : {}),
      });
  }
  return out as CompiledTargets;
}

/**
 * sha256 of a target's deployed rule data (canonical JSON): it changes exactly when what would be deployed to that
 * target changes, and not when only the model's metadata (origins, features, categories) does.
 */
export function rulesHash(spec: AnyTargetSpec, compiled: CompiledTarget): string {
  return createHash("sha256")
    .update(canonicalJson(spec.deployed(compiled)))
    .digest("hex");
}

/** The rules hash of every compiled target, by target id. */
export function rulesHashes(compiled: CompiledTargets): Partial<Record<Target, string>> {
  return Object.fromEntries(compiledEntries(compiled).map(({ spec, result }) => [spec.id, rulesHash(spec, result)]));
}

/** Every compiler warning; each already names its target. */
export function targetWarnings(compiled: CompiledTargets): string[] {
  return compiledEntries(compiled).flatMap(({ result }) => [...result.warnings]);
}

/** Every rule of every compiled target, with the target's id. */
export function listTargetRules(compiled: CompiledTargets): Array<ListedRule & { readonly target: Target }> {
  return compiledEntries(compiled).flatMap(({ spec, result }) =>
    spec.listRules(result).map((r) => ({ target: spec.id, ...r })),
  );
}
