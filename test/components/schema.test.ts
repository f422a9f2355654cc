import * as path from "path";
import { Analyzer, AnalyzeResult, PropertyDefinition } from "@pulumi/pulumi/provider/experimental/analyzer";
import packageJson from "../../package.json";
import * as enums from "../../components/types";
import { INSTANCES, REGIONS } from "../../sdk/model/types";
import { ON_UNAVAILABLE } from "../../sdk/service/source";
import { AWS_NETWORK_FIREWALL_OPTIONS, WILDCARD_POLICIES } from "../../sdk/targets";

const ROOT = path.resolve(__dirname, "../..");
const COMPONENTS = ["IntuneEgress", "AzureFirewallIntuneRules", "NsgIntuneRules", "AwsNetworkFirewallIntuneRules"];

let schema: AnalyzeResult;

beforeAll(() => {
  schema = new Analyzer(ROOT, "intune-egress", packageJson, new Set(COMPONENTS)).analyze();
});

/** A compact, exact spelling of a property: its type, then "?" if optional and "plain" if not an input/output. */
function spell(p: PropertyDefinition): string {
  const type =
    "$ref" in p
      ? p.$ref.replace("#/types/intune-egress:index:", "")
      : p.type === "array" && p.items
        ? `${spell(p.items)}[]`
        : p.type;
  return `${type}${p.optional ? "?" : ""}${p.plain ? " plain" : ""}`;
}

function spellAll(props: Record<string, PropertyDefinition>): Record<string, string> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, spell(v)]));
}

const MODEL_INPUTS = {
  regions: "Region plain[]? plain",
  features: "string plain[]? plain",
  addFeatures: "string plain[]? plain",
  excludeFeatures: "string plain[]? plain",
  instance: "Instance? plain",
  serviceUrl: "string? plain",
  onUnavailable: "OnUnavailable? plain",
  ipv6: "boolean? plain",
  maxRemovalRatio: "number? plain",
  deliveryOptimizationPeers: "string plain[]? plain",
  includeMicrosoft365Common: "boolean? plain",
  sourceAddresses: "string[]",
  allowAnySource: "boolean? plain",
};

test("exactly the four components", () => {
  expect(Object.keys(schema.components).sort()).toEqual([...COMPONENTS].sort());
});

test("IntuneEgress: inputs and outputs", () => {
  const c = schema.components.IntuneEgress;
  expect(spellAll(c?.inputs ?? {})).toEqual({
    ...MODEL_INPUTS,
    azureFirewall: "AzureFirewallTargetArgs? plain",
    nsg: "NsgTargetArgs? plain",
    awsNetworkFirewall: "AwsNetworkFirewallTargetArgs? plain",
  });
  expect(spellAll(c?.outputs ?? {})).toEqual({
    endpointsVersion: "string?",
    modelHash: "string",
    source: "string",
    endpointCount: "number",
    modelJson: "string",
    warnings: "string[]",
    coverage: "IntuneEgressCoverage",
    verification: "IntuneEgressVerification",
    rulesHash: "IntuneEgressRulesHash",
    azureFirewallRuleCollectionGroupIds: "string[]",
    nsgSecurityRuleIds: "string[]",
    awsRuleGroupArns: "string[]",
  });
});

test("sub-components: the model inputs plus their target's, and their outputs", () => {
  expect(spellAll(schema.components.AzureFirewallIntuneRules?.inputs ?? {})).toEqual({
    ...MODEL_INPUTS,
    resourceGroupName: "string",
    firewallPolicyName: "string",
    priority: "number? plain",
    dnsProxyEnabled: "boolean? plain",
    wildcardPolicy: "WildcardPolicy? plain",
    ipv6Rules: "boolean? plain",
    maxGroupBytes: "number? plain",
  });
  expect(spellAll(schema.components.NsgIntuneRules?.inputs ?? {})).toEqual({
    ...MODEL_INPUTS,
    resourceGroupName: "string",
    networkSecurityGroupName: "string",
    priorityStart: "number? plain",
    priorityEnd: "number? plain",
    useServiceTags: "boolean? plain",
    denyInternetOutbound: "boolean? plain",
  });
  expect(spellAll(schema.components.AwsNetworkFirewallIntuneRules?.inputs ?? {})).toEqual({
    ...MODEL_INPUTS,
    capacityHeadroom: "number? plain",
    capacityStep: "number? plain",
    ruleOrder: "AwsRuleOrder? plain",
    format: "AwsRuleFormat? plain",
    dropUnmatched: "boolean? plain",
    wildcardPolicy: "WildcardPolicy? plain",
    policyDefaultAction: "AwsPolicyDefaultAction? plain",
  });
  expect(spellAll(schema.components.AzureFirewallIntuneRules?.outputs ?? {})).toEqual({
    ruleCollectionGroupIds: "string[]",
    coverage: "TargetCoverage",
    warnings: "string[]",
    verification: "TargetVerificationSummary",
    rulesHash: "string",
  });
  expect(spellAll(schema.components.NsgIntuneRules?.outputs ?? {})).toEqual({
    securityRuleIds: "string[]",
    coverage: "TargetCoverage",
    warnings: "string[]",
    verification: "TargetVerificationSummary",
    rulesHash: "string",
  });
  expect(spellAll(schema.components.AwsNetworkFirewallIntuneRules?.outputs ?? {})).toEqual({
    ruleGroupArns: "string[]",
    coverage: "TargetCoverage",
    warnings: "string[]",
    verification: "TargetVerificationSummary",
    rulesHash: "string",
  });
});

test("every component, input and output has a description", () => {
  for (const name of COMPONENTS) {
    const c = schema.components[name];
    expect([name, (c?.description ?? "").length > 20]).toEqual([name, true]);
    for (const [prop, def] of [...Object.entries(c?.inputs ?? {}), ...Object.entries(c?.outputs ?? {})]) {
      expect([name, prop, (def.description ?? "").length > 5]).toEqual([name, prop, true]);
    }
  }
  expect(schema.components.IntuneEgress?.inputs.sourceAddresses?.description).toBe(
    'CIDRs (or IPs) of the managed devices. Required: no rule is ever generated for "any" source.',
  );
  expect(schema.components.IntuneEgress?.outputs.modelJson?.description).toBe(
    "The resolved model as JSON. Export it to use the stack's outputs as a drift baseline.",
  );
});

test("every type, and every property of every object type, has a description", () => {
  const types = Object.entries(schema.typeDefinitions);
  expect(types.length).toBe(18);
  for (const [name, type] of types) {
    expect([name, (type.description ?? "").length > 10]).toEqual([name, true]);
    for (const [prop, def] of Object.entries(type.properties ?? {})) {
      expect([name, prop, (def.description ?? "").length > 5]).toEqual([name, prop, true]);
    }
  }
  expect(schema.typeDefinitions.CoverageWidened?.properties?.as?.description).toBe("What the target allows instead.");
});

test("the components' named enums are the SDK's lists, member for member", () => {
  expect(Object.values(enums.Instance)).toEqual([...INSTANCES]);
  expect(Object.values(enums.Region)).toEqual([...REGIONS]);
  expect(Object.values(enums.OnUnavailable)).toEqual([...ON_UNAVAILABLE]);
  expect(Object.values(enums.WildcardPolicy)).toEqual([...WILDCARD_POLICIES]);
  expect(Object.values(enums.AwsRuleOrder)).toEqual([...AWS_NETWORK_FIREWALL_OPTIONS.ruleOrder.choices]);
  expect(Object.values(enums.AwsRuleFormat)).toEqual([...AWS_NETWORK_FIREWALL_OPTIONS.format.choices]);
  expect(Object.values(enums.AwsPolicyDefaultAction)).toEqual([
    ...AWS_NETWORK_FIREWALL_OPTIONS.policyDefaultAction.choices,
  ]);
});

test("named enums with their members", () => {
  const members = (name: string) => schema.typeDefinitions[name]?.enum?.map((m) => `${m.name}=${m.value}`);
  expect(members("Instance")).toEqual([
    "Worldwide=Worldwide",
    "USGovDoD=USGovDoD",
    "USGovGCCHigh=USGovGCCHigh",
    "China=China",
  ]);
  expect(members("Region")).toEqual(["NA=NA", "EU=EU", "AP=AP"]);
  expect(members("OnUnavailable")).toEqual(["Fail=fail", "Cache=cache", "Snapshot=snapshot"]);
  expect(members("WildcardPolicy")).toEqual(["Skip=skip", "Widen=widen", "Reject=reject"]);
  expect(members("AwsRuleOrder")).toEqual(["StrictOrder=STRICT_ORDER", "DefaultActionOrder=DEFAULT_ACTION_ORDER"]);
  expect(members("AwsRuleFormat")).toEqual(["Suricata=suricata", "DomainList=domainList"]);
  expect(members("AwsPolicyDefaultAction")).toEqual([
    "DropEstablished=aws:drop_established",
    "DropStrict=aws:drop_strict",
    "AlertEstablished=aws:alert_established",
    "AlertStrict=aws:alert_strict",
    "None=none",
  ]);
});

test("object types for the targets and coverage", () => {
  const props = (name: string) => spellAll(schema.typeDefinitions[name]?.properties ?? {});
  expect(props("AzureFirewallTargetArgs")).toEqual({
    resourceGroupName: "string",
    firewallPolicyName: "string",
    priority: "number? plain",
    dnsProxyEnabled: "boolean? plain",
    wildcardPolicy: "WildcardPolicy? plain",
    ipv6Rules: "boolean? plain",
    maxGroupBytes: "number? plain",
  });
  expect(props("TargetCoverage")).toEqual({
    enforced: "CoverageEnforced[]",
    widened: "CoverageWidened[]",
    notEnforced: "CoverageGap[]",
    blocked: "CoverageGap[]",
    notApplicable: "CoverageGap[]",
  });
  expect(props("CoverageGap")).toEqual({
    address: "string",
    tcpPorts: "string[]",
    udpPorts: "string[]",
    reason: "string",
  });
  expect(props("IntuneEgressCoverage")).toEqual({
    azureFirewall: "TargetCoverage?",
    nsg: "TargetCoverage?",
    awsNetworkFirewall: "TargetCoverage?",
  });
  expect(schema.dependencies).toEqual([]);
});
