/** Proving what the rules do: the verification set, the per-target evaluators' results, evaluated coverage. */
export * from "./coverage";
export * from "./decision";
export * from "./flows";
export * from "./targets";
export * from "./verify";
