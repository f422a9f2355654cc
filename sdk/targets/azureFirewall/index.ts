/** The Azure Firewall Policy target: options, capability table, compiler and description, behind one spec. */
import { TargetSpec } from "../spec";
import { evaluateAzureFirewall } from "./evaluate";
import { AZURE_FIREWALL_CAPABILITIES } from "./capabilities";
import { compileAzureFirewall, normalizeAzureFirewallOptions } from "./compile";
import { describeAzureFirewall, listAzureFirewallRules } from "./describe";
import { AZURE_FIREWALL_OPTIONS, AzureFirewallSettings } from "./options";
import { AzureFirewallCompiled } from "./types";

export * from "./capabilities";
export * from "./compile";
export * from "./evaluate";
export * from "./options";
export * from "./types";

export const azureFirewallTarget: TargetSpec<
  "azure-firewall",
  "azureFirewall",
  AzureFirewallSettings,
  AzureFirewallCompiled
> = {
  id: "azure-firewall",
  key: "azureFirewall",
  label: "Azure Firewall",
  options: AZURE_FIREWALL_OPTIONS,
  normalize: normalizeAzureFirewallOptions,
  compile: compileAzureFirewall,
  deployed: (compiled) => compiled.ruleCollectionGroups,
  listRules: listAzureFirewallRules,
  evaluate: (compiled, settings) => evaluateAzureFirewall(compiled, settings),
  describe: describeAzureFirewall,
  capabilities: [{ variant: "Azure Firewall", table: AZURE_FIREWALL_CAPABILITIES }],
};
