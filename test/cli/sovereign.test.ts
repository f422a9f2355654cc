/**
 * The sovereign clouds from the CLI: plan offline on each embedded snapshot and live against the fake service, and a
 * drift baseline that remembers its instance.
 */
import * as path from "path";
import { runCli } from "../helpers/cli";
import { FakeEndpointsService, useFakeService } from "../helpers/fakeService";

const fake = useFakeService(({ service }) => service.serve("2026022200", "usgovdod-2026-02-22.json"));
let service: FakeEndpointsService;
let cacheDir: string;
beforeEach(() => ({ service, cacheDir } = fake));

test.each([
  [
    "USGovGCCHigh",
    [
      "*.manage.microsoft.us",
      "52.227.99.114/32",
      "enterpriseregistration.microsoftonline.us",
      "login.microsoftonline.us",
      "*.dm.microsoft.us",
    ],
  ],
  ["USGovDoD", ["*.manage.microsoft.us", "manage.microsoft.us", "graph.microsoft.us", "51.54.53.136/29"]],
  ["China", ["*.manage.microsoftonline.cn", "40.73.38.143/32", "login.chinacloudapi.cn", "graph.chinacloudapi.cn"]],
])(
  "plan --instance %s --source snapshot: the page's endpoints and the rules for every target, offline",
  async (instance, names) => {
    const run = await runCli(["plan", "--instance", instance, "--source", "snapshot", "--format", "json"]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.model).toMatchObject({ instance, source: "snapshot", version: null });
    const addresses = out.model.endpoints.map((e: { address: string }) => e.address);
    for (const name of names) expect(addresses).toContain(name);
    expect(addresses).not.toContain("*.manage.microsoft.com");
    expect(Object.keys(out)).toEqual(["model", "sources", "azureFirewall", "nsg", "awsNetworkFirewall", "warnings"]);
    expect(out.azureFirewall.ruleCollectionGroups.length).toBe(1);
    expect(out.nsg.securityRules.length).toBeGreaterThan(0);
    expect(out.awsNetworkFirewall.ruleGroups.length).toBe(1);
  },
);

test("live: the service's USGovDoD data (Common) unioned with the US government catalog", async () => {
  const run = await runCli([
    "plan",
    "--instance",
    "USGovDoD",
    "--service-url",
    service.url,
    "--cache-dir",
    cacheDir,
    "--format",
    "json",
    "--target",
    "azure-firewall",
    "--dns-proxy",
  ]);
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.model).toMatchObject({ instance: "USGovDoD", source: "live", version: "2026022200" });
  const origins = out.model.endpoints.flatMap((e: { origins: Array<{ kind: string; setId?: number }> }) => e.origins);
  expect([
    ...new Set(origins.filter((o: { kind: string }) => o.kind === "service").map((o: { setId: number }) => o.setId)),
  ]).toEqual([13]);
  expect(out.model.endpoints.some((e: { address: string }) => e.address === "dod-graph.microsoft.us")).toBe(true);
  expect(service.requests.find((r) => r.path.startsWith("/endpoints"))).toMatchObject({
    path: "/endpoints/USGovDoD",
    query: expect.objectContaining({ ServiceAreas: "MEM" }),
  });
});

test("a baseline remembers its instance; comparing it with another instance is a clear error", async () => {
  const file = path.join(cacheDir, "china.json");
  const snap = await runCli(["snapshot", "--instance", "China", "--source", "snapshot", "--out", file]);
  expect(snap.code).toBe(0);
  const same = await runCli(["drift", "--baseline", file, "--source", "snapshot"]);
  expect([same.code, same.stdout.split("\n")[0]]).toEqual([
    0,
    expect.stringMatching(/^No drift: the live model equals the baseline/),
  ]);
  const other = await runCli(["drift", "--baseline", file, "--source", "snapshot", "--instance", "Worldwide"]);
  expect(other).toEqual({
    code: 1,
    stdout: "",
    stderr:
      "intune-egress drift: The baseline is for China, the live model for Worldwide; compare the same instance.\n",
  });
});
