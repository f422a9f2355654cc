import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as network from "@pulumi/azure-native/network";
import { IntuneEgress } from "intune-egress";

const config = new pulumi.Config();
const devices = config.getObject<string[]>("sourceAddresses") ?? ["10.20.0.0/16"];

const group = new resources.ResourceGroup("intune-egress");
const policy = new network.FirewallPolicy("hub", {
  resourceGroupName: group.name,
  sku: { tier: "Standard" },
  // Network rules may name FQDNs (time.windows.com on UDP 123) only with the DNS proxy on.
  dnsSettings: { enableProxy: true },
});

const egress = new IntuneEgress("intune", {
  sourceAddresses: devices,
  regions: ["EU"],
  azureFirewall: {
    resourceGroupName: group.name,
    firewallPolicyName: policy.name,
    priority: 500,
    dnsProxyEnabled: true,
  },
});

export const endpointsVersion = egress.endpointsVersion;
export const ruleCollectionGroupIds = egress.azureFirewallRuleCollectionGroupIds;
// What the rules deny of Intune (none with the DNS proxy on), and what evaluating them found.
export const blocked = egress.coverage.apply((c) => c.azureFirewall?.blocked ?? []);
export const verification = egress.verification;
export const intuneModel = egress.modelJson;
