/** The AWS Network Firewall target: options, capability tables, compiler and description, behind one spec. */
import { TargetSpec } from "../spec";
import { evaluateAwsNetworkFirewall } from "./evaluate";
import { AWS_DOMAIN_LIST_CAPABILITIES, AWS_SURICATA_CAPABILITIES } from "./capabilities";
import { compileAwsNetworkFirewall, normalizeAwsNetworkFirewallOptions } from "./compile";
import { describeAwsNetworkFirewall, listAwsNetworkFirewallRules } from "./describe";
import { AWS_NETWORK_FIREWALL_OPTIONS, AwsNetworkFirewallSettings } from "./options";
import { AwsNetworkFirewallCompiled } from "./types";

export * from "./capabilities";
export * from "./compile";
export * from "./evaluate";
export * from "./options";
export { capacityFor, domainListCapacity } from "./pack";
export * from "./types";

export const awsNetworkFirewallTarget: TargetSpec<
  "aws-network-firewall",
  "awsNetworkFirewall",
  AwsNetworkFirewallSettings,
  AwsNetworkFirewallCompiled
> = {
  id: "aws-network-firewall",
  key: "awsNetworkFirewall",
  label: "AWS Network Firewall",
  options: AWS_NETWORK_FIREWALL_OPTIONS,
  normalize: normalizeAwsNetworkFirewallOptions,
  compile: compileAwsNetworkFirewall,
  deployed: (compiled) => compiled.ruleGroups,
  listRules: listAwsNetworkFirewallRules,
  evaluate: (compiled, settings) => evaluateAwsNetworkFirewall(compiled, settings),
  describe: describeAwsNetworkFirewall,
  capabilities: [
    { variant: "AWS, `suricata`", table: AWS_SURICATA_CAPABILITIES },
    { variant: "AWS, `domainList`", table: AWS_DOMAIN_LIST_CAPABILITIES },
  ],
};
