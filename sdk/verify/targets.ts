/**
 * Compile and prove: every registered target is compiled, its rules are evaluated on the verification set, and its
 * coverage is replaced by the evaluated one. `plan`, `verify` and the components all take this path.
 */
import { EgressModel } from "../model/types";
import { CompileOptions, CompiledTargets, Target, compileTargets, compiledEntries } from "../targets/registry";
import { CompiledTarget } from "../targets/spec";
import { parseSources } from "../targets/sources";
import { evaluatedCoverage } from "./coverage";
import { verificationSet } from "./flows";
import { TargetVerification, verificationWarnings, verifyWith } from "./verify";

export interface VerifiedTargets {
  /** The compiled targets, each with the evaluated coverage. */
  readonly compiled: CompiledTargets;
  readonly verification: Partial<Record<Target, TargetVerification>>;
  /** Compiler warnings, then the verification's warnings, each naming its target. */
  readonly warnings: readonly string[];
}

/** Compiles every target whose options are given and proves what its rules do. `userFlows` are `PROTO:PORT:HOST`. */
export function compileAndVerify(
  model: EgressModel,
  options: CompileOptions,
  userFlows: readonly string[] = [],
): VerifiedTargets {
  const compiled = compileTargets(model, options);
  const sources = parseSources(options.sourceAddresses, "sourceAddresses", options.allowAnySource);
  const set = verificationSet(model, sources, userFlows);
  const out: Record<string, CompiledTarget> = {};
  const verification: Partial<Record<Target, TargetVerification>> = {};
  const warnings: string[] = [];
  for (const { spec, result } of compiledEntries(compiled)) {
    const settings = spec.normalize((options as unknown as Record<string, object | undefined>)[spec.key]);
    const checked = verifyWith(spec.evaluate(result, settings, { model, sources }), set, result.coverage);
    verification[spec.id] = checked;
    out[spec.key] = { ...result, coverage: evaluatedCoverage(result.coverage, checked) };
    warnings.push(...result.warnings, ...verificationWarnings(spec.label, checked));
  }
  return { compiled: out as CompiledTargets, verification, warnings };
}

/** The exit code of a verification, for pipelines: 2 if a model endpoint is blocked, else 3 if traffic is let out. */
export function verificationExitCode(verification: Partial<Record<Target, TargetVerification>>): 0 | 2 | 3 {
  const all = Object.values(verification) as TargetVerification[];
  if (all.some((v) => v.summary.endpoints.blocked > 0)) return 2;
  if (all.some((v) => v.summary.probes.allowed > 0)) return 3;
  return 0;
}
