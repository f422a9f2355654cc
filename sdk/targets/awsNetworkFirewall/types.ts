/** The rule data the AWS compiler emits: inputs for aws `networkfirewall.RuleGroup` (type STATEFUL). */
import { CompiledTarget } from "../spec";
import { AwsNetworkFirewallSettings, AwsRuleOrder } from "./options";

/** AWS Network Firewall options as a caller gives them. */
export interface AwsNetworkFirewallOptions extends Partial<AwsNetworkFirewallSettings> {
  /** CIDRs of the managed devices; they become the group's HOME_NET. Required. */
  readonly sourceAddresses: readonly string[];
  /** Accept 0.0.0.0/0, ::/0 or * as a source: the rules then restrict nothing by source. @default false */
  readonly allowAnySource?: boolean;
}

export interface AwsRuleGroupBody {
  readonly ruleVariables: {
    readonly ipSets: ReadonlyArray<{
      readonly key: string;
      readonly ipSet: { readonly definitions: readonly string[] };
    }>;
  };
  readonly rulesSource:
    | { readonly rulesString: string }
    | {
        readonly rulesSourceList: {
          readonly generatedRulesType: "ALLOWLIST";
          readonly targetTypes: readonly string[];
          readonly targets: readonly string[];
        };
      };
  readonly statefulRuleOptions: { readonly ruleOrder: AwsRuleOrder };
}

/** Inputs for one `networkfirewall.RuleGroup`, plus what it consumes. */
export interface AwsRuleGroup {
  /** Logical name (the Pulumi resource name); the AWS name is generated so a replacement can be created first. */
  readonly name: string;
  readonly description: string;
  readonly type: "STATEFUL";
  readonly capacity: number;
  readonly consumedCapacity: number;
  readonly ruleGroup: AwsRuleGroupBody;
}

export interface AwsNetworkFirewallCompiled extends CompiledTarget {
  readonly ruleGroups: readonly AwsRuleGroup[];
  readonly stats: {
    readonly rules: number;
    readonly consumedCapacity: number;
    readonly capacity: number;
    readonly rulesStringBytes: number;
  };
}
