/** What an evaluator says about one flow. */
import { Flow } from "./flows";

export interface Decision {
  readonly allowed: boolean;
  /** The rule that decided, or the platform's default behaviour (`AllowInternetOutBound (65001)`, ...). */
  readonly by: string;
  /** Decided by a rule this package generated, not by a platform default. */
  readonly ours: boolean;
  /** Why, when `by` alone does not say it. */
  readonly reason?: string;
}

/** A target's rules as a function from a flow to its fate, built once from the compiled rules. */
export type Evaluator = (flow: Flow) => Decision;
