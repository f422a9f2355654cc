import * as pulumi from "@pulumi/pulumi";
import * as networkfirewall from "@pulumi/aws/networkfirewall";
import { IntuneEgress } from "intune-egress";

const config = new pulumi.Config();
const devices = config.getObject<string[]>("sourceAddresses") ?? ["10.20.0.0/16"];

const egress = new IntuneEgress("intune", {
  sourceAddresses: devices,
  awsNetworkFirewall: { ruleOrder: "STRICT_ORDER", capacityHeadroom: 1 },
});

// The policy references the rule groups in order. With strict order, the default actions drop what no rule passed
// once the application layer is known, and log it.
const policy = new networkfirewall.FirewallPolicy("egress", {
  firewallPolicy: {
    statelessDefaultActions: ["aws:forward_to_sfe"],
    statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
    statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
    statefulDefaultActions: ["aws:drop_established_app_layer", "aws:alert_established_app_layer"],
    statefulRuleGroupReferences: egress.awsRuleGroupArns.apply((arns) =>
      arns.map((resourceArn, i) => ({ resourceArn, priority: 100 + i })),
    ),
  },
});

export const firewallPolicyArn = policy.arn;
export const ruleGroupArns = egress.awsRuleGroupArns;
export const intuneModel = egress.modelJson;
