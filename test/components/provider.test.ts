/**
 * The multi-language path: what `pulumi package add` and Pulumi YAML use. Pulumi's `ComponentProvider` generates the
 * schema (`getSchema`) and constructs each component from plain inputs and outputs as another language sends them
 * (`construct`), under the mocks. Each component must construct, create its resources, and return every output its
 * schema declares.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { clearServiceDataMemo } from "../../sdk/service/source";
import { FakeEndpointsService } from "../helpers/fakeService";
import { Created, installMocks } from "../helpers/pulumiMocks";

let provider: ComponentProvider;
let created: Created[];
let service: FakeEndpointsService;
let cacheDir: string;
let schema: { resources: Record<string, { properties?: Record<string, unknown> }> };

beforeAll(async () => {
  created = await installMocks(false);
  const components = await import("../../components");
  provider = new ComponentProvider({
    components: [
      components.IntuneEgress,
      components.AzureFirewallIntuneRules,
      components.NsgIntuneRules,
      components.AwsNetworkFirewallIntuneRules,
    ],
    dirname: path.resolve(__dirname, "../.."),
    name: "intune-egress",
  });
  schema = JSON.parse(await provider.getSchema());
  service = await new FakeEndpointsService().start();
  service.serve("2025073100", "worldwide-mem-2025073100.json");
});
afterAll(async () => {
  await service.stop();
});
beforeEach(() => {
  created.length = 0;
  clearServiceDataMemo();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-provider-"));
  process.env.INTUNE_EGRESS_CACHE_DIR = cacheDir;
});
afterEach(() => {
  delete process.env.INTUNE_EGRESS_CACHE_DIR;
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

/** Resolves every output of a construct result's state. */
async function settle(state: pulumi.Inputs): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(state).map(
      async ([k, v]) => [k, await new Promise((resolve) => pulumi.output(v).apply((x) => resolve(x)))] as const,
    ),
  );
  return Object.fromEntries(entries);
}

const azure = { resourceGroupName: pulumi.output("rg-net"), firewallPolicyName: "fwp-hub" };
const nsg = { resourceGroupName: "rg-net", networkSecurityGroupName: pulumi.output("nsg-devices") };

test.each<[string, Record<string, unknown>, Record<string, number>]>([
  [
    "IntuneEgress",
    { azureFirewall: azure, nsg, awsNetworkFirewall: { format: "domainList", wildcardPolicy: "widen" } },
    {
      "azure-native:network:FirewallPolicyRuleCollectionGroup": 1,
      "azure-native:network:SecurityRule": 1,
      "aws:networkfirewall/ruleGroup:RuleGroup": 2,
    },
  ],
  [
    "AzureFirewallIntuneRules",
    { ...azure, dnsProxyEnabled: true },
    { "azure-native:network:FirewallPolicyRuleCollectionGroup": 1 },
  ],
  ["NsgIntuneRules", { ...nsg, denyInternetOutbound: true }, { "azure-native:network:SecurityRule": 2 }],
  ["AwsNetworkFirewallIntuneRules", { dropUnmatched: true }, { "aws:networkfirewall/ruleGroup:RuleGroup": 1 }],
])("%s constructs through the ComponentProvider", async (component, targetInputs, resources) => {
  const type = `intune-egress:index:${component}`;
  const declared = Object.keys(schema.resources[type]?.properties ?? {}).sort();
  expect(declared.length).toBeGreaterThanOrEqual(3);
  const result = await provider.construct(
    "mlang",
    type,
    { sourceAddresses: pulumi.output(["10.20.0.0/16"]), serviceUrl: service.url, ...targetInputs },
    {},
  );
  const state = await settle(result.state);
  expect(Object.keys(state).sort()).toEqual(declared);
  const verification = state.verification as Record<string, unknown>;
  const summaries = component === "IntuneEgress" ? Object.values(verification) : [verification];
  expect(summaries.length).toBe(component === "IntuneEgress" ? 3 : 1);
  const hashes = component === "IntuneEgress" ? Object.values(state.rulesHash as object) : [state.rulesHash];
  for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  for (const summary of summaries)
    expect(Object.keys(summary as object).sort()).toEqual([
      "blocked",
      "endpointsAllowed",
      "endpointsBlocked",
      "endpointsNotApplicable",
      "letOut",
      "probesDenied",
      "probesLetOut",
    ]);
  for (const warning of state.warnings as string[])
    expect(warning).toMatch(/^(Azure Firewall|NSG|AWS Network Firewall): /);
  const counts: Record<string, number> = {};
  for (const c of created) if (!c.type.startsWith("intune-egress:")) counts[c.type] = (counts[c.type] ?? 0) + 1;
  expect(counts).toEqual(resources);
  expect(Object.keys((state.coverage as object) ?? {}).length).toBeGreaterThan(0);
});
