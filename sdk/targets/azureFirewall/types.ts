/** The rule data the Azure Firewall compiler emits: inputs for azure-native `network.FirewallPolicyRuleCollectionGroup`. */
import { CompiledTarget } from "../spec";
import { AzureFirewallSettings } from "./options";

/** Azure Firewall options as a caller gives them. */
export interface AzureFirewallOptions extends Partial<AzureFirewallSettings> {
  /** CIDRs of the managed devices. Required. */
  readonly sourceAddresses: readonly string[];
  /** Accept 0.0.0.0/0, ::/0 or * as a source: the rules then restrict nothing by source. @default false */
  readonly allowAnySource?: boolean;
}

export interface AzureApplicationRule {
  readonly ruleType: "ApplicationRule";
  readonly name: string;
  readonly description: string;
  readonly sourceAddresses: readonly string[];
  readonly protocols: ReadonlyArray<{ readonly protocolType: "Http" | "Https"; readonly port: number }>;
  readonly targetFqdns: readonly string[];
}

export interface AzureNetworkRule {
  readonly ruleType: "NetworkRule";
  readonly name: string;
  readonly description: string;
  readonly ipProtocols: ReadonlyArray<"TCP" | "UDP">;
  readonly sourceAddresses: readonly string[];
  readonly destinationAddresses?: readonly string[];
  readonly destinationFqdns?: readonly string[];
  readonly destinationPorts: readonly string[];
}

export type AzureRule = AzureApplicationRule | AzureNetworkRule;

export interface AzureRuleCollection {
  readonly ruleCollectionType: "FirewallPolicyFilterRuleCollection";
  readonly name: string;
  readonly priority: number;
  readonly action: { readonly type: "Allow" };
  readonly rules: readonly AzureRule[];
}

/** Inputs for one `network.FirewallPolicyRuleCollectionGroup` (besides the policy's name and resource group). */
export interface AzureRuleCollectionGroup {
  readonly name: string;
  readonly priority: number;
  readonly ruleCollections: readonly AzureRuleCollection[];
}

export interface AzureFirewallCompiled extends CompiledTarget {
  readonly ruleCollectionGroups: readonly AzureRuleCollectionGroup[];
  readonly stats: {
    readonly applicationRules: number;
    readonly networkRules: number;
    readonly targetFqdns: number;
    readonly destinationAddresses: number;
    readonly networkPairs: number;
    readonly groupBytes: readonly number[];
  };
}
