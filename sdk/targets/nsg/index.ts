/** The Azure NSG target: options, capability table, compiler and description, behind one spec. */
import { TargetSpec } from "../spec";
import { evaluateNsg } from "./evaluate";
import { NSG_CAPABILITIES } from "./capabilities";
import { compileNsg, normalizeNsgOptions } from "./compile";
import { describeNsg, listNsgRules } from "./describe";
import { NSG_OPTIONS, NsgSettings } from "./options";
import { NsgCompiled } from "./types";

export * from "./capabilities";
export * from "./compile";
export * from "./evaluate";
export * from "./options";
export * from "./priorities";
export * from "./types";

export const nsgTarget: TargetSpec<"nsg", "nsg", NsgSettings, NsgCompiled> = {
  id: "nsg",
  key: "nsg",
  label: "NSG",
  options: NSG_OPTIONS,
  normalize: normalizeNsgOptions,
  compile: compileNsg,
  deployed: (compiled) => compiled.securityRules,
  listRules: listNsgRules,
  evaluate: (compiled, _settings, context) => evaluateNsg(compiled, context),
  describe: describeNsg,
  capabilities: [{ variant: "NSG", table: NSG_CAPABILITIES }],
};
