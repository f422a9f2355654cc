/**
 * Preview: inputs from resources not created yet are unknown. The components still plan every resource (their number
 * and names come from the model, which is read live), and leave the unknown parts to the engine.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { clearServiceDataMemo } from "../../sdk/service/source";
import { FakeEndpointsService } from "../helpers/fakeService";
import { Created, installMocks, valueOf, waitFor } from "../helpers/pulumiMocks";

type Components = typeof import("../../components");

/** A stand-in for a network whose address range is only known once it exists. */
class Network extends pulumi.CustomResource {
  declare readonly cidr: pulumi.Output<string>;
  constructor(name: string) {
    super("test:index:Network", name, { cidr: undefined });
  }
}

let components: Components;
let created: Created[];
let service: FakeEndpointsService;
let cacheDir: string;

beforeAll(async () => {
  created = await installMocks(true, (args) => (args.type === "test:index:Network" ? ["cidr"] : []));
  components = await import("../../components");
  service = await new FakeEndpointsService().start();
  service.serve("2025073100", "worldwide-mem-2025073100.json");
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-preview-"));
  process.env.INTUNE_EGRESS_CACHE_DIR = cacheDir;
  clearServiceDataMemo();
});
afterAll(async () => {
  await service.stop();
  delete process.env.INTUNE_EGRESS_CACHE_DIR;
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test("with unknown source addresses, every resource is still planned, with known names, priorities and capacity", async () => {
  const net = new Network("devices");
  const warn = jest.spyOn(pulumi.log, "warn");
  const egress = new components.IntuneEgress("preview", {
    sourceAddresses: [net.cidr],
    serviceUrl: service.url,
    azureFirewall: { resourceGroupName: "rg", firewallPolicyName: "fwp" },
    nsg: { resourceGroupName: "rg", networkSecurityGroupName: "nsg" },
    awsNetworkFirewall: {},
  });
  // The model is read live during preview too; known outputs are known.
  expect(await valueOf(egress.endpointsVersion)).toBe("2025073100");
  expect(await valueOf(egress.source)).toBe("live");
  await waitFor(() => created.length >= 8);
  const byType = (type: string) => created.filter((c) => c.type === type);
  const groups = byType("azure-native:network:FirewallPolicyRuleCollectionGroup");
  expect(groups.map((g) => [g.name, g.inputs.priority, g.inputs.ruleCollectionGroupName])).toEqual([
    ["preview", 500, "preview"],
  ]);
  expect(pulumi.isUnknown(groups[0]?.inputs.ruleCollections)).toBe(true);
  const rules = byType("azure-native:network:SecurityRule");
  expect(rules.map((r) => r.name)).toEqual(["preview-ipv4-tcp-80-443"]);
  expect(rules[0]?.inputs).toMatchObject({
    priority: expect.any(Number),
    direction: "Outbound",
    access: "Allow",
    protocol: "Tcp",
    destinationPortRanges: ["80", "443"],
  });
  expect(pulumi.isUnknown(rules[0]?.inputs.sourceAddressPrefixes)).toBe(true);
  const aws = byType("aws:networkfirewall/ruleGroup:RuleGroup");
  expect(aws.map((g) => [g.name, g.inputs.capacity, g.inputs.type])).toEqual([["preview", 1000, "STATEFUL"]]);
  expect(pulumi.isUnknown(aws[0]?.inputs.ruleGroup)).toBe(true);
  expect(warn.mock.calls.map((c) => c[0])).toEqual(
    expect.arrayContaining([
      "preview: sourceAddresses is not known yet (preview); rule contents follow once it is.",
      "preview: sourceAddresses is not known yet (preview); the rule layout assumes IPv4 sources.",
      "preview: sourceAddresses is not known yet (preview); HOME_NET follows once it is.",
    ]),
  );
  warn.mockRestore();
});
