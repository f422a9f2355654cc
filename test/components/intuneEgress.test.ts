import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
  compileAwsNetworkFirewall,
  compileAzureFirewall,
  compileNsg,
  compileTargets,
  rulesHashes,
} from "../../sdk/targets";
import { resolveIntuneEndpoints } from "../../sdk/resolve";
import { clearServiceDataMemo } from "../../sdk/service/source";
import { FakeEndpointsService } from "../helpers/fakeService";
import { Created, Recorded, installMocks, recorder, valueOf } from "../helpers/pulumiMocks";

type Components = typeof import("../../components");

let components: Components;
let created: Created[];
let service: FakeEndpointsService;
let cacheDir: string;
const SOURCES = ["10.20.0.0/16"];

beforeAll(async () => {
  created = await installMocks(false);
  components = await import("../../components");
  service = await new FakeEndpointsService().start();
  service.serve("2025073100", "worldwide-mem-2025073100.json");
});
afterAll(async () => {
  await service.stop();
});
beforeEach(() => {
  created.length = 0;
  service.resetLog();
  clearServiceDataMemo();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-component-"));
  process.env.INTUNE_EGRESS_CACHE_DIR = cacheDir;
});
afterEach(() => {
  delete process.env.INTUNE_EGRESS_CACHE_DIR;
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

const azureTarget = { resourceGroupName: "rg-net", firewallPolicyName: "fwp-hub" };
const nsgTarget = { resourceGroupName: "rg-net", networkSecurityGroupName: "nsg-devices" };

function ofType(type: string): Created[] {
  return created.filter((c) => c.type === type);
}

/** Waits until the component and all its children are registered (their ids are known), then reads the outputs. */
async function settled(component: InstanceType<Components["IntuneEgress"]>) {
  await Promise.all([
    valueOf(component.azureFirewallRuleCollectionGroupIds),
    valueOf(component.nsgSecurityRuleIds),
    valueOf(component.awsRuleGroupArns),
  ]);
  const [hash, warnings, coverage] = await Promise.all([
    valueOf(component.modelHash),
    valueOf(component.warnings),
    valueOf(component.coverage),
  ]);
  return { hash, warnings, coverage };
}

async function expectedModel() {
  clearServiceDataMemo();
  const { model } = await resolveIntuneEndpoints({ serviceUrl: service.url, cacheDir });
  return model;
}

describe("each target alone", () => {
  test("Azure Firewall: one rule collection group with the compiled rules", async () => {
    const egress = new components.IntuneEgress("corp-intune", {
      sourceAddresses: SOURCES,
      serviceUrl: service.url,
      azureFirewall: { ...azureTarget, priority: 700 },
    });
    await valueOf(egress.azureFirewallRuleCollectionGroupIds);
    expect(created.map((c) => c.type)).toEqual([
      "intune-egress:index:IntuneEgress",
      "intune-egress:index:AzureFirewallIntuneRules",
      "azure-native:network:FirewallPolicyRuleCollectionGroup",
    ]);
    const group = ofType("azure-native:network:FirewallPolicyRuleCollectionGroup")[0];
    const compiled = compileAzureFirewall(await expectedModel(), {
      sourceAddresses: SOURCES,
      priority: 700,
      namePrefix: "corp-intune",
    });
    expect(group?.name).toBe("corp-intune");
    expect(group?.inputs).toEqual({
      resourceGroupName: "rg-net",
      firewallPolicyName: "fwp-hub",
      ruleCollectionGroupName: "corp-intune",
      priority: 700,
      ruleCollections: JSON.parse(JSON.stringify(compiled.ruleCollectionGroups[0]?.ruleCollections)),
    });
    expect(await valueOf(egress.azureFirewallRuleCollectionGroupIds)).toEqual(["corp-intune-id"]);
    expect(await valueOf(egress.nsgSecurityRuleIds)).toEqual([]);
  });

  test("NSG: standalone security rules, named from the component", async () => {
    const egress = new components.IntuneEgress("corp-intune", {
      sourceAddresses: SOURCES,
      serviceUrl: service.url,
      nsg: { ...nsgTarget, denyInternetOutbound: true },
    });
    const ids = await valueOf(egress.nsgSecurityRuleIds);
    const rules = ofType("azure-native:network:SecurityRule");
    const compiled = compileNsg(await expectedModel(), {
      sourceAddresses: SOURCES,
      denyInternetOutbound: true,
      namePrefix: "corp-intune",
    });
    // Registration order follows when inputs resolve; the ids output keeps priority order.
    expect(rules.map((r) => r.name).sort()).toEqual(compiled.securityRules.map((r) => r.name).sort());
    expect(compiled.securityRules.map((r) => r.name)).toEqual([
      "corp-intune-ipv4-tcp-80-443",
      "corp-intune-deny-internet-outbound",
    ]);
    expect(ids).toEqual(["corp-intune-ipv4-tcp-80-443-id", "corp-intune-deny-internet-outbound-id"]);
    const { name: _name, ...expected } = compiled.securityRules[0] as unknown as Record<string, unknown>;
    expect(rules.find((r) => r.name === "corp-intune-ipv4-tcp-80-443")?.inputs).toEqual({
      ...JSON.parse(JSON.stringify(expected)),
      resourceGroupName: "rg-net",
      networkSecurityGroupName: "nsg-devices",
      securityRuleName: "corp-intune-ipv4-tcp-80-443",
    });
  });

  test("AWS: an auto-named stateful rule group with HOME_NET, capacity and the rules", async () => {
    const egress = new components.IntuneEgress("corp-intune", {
      sourceAddresses: SOURCES,
      serviceUrl: service.url,
      awsNetworkFirewall: { ruleOrder: "STRICT_ORDER", dropUnmatched: true },
    });
    const arns = await valueOf(egress.awsRuleGroupArns);
    const groups = ofType("aws:networkfirewall/ruleGroup:RuleGroup");
    const compiled = compileAwsNetworkFirewall(await expectedModel(), {
      sourceAddresses: SOURCES,
      dropUnmatched: true,
      namePrefix: "corp-intune",
    });
    expect(groups).toHaveLength(1);
    expect(groups[0]?.inputs.name).toBeUndefined();
    expect(groups[0]?.inputs).toMatchObject({
      type: "STATEFUL",
      capacity: 1000,
      description: "Intune egress allow list (Suricata rules)",
    });
    expect(groups[0]?.inputs.ruleGroup).toEqual(JSON.parse(JSON.stringify(compiled.ruleGroups[0]?.ruleGroup)));
    expect((groups[0]?.inputs.ruleGroup as { ruleVariables: unknown }).ruleVariables).toEqual({
      ipSets: [{ key: "HOME_NET", ipSet: { definitions: SOURCES } }],
    });
    expect(arns).toEqual(["arn:aws:network-firewall:eu-west-1:123456789012:stateful-rulegroup/corp-intune"]);
  });
});

test("all three targets together, with outputs for drift", async () => {
  const egress = new components.IntuneEgress("hub", {
    sourceAddresses: SOURCES,
    serviceUrl: service.url,
    azureFirewall: azureTarget,
    nsg: nsgTarget,
    awsNetworkFirewall: {},
  });
  const { hash, warnings, coverage } = await settled(egress);
  const counts = created.reduce<Record<string, number>>((n, c) => ({ ...n, [c.type]: (n[c.type] ?? 0) + 1 }), {});
  expect(counts).toEqual({
    "intune-egress:index:IntuneEgress": 1,
    "intune-egress:index:AzureFirewallIntuneRules": 1,
    "intune-egress:index:NsgIntuneRules": 1,
    "intune-egress:index:AwsNetworkFirewallIntuneRules": 1,
    "azure-native:network:FirewallPolicyRuleCollectionGroup": 1,
    "azure-native:network:SecurityRule": 1,
    "aws:networkfirewall/ruleGroup:RuleGroup": 1,
  });
  const model = await expectedModel();
  expect(hash).toBe(model.hash);
  expect(await valueOf(egress.endpointsVersion)).toBe("2025073100");
  expect(await valueOf(egress.source)).toBe("live");
  expect(await valueOf(egress.endpointCount)).toBe(model.endpoints.length);
  expect(JSON.parse(await valueOf(egress.modelJson))).toMatchObject({
    kind: "intune-egress-model",
    formatVersion: 1,
    model: { hash: model.hash, version: "2025073100" },
  });
  // The defaults, evaluated: Azure blocks NTP to a name without the DNS proxy, the NSG restricts nothing beyond the
  // model (AllowInternetOutBound), and AWS can't pass UDP to a name under aws:drop_established.
  expect(warnings).toEqual([
    "Azure Firewall: the rules block 1 of 288 model endpoints (e.g. time.windows.com, by Azure Firewall default: deny (no rule matched)): application rules carry only HTTP/HTTPS; an FQDN network rule needs the firewall's DNS proxy (dnsProxyEnabled).",
    "NSG: the rules restrict nothing beyond the model for 41 of 41 probe flows (e.g. tcp/443 manage.microsoft.com.example.net from 10.20.0.1), let out by AllowInternetOutBound (65001): Azure's default rule lets every Internet destination out; set denyInternetOutbound to close it.",
    "AWS Network Firewall: the rules block 1 of 288 model endpoints (e.g. time.windows.com, by policy default aws:drop_established): AWS Network Firewall matches names only in the TLS SNI or HTTP Host; UDP to a name carries neither.",
  ]);
  type Gap = { address: string; reason: string };
  const c = coverage as Record<string, { notEnforced: Gap[]; blocked: Gap[]; enforced: Gap[] }>;
  expect(Object.keys(c).sort()).toEqual(["awsNetworkFirewall", "azureFirewall", "nsg"]);
  expect(c.nsg?.notEnforced.find((n) => n.address === "manage.microsoft.com")?.reason).toBe(
    "allowed only by AllowInternetOutBound (65001), not by a rule of ours; an NSG matches IP prefixes only, not host names",
  );
  expect(c.azureFirewall?.blocked).toEqual([
    {
      address: "time.windows.com",
      tcpPorts: [],
      udpPorts: ["123"],
      reason:
        "application rules carry only HTTP/HTTPS; an FQDN network rule needs the firewall's DNS proxy (dnsProxyEnabled)",
    },
  ]);
  const compiled = compileTargets(model, {
    sourceAddresses: SOURCES,
    azureFirewall: { namePrefix: "hub" },
    nsg: { namePrefix: "hub" },
    awsNetworkFirewall: { namePrefix: "hub" },
  });
  const sdkHashes = rulesHashes(compiled);
  expect(await valueOf(egress.rulesHash)).toEqual({
    azureFirewall: sdkHashes["azure-firewall"],
    nsg: sdkHashes.nsg,
    awsNetworkFirewall: sdkHashes["aws-network-firewall"],
  });
  expect(await valueOf(egress.verification)).toEqual({
    azureFirewall: expect.objectContaining({
      endpointsBlocked: 1,
      probesLetOut: 0,
      blocked: ["time.windows.com: Azure Firewall default: deny (no rule matched)"],
    }),
    nsg: expect.objectContaining({ endpointsBlocked: 0, probesLetOut: 41, probesDenied: 0 }),
    awsNetworkFirewall: expect.objectContaining({ endpointsBlocked: 1, probesLetOut: 0, probesDenied: 41 }),
  });
});

test("a 2-group Azure case: groups chained with dependsOn, priorities counting up", async () => {
  const recorded: Recorded[] = [];
  const egress = new components.IntuneEgress(
    "big",
    {
      sourceAddresses: SOURCES,
      serviceUrl: service.url,
      azureFirewall: { ...azureTarget, priority: 600, maxGroupBytes: 9000 },
    },
    { transformations: [recorder(recorded)] },
  );
  const ids = await valueOf(egress.azureFirewallRuleCollectionGroupIds);
  const groups = ofType("azure-native:network:FirewallPolicyRuleCollectionGroup");
  expect(groups.map((g) => [g.name, g.inputs.priority])).toEqual([
    ["big", 600],
    ["big-2", 601],
  ]);
  expect(ids).toEqual(["big-id", "big-2-id"]);
  const chain = recorded.filter((r) => r.type === "azure-native:network:FirewallPolicyRuleCollectionGroup");
  expect(chain).toEqual([
    { type: "azure-native:network:FirewallPolicyRuleCollectionGroup", name: "big", parent: "big", dependsOn: [] },
    {
      type: "azure-native:network:FirewallPolicyRuleCollectionGroup",
      name: "big-2",
      parent: "big",
      dependsOn: ["big"],
    },
  ]);
  expect(recorded.find((r) => r.type === "intune-egress:index:AzureFirewallIntuneRules")).toEqual({
    type: "intune-egress:index:AzureFirewallIntuneRules",
    name: "big",
    parent: "big",
    dependsOn: [],
  });
});

test("NSG rules are chained with dependsOn in priority order, so no update writes two rules of one NSG at once", async () => {
  const recorded: Recorded[] = [];
  const egress = new components.IntuneEgress(
    "chain",
    {
      sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"],
      serviceUrl: service.url,
      nsg: { ...nsgTarget, denyInternetOutbound: true },
    },
    { transformations: [recorder(recorded)] },
  );
  const ids = await valueOf(egress.nsgSecurityRuleIds);
  const chain = recorded
    .filter((r) => r.type === "azure-native:network:SecurityRule")
    .map((r) => [r.name, r.dependsOn.join(",")]);
  const priorities = new Map(
    ofType("azure-native:network:SecurityRule").map((r) => [r.name, r.inputs.priority as number]),
  );
  const names = chain.map(([name]) => name as string);
  expect(names.map((n) => priorities.get(n))).toEqual([...names.map((n) => priorities.get(n))].sort((a, b) => a! - b!));
  expect(chain).toEqual(names.map((name, i) => [name, i === 0 ? "" : names[i - 1]]));
  expect(names.slice(-2)).toEqual(["chain-deny-internet-outbound-ipv4", "chain-deny-internet-outbound-ipv6"]);
  expect(names.length).toBeGreaterThan(3);
  expect(ids).toEqual(names.map((n) => `${n}-id`));
});

test("AWS domain list: wildcardPolicy reaches the compiler from IntuneEgress and the sub-component", async () => {
  const egress = new components.IntuneEgress("dl", {
    sourceAddresses: SOURCES,
    serviceUrl: service.url,
    includeMicrosoft365Common: true,
    awsNetworkFirewall: { format: "domainList", wildcardPolicy: "widen" },
  });
  await valueOf(egress.awsRuleGroupArns);
  const model = (await resolveIntuneEndpoints({ serviceUrl: service.url, includeMicrosoft365Common: true })).model;
  const widened = compileAwsNetworkFirewall(model, {
    sourceAddresses: SOURCES,
    format: "domainList",
    wildcardPolicy: "widen",
    namePrefix: "dl",
  });
  const skipped = compileAwsNetworkFirewall(model, {
    sourceAddresses: SOURCES,
    format: "domainList",
    namePrefix: "dl",
  });
  const domains = ofType("aws:networkfirewall/ruleGroup:RuleGroup").find((g) =>
    JSON.stringify(g.inputs).includes("rulesSourceList"),
  );
  expect(domains?.inputs.ruleGroup).toEqual(JSON.parse(JSON.stringify(widened.ruleGroups[0]?.ruleGroup)));
  // The Microsoft 365 Common sets carry *cdn.onenote.net: widened to .onenote.net, or skipped.
  const targets = (c: typeof widened) =>
    (c.ruleGroups[0]?.ruleGroup.rulesSource as { rulesSourceList: { targets: readonly string[] } }).rulesSourceList
      .targets;
  expect(targets(widened).filter((t) => !targets(skipped).includes(t))).toEqual([".onenote.net"]);
  expect(
    () =>
      new components.AwsNetworkFirewallIntuneRules("bad", {
        sourceAddresses: SOURCES,
        format: "domainList",
        wildcardPolicy: "loose" as "skip",
      }),
  ).toThrow('AwsNetworkFirewallIntuneRules: wildcardPolicy must be one of skip, widen, reject, got "loose".');
});

test("a sovereign instance works like Worldwide: USGovGCCHigh from its embedded snapshot, all three targets", async () => {
  const egress = new components.IntuneEgress("gov", {
    sourceAddresses: SOURCES,
    instance: "USGovGCCHigh",
    onUnavailable: "snapshot",
    serviceUrl: "http://127.0.0.1:9",
    azureFirewall: { ...azureTarget, dnsProxyEnabled: true },
    nsg: nsgTarget,
    awsNetworkFirewall: {},
  });
  const model = JSON.parse(await valueOf(egress.modelJson)) as {
    model: { instance: string; endpoints: Array<{ address: string }> };
  };
  expect(model.model.instance).toBe("USGovGCCHigh");
  expect(model.model.endpoints.map((e) => e.address)).toEqual(
    expect.arrayContaining(["*.manage.microsoft.us", "login.microsoftonline.us"]),
  );
  expect(await valueOf(egress.source)).toBe("snapshot");
  await Promise.all([
    valueOf(egress.azureFirewallRuleCollectionGroupIds),
    valueOf(egress.nsgSecurityRuleIds),
    valueOf(egress.awsRuleGroupArns),
  ]);
  const groups = ofType("azure-native:network:FirewallPolicyRuleCollectionGroup");
  expect(JSON.stringify(groups[0]?.inputs.ruleCollections)).toContain('"*.manage.microsoft.us"');
  expect(ofType("azure-native:network:SecurityRule").length).toBeGreaterThan(0);
  expect(ofType("aws:networkfirewall/ruleGroup:RuleGroup")).toHaveLength(1);
  const verification = await valueOf(egress.verification);
  expect(verification.azureFirewall).toMatchObject({ endpointsBlocked: 0, probesLetOut: 0 });
});

test("addFeatures adds to the defaults (the component's --feature +apple)", async () => {
  const egress = new components.IntuneEgress("apple", {
    sourceAddresses: SOURCES,
    serviceUrl: service.url,
    addFeatures: ["apple"],
    nsg: nsgTarget,
  });
  const model = JSON.parse(await valueOf(egress.modelJson)) as {
    filters: { addFeatures?: string[] };
    model: { endpoints: Array<{ address: string }> };
  };
  const addresses = model.model.endpoints.map((e) => e.address);
  expect(addresses).toEqual(expect.arrayContaining(["*.push.apple.com", "17.0.0.0/8", "*.manage.microsoft.com"]));
  expect(model.filters.addFeatures).toEqual(["apple"]);
});

test("no target is a clear error", () => {
  expect(() => new components.IntuneEgress("none", { sourceAddresses: SOURCES })).toThrow(
    "IntuneEgress needs at least one target: add azureFirewall ({ resourceGroupName, firewallPolicyName }), nsg ({ resourceGroupName, networkSecurityGroupName }) or awsNetworkFirewall ({}).",
  );
});

test("20 IntuneEgress components in one program share one fetch", async () => {
  const all = Array.from(
    { length: 20 },
    (_, i) =>
      new components.IntuneEgress(`site-${i}`, {
        sourceAddresses: [`10.${i}.0.0/16`],
        serviceUrl: service.url,
        awsNetworkFirewall: {},
      }),
  );
  const hashes = await Promise.all(all.map(async (c) => (await settled(c)).hash));
  expect(new Set(hashes).size).toBe(1);
  expect(service.routes()).toEqual(["version", "endpoints"]);
  expect(ofType("aws:networkfirewall/ruleGroup:RuleGroup")).toHaveLength(20);
});

test("warnings reach the outputs and pulumi.log.warn, with the component as the resource", async () => {
  const warn = jest.spyOn(pulumi.log, "warn");
  try {
    const egress = new components.IntuneEgress("offline", {
      sourceAddresses: SOURCES,
      serviceUrl: "http://127.0.0.1:9",
      azureFirewall: { ...azureTarget, wildcardPolicy: "skip" },
    });
    const { warnings } = await settled(egress);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(
      /^Azure Firewall: the rules block 1 of 283 model endpoints \(e\.g\. time\.windows\.com/,
    );
    // A target's warning is reported on its sub-component, the resource whose rules it describes.
    expect(warn).toHaveBeenCalledWith(
      warnings[1],
      expect.objectContaining({ __pulumiType: "intune-egress:index:AzureFirewallIntuneRules" }),
    );
    expect(warnings[0]).toMatch(
      /^The endpoints service is unreachable \(.*\); using the embedded snapshot \(Worldwide MEM, service version not recorded, recorded 2026-05-29\)$/,
    );
    expect(await valueOf(egress.source)).toBe("snapshot");
    expect(await valueOf(egress.endpointsVersion)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(warnings[0], egress);
  } finally {
    warn.mockRestore();
  }
});

test("a sub-component works on its own", async () => {
  const rules = new components.NsgIntuneRules("spoke", {
    sourceAddresses: ["10.30.0.0/16", "fd00:30::/48"],
    serviceUrl: service.url,
    features: ["core"],
    useServiceTags: true,
    ...nsgTarget,
  });
  const ids = await valueOf(rules.securityRuleIds);
  expect(created.map((c) => `${c.type} ${c.name}`).sort()).toEqual([
    "azure-native:network:SecurityRule spoke-afd-ipv4-tcp-80-443",
    "azure-native:network:SecurityRule spoke-afd-ipv6-tcp-80-443",
    "azure-native:network:SecurityRule spoke-ipv4-tcp-80-443",
    "intune-egress:index:NsgIntuneRules spoke",
  ]);
  expect(ids).toHaveLength(3);
  const coverage = await valueOf(rules.coverage);
  expect(coverage.widened.map((w) => w.as)).toEqual([
    "AzureFrontDoor.MicrosoftSecurity",
    "AzureFrontDoor.MicrosoftSecurity",
    "AzureFrontDoor.MicrosoftSecurity",
    "AzureFrontDoor.MicrosoftSecurity",
    "AzureFrontDoor.MicrosoftSecurity",
    "AzureFrontDoor.MicrosoftSecurity",
    "AzureFrontDoor.MicrosoftSecurity",
  ]);
});

test.each<[string, () => unknown, string]>([
  [
    "NSG priorities",
    () => new components.NsgIntuneRules("bad", { sourceAddresses: SOURCES, ...nsgTarget, priorityStart: 5000 }),
    "NsgIntuneRules: priorityStart must be an integer from 100 to 4096, got 5000.",
  ],
  [
    "Azure priority",
    () =>
      new components.IntuneEgress("bad", { sourceAddresses: SOURCES, azureFirewall: { ...azureTarget, priority: 50 } }),
    "IntuneEgress: azureFirewall.priority must be an integer from 100 to 65000, got 50.",
  ],
  [
    "AWS headroom",
    () => new components.AwsNetworkFirewallIntuneRules("bad", { sourceAddresses: SOURCES, capacityHeadroom: -1 }),
    "AwsNetworkFirewallIntuneRules: capacityHeadroom must be a number from 0 to 10, got -1.",
  ],
  [
    "unknown feature",
    () => new components.IntuneEgress("bad", { sourceAddresses: SOURCES, features: ["intune"], nsg: nsgTarget }),
    "IntuneEgress: features: unknown feature intune.",
  ],
  [
    "unknown region",
    () => new components.IntuneEgress("bad", { sourceAddresses: SOURCES, regions: ["US" as "NA"], nsg: nsgTarget }),
    "IntuneEgress: regions: unknown region US. Regions are NA, EU, AP.",
  ],
  [
    "plain-http service URL",
    () =>
      new components.IntuneEgress("bad", {
        sourceAddresses: SOURCES,
        serviceUrl: "http://mirror.example.com",
        nsg: nsgTarget,
      }),
    "uses plain http",
  ],
  [
    "empty sources",
    () => new components.IntuneEgress("bad", { sourceAddresses: [], nsg: nsgTarget }),
    "IntuneEgress: sourceAddresses is required",
  ],
  [
    "a source that is not a CIDR",
    () => new components.IntuneEgress("bad", { sourceAddresses: ["10.0.0.300"], nsg: nsgTarget }),
    'IntuneEgress: source address "10.0.0.300" is not an IPv4 or IPv6 address or CIDR.',
  ],
  [
    "any source without allowAnySource",
    () => new components.IntuneEgress("bad", { sourceAddresses: ["0.0.0.0/0"], nsg: nsgTarget }),
    'IntuneEgress: source address "0.0.0.0/0" is every address, so the rules would let any device out.',
  ],
  [
    "brake out of range",
    () => new components.IntuneEgress("bad", { sourceAddresses: SOURCES, maxRemovalRatio: 2, nsg: nsgTarget }),
    "IntuneEgress: maxRemovalRatio must be a number from 0 to 1 (1 turns the brake off), got 2.",
  ],
])("bad arguments fail at once, with the reason: %s", (_what, make, message) => {
  expect(make).toThrow(message);
  expect(created).toEqual([]);
});
