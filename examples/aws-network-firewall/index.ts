import * as pulumi from "@pulumi/pulumi";
import * as networkfirewall from "@pulumi/aws/networkfirewall";
import { IntuneEgress } from "intune-egress";

const config = new pulumi.Config();
const devices = config.getObject<string[]>("sourceAddresses") ?? ["10.20.0.0/16"];

// policyDefaultAction tells the component what the policy below does with unmatched traffic, so that its coverage and
// verification outputs evaluate the rules as they will run.
const defaultAction = "aws:drop_established";
const egress = new IntuneEgress("intune", {
  sourceAddresses: devices,
  awsNetworkFirewall: { ruleOrder: "STRICT_ORDER", capacityHeadroom: 1, policyDefaultAction: defaultAction },
});

// The policy references the rule groups in order. With strict order, the documented default actions drop the packets
// of established connections that no rule passed (the TCP handshake passes, so TLS SNI and HTTP Host rules see their
// traffic) and log them.
const policy = new networkfirewall.FirewallPolicy("egress", {
  firewallPolicy: {
    statelessDefaultActions: ["aws:forward_to_sfe"],
    statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
    statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
    statefulDefaultActions: [defaultAction, "aws:alert_established"],
    statefulRuleGroupReferences: egress.awsRuleGroupArns.apply((arns) =>
      arns.map((resourceArn, i) => ({ resourceArn, priority: 100 + i })),
    ),
  },
});

export const firewallPolicyArn = policy.arn;
export const ruleGroupArns = egress.awsRuleGroupArns;
export const intuneModel = egress.modelJson;
export const verification = egress.verification;
