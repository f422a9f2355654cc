/**
 * The repository as a Pulumi program: deploys the Intune egress rules to whichever targets the stack's configuration
 * names. For example:
 *
 *   pulumi config set --path 'sourceAddresses[0]' 10.20.0.0/16
 *   pulumi config set --path 'nsg.resourceGroupName' rg-network
 *   pulumi config set --path 'nsg.networkSecurityGroupName' nsg-devices
 *
 * Targets: azureFirewall, nsg, awsNetworkFirewall (objects with the component's target arguments). Model options:
 * regions, features, addFeatures, excludeFeatures, instance, serviceUrl, onUnavailable, ipv6, maxRemovalRatio,
 * deliveryOptimizationPeers, includeMicrosoft365Common, allowAnySource.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  AwsNetworkFirewallTargetArgs,
  AzureFirewallTargetArgs,
  Instance,
  IntuneEgress,
  NsgTargetArgs,
  OnUnavailable,
  Region,
} from "../components";

const config = new pulumi.Config();
const azureFirewall = config.getObject<AzureFirewallTargetArgs>("azureFirewall");
const nsg = config.getObject<NsgTargetArgs>("nsg");
const awsNetworkFirewall = config.getObject<AwsNetworkFirewallTargetArgs>("awsNetworkFirewall");
if (!azureFirewall && !nsg && !awsNetworkFirewall) {
  throw new Error(
    "This stack names no target. Set at least one of the config objects azureFirewall, nsg or awsNetworkFirewall, e.g. pulumi config set --path 'nsg.resourceGroupName' rg-network && pulumi config set --path 'nsg.networkSecurityGroupName' nsg-devices",
  );
}

const egress = new IntuneEgress(pulumi.getStack(), {
  sourceAddresses: config.requireObject<string[]>("sourceAddresses"),
  regions: config.getObject<Region[]>("regions"),
  features: config.getObject<string[]>("features"),
  addFeatures: config.getObject<string[]>("addFeatures"),
  excludeFeatures: config.getObject<string[]>("excludeFeatures"),
  instance: config.get("instance") as Instance | undefined,
  serviceUrl: config.get("serviceUrl"),
  onUnavailable: config.get("onUnavailable") as OnUnavailable | undefined,
  ipv6: config.getBoolean("ipv6"),
  maxRemovalRatio: config.getNumber("maxRemovalRatio"),
  deliveryOptimizationPeers: config.getObject<string[]>("deliveryOptimizationPeers"),
  includeMicrosoft365Common: config.getBoolean("includeMicrosoft365Common"),
  allowAnySource: config.getBoolean("allowAnySource"),
  azureFirewall,
  nsg,
  awsNetworkFirewall,
});

export const endpointsVersion = egress.endpointsVersion;
export const modelHash = egress.modelHash;
export const source = egress.source;
export const endpointCount = egress.endpointCount;
export const warnings = egress.warnings;
export const coverage = egress.coverage;
export const verification = egress.verification;
export const rulesHash = egress.rulesHash;
/** The drift baseline: `pulumi stack output --json > baseline.json && intune-egress drift --baseline baseline.json`. */
export const intuneModel = egress.modelJson;
export const azureFirewallRuleCollectionGroupIds = egress.azureFirewallRuleCollectionGroupIds;
export const nsgSecurityRuleIds = egress.nsgSecurityRuleIds;
export const awsRuleGroupArns = egress.awsRuleGroupArns;
