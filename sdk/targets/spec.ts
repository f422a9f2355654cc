/**
 * What a target is, in one interface. Each target folder exports one `TargetSpec`; `registry.ts` lists them, and
 * everything that names targets (compile, warnings, diff, drift labels, the CLI, the components' outputs) iterates
 * that list.
 */
import { EgressModel } from "../model/types";
import { OptionSpelling } from "../service/source";
import { Evaluator } from "../verify/decision";
import { CapabilityTable } from "./capabilities";
import { Coverage } from "./coverage";
import { GivenOptions, OptionDescriptors } from "./options";
import { Sources } from "./sources";

/** What every compiled target carries besides its rule data. */
export interface CompiledTarget {
  readonly coverage: Coverage;
  readonly warnings: readonly string[];
}

/** One rule of a target, keyed by something stable (its name, or a Suricata rule's msg), with its full text. */
export interface ListedRule {
  readonly key: string;
  readonly text: string;
}

/** A target's compile options: its own options plus the shared source addresses. */
export type TargetCompileOptions<N> = GivenOptions<N> & {
  readonly sourceAddresses: readonly string[];
  /** Accept 0.0.0.0/0, ::/0 or * as a source. @default false */
  readonly allowAnySource?: boolean;
};

/** What an evaluator needs beyond the compiled rules. */
export interface EvaluationContext {
  readonly model: EgressModel;
  readonly sources: Sources;
}

export interface TargetSpec<Id extends string, Key extends string, N, C extends CompiledTarget> {
  /** The id in reports and on the CLI (`--target`), e.g. "azure-firewall". */
  readonly id: Id;
  /** The key of its options and outputs, e.g. "azureFirewall". */
  readonly key: Key;
  /** Its name for people, e.g. "Azure Firewall". */
  readonly label: string;
  /** Every option, with its default, range, documentation and CLI flag. */
  readonly options: OptionDescriptors<N>;
  /** Applies the defaults and checks the ranges, once; errors spell options with `spell`. */
  normalize(given: GivenOptions<N> | undefined, spell?: OptionSpelling): N;
  /** The model as this target's rule data. Pure and deterministic. */
  compile(model: EgressModel, options: TargetCompileOptions<N>): C;
  /** The rule data the components deploy (what `rulesHash` digests): a change here is a change to the firewall. */
  deployed(compiled: C): unknown;
  /** Every rule, keyed stably, for diffs. */
  listRules(compiled: C): ListedRule[];
  /** The compiled rules as an evaluator: the platform's documented matching semantics, flow by flow. */
  evaluate(compiled: C, settings: N, context: EvaluationContext): Evaluator;
  /** The rules in a readable form, for `plan`. */
  describe(compiled: C): string;
  /** What the target enforces, widens or cannot express, per address form; one table per output format. */
  readonly capabilities: ReadonlyArray<{ readonly variant: string; readonly table: CapabilityTable }>;
}
