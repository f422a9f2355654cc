import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import * as network from "@pulumi/azure-native/network";
import { IntuneEgress } from "intune-egress";

const config = new pulumi.Config();
const devices = config.getObject<string[]>("sourceAddresses") ?? ["10.20.0.0/16"];

const group = new resources.ResourceGroup("intune-egress");
// The NSG's rules are managed as standalone SecurityRule resources: never also set `securityRules` here.
const nsg = new network.NetworkSecurityGroup("devices", { resourceGroupName: group.name });

const egress = new IntuneEgress("intune", {
  sourceAddresses: devices,
  nsg: {
    resourceGroupName: group.name,
    networkSecurityGroupName: nsg.name,
    priorityStart: 2000,
    priorityEnd: 2999,
    useServiceTags: true,
    denyInternetOutbound: true,
  },
});

export const securityRuleIds = egress.nsgSecurityRuleIds;
// An NSG matches IP prefixes only: with denyInternetOutbound, every endpoint known by name is blocked here (send
// names through Azure Firewall or a proxy). The verification says so, and that nothing else gets out.
export const blockedNames = egress.coverage.apply((c) => (c.nsg?.blocked ?? []).length);
export const verification = egress.verification;
