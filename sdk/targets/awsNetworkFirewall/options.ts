/** AWS Network Firewall options and limits, each default and range written once. */
import { OptionDescriptors } from "../options";
import { WILDCARD_POLICIES, WildcardPolicy } from "../azureFirewall/options";

/** Capacity of one stateful rule group (AWS quota; a newer page says 50,000: the stricter value is used). */
export const AWS_MAX_CAPACITY = 30_000;
/** Size of a rule group's `rulesString`. */
export const AWS_MAX_RULES_STRING_BYTES = 2_000_000;
/** Length of one Suricata rule. */
export const AWS_MAX_RULE_CHARS = 8_192;
/** Stateful rule groups per firewall policy. */
export const AWS_MAX_GROUPS_PER_POLICY = 20;
/** The sids this package uses: [SID_BASE, SID_BASE + SID_SPAN). */
export const SID_BASE = 1_000_000;
export const SID_SPAN = 1_999_000_000;

export type AwsRuleFormat = "suricata" | "domainList";
/**
 * The firewall policy's stateful default action (strict order only), as AWS documents them; `none` when the policy
 * sets none. The rule groups don't set it: the policy does. It decides what happens to traffic no rule passes.
 */
export type AwsPolicyDefaultAction =
  "aws:drop_established" | "aws:drop_strict" | "aws:alert_established" | "aws:alert_strict" | "none";
export const AWS_POLICY_DEFAULT_ACTIONS: readonly AwsPolicyDefaultAction[] = [
  "aws:drop_established",
  "aws:drop_strict",
  "aws:alert_established",
  "aws:alert_strict",
  "none",
];
export type AwsRuleOrder = "STRICT_ORDER" | "DEFAULT_ACTION_ORDER";

/** AWS Network Firewall options with every default applied. */
export interface AwsNetworkFirewallSettings {
  /** @default "suricata" */
  readonly format: AwsRuleFormat;
  /** Fixed at creation: changing it replaces the group. @default "STRICT_ORDER" */
  readonly ruleOrder: AwsRuleOrder;
  /** Spare capacity as a share of the consumed capacity, before rounding up to `capacityStep`. @default 1 (double) */
  readonly capacityHeadroom: number;
  /** Capacity is a multiple of this. @default 1000 */
  readonly capacityStep: number;
  /** End with drop rules for TLS and HTTP that matched no pass rule. @default false (use the policy's default action) */
  readonly dropUnmatched: boolean;
  /** domainList only: names a domain list can't express (prefix and mid-label wildcards). @default "skip" */
  readonly wildcardPolicy: WildcardPolicy;
  /**
   * The stateful default action of the firewall policy that uses these groups (STRICT_ORDER only). It does not change
   * the rules; coverage and `verify` evaluate the rules with it. @default "aws:drop_established"
   */
  readonly policyDefaultAction: AwsPolicyDefaultAction;
  /** Prefix of the groups' logical names. @default "intune" */
  readonly namePrefix: string;
}

export const AWS_NETWORK_FIREWALL_OPTIONS: OptionDescriptors<AwsNetworkFirewallSettings> = {
  format: {
    kind: "choice",
    choices: ["suricata", "domainList"],
    default: "suricata",
    flag: "aws-format",
    doc: "suricata (exact) or domainList (wider)",
  },
  ruleOrder: {
    kind: "choice",
    choices: ["STRICT_ORDER", "DEFAULT_ACTION_ORDER"],
    default: "STRICT_ORDER",
    flag: "aws-rule-order",
    doc: "rule order of the groups (fixed at creation)",
  },
  capacityHeadroom: {
    kind: "number",
    min: 0,
    max: 10,
    default: 1,
    flag: "capacity-headroom",
    doc: "spare capacity as a share of the consumed capacity",
  },
  capacityStep: {
    kind: "integer",
    min: 1,
    max: AWS_MAX_CAPACITY,
    default: 1000,
    flag: "capacity-step",
    doc: "capacity is a multiple of this",
  },
  dropUnmatched: {
    kind: "boolean",
    default: false,
    flag: "drop-unmatched",
    doc: "end with drop rules for TLS and HTTP that matched no pass rule",
  },
  wildcardPolicy: {
    kind: "choice",
    choices: WILDCARD_POLICIES,
    default: "skip",
    flag: "wildcard-policy",
    doc: "domainList only: prefix and mid-label wildcards a domain list can't express",
  },
  policyDefaultAction: {
    kind: "choice",
    choices: AWS_POLICY_DEFAULT_ACTIONS,
    default: "aws:drop_established",
    flag: "aws-default-action",
    doc: "the firewall policy's stateful default action (strict order), for coverage and verify",
  },
  namePrefix: { kind: "name", default: "intune", flag: "name-prefix", doc: "prefix of rule and resource names" },
};
