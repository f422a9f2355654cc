import * as fs from "fs";
import * as path from "path";
import { baselineDocument, recordFilters } from "../../sdk/baseline";
import { canonicalJson } from "../../sdk/model/canonical";
import { clearServiceDataMemo } from "../../sdk/service/source";
import { runCli } from "../helpers/cli";
import { FakeEndpointsService, useFakeService, readFixture } from "../helpers/fakeService";
import { MEM_FIXTURES_IN_ORDER, modelFromFixture } from "../helpers/models";
import { PREVIEW_SOURCES } from "../../cli/targets";
import { compileTargets, rulesHashes } from "../../sdk/targets";

const fake = useFakeService(({ service }) => service.serveChanges("[]"));
let service: FakeEndpointsService;
let dir: string;
let cacheDir: string;
beforeEach(() => {
  ({ service, cacheDir: dir } = fake);
  cacheDir = path.join(dir, "cache");
});

const common = () => ["--service-url", service.url, "--cache-dir", cacheDir];

/** A baseline taken with `intune-egress snapshot --out` while the fake serves this version. */
async function snapshotAt(version: string, fixture: string, extra: string[] = []): Promise<string> {
  service.serve(version, fixture);
  const file = path.join(dir, `baseline-${version}.json`);
  const run = await runCli(["snapshot", "--out", file, ...common(), ...extra]);
  expect(run.code).toBe(0);
  clearServiceDataMemo();
  return file;
}

async function drift(baseline: string, ...extra: string[]) {
  clearServiceDataMemo();
  return runCli(["drift", "--baseline", baseline, ...common(), ...extra]);
}

describe("exit codes", () => {
  test("0 when the live model equals the baseline", async () => {
    const baseline = await snapshotAt("2025073100", "worldwide-mem-2025073100.json");
    const run = await drift(baseline);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(
      /^No drift: the live model equals the baseline \(\d+ endpoints, hash [0-9a-f]{12}\)\.\n/,
    );
  });

  test("2 on drift, with the added address for a known pair of versions", async () => {
    const baseline = await snapshotAt("2025063000", "worldwide-mem-2025063000.json");
    service.serve("2025073100", "worldwide-mem-2025073100.json");
    const run = await drift(baseline, "--format", "json");
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.status).toBe("drift");
    expect(report.added.map((e: { address: string }) => e.address)).toEqual(["2.dl.delivery.mp.microsoft.com"]);
    expect(report.removed).toEqual([]);
    expect(
      report.changed.map((e: { address: string; changes: string[] }) => [
        e.address,
        e.changes.map((c) => c.split(" ")[0]),
      ]),
    ).toEqual([
      ["*.delivery.mp.microsoft.com", ["origins"]],
      ["dl.delivery.mp.microsoft.com", ["origins"]],
      ["*.dl.delivery.mp.microsoft.com", ["origins"]],
      ["*.do.dsp.mp.microsoft.com", ["features", "origins"]],
    ]);
    expect(report.added[0]).toEqual({
      address: "2.dl.delivery.mp.microsoft.com",
      type: "fqdn",
      feature: "delivery-optimization",
      tcpPorts: ["80", "443"],
      udpPorts: [],
      targets: [
        {
          target: "aws-network-firewall",
          rules: [
            "intune/intune-egress delivery-optimization 2.dl.delivery.mp.microsoft.com http",
            "intune/intune-egress delivery-optimization 2.dl.delivery.mp.microsoft.com tls",
          ],
        },
        { target: "azure-firewall", rules: ["intune/delivery-optimization-http-https"] },
      ],
    });
    expect(report.byFeature).toEqual({
      "delivery-optimization": {
        added: ["2.dl.delivery.mp.microsoft.com"],
        removed: [],
        changed: ["*.dl.delivery.mp.microsoft.com", "*.do.dsp.mp.microsoft.com"],
      },
      autopilot: { added: [], removed: [], changed: ["*.delivery.mp.microsoft.com", "dl.delivery.mp.microsoft.com"] },
    });
    expect(report.baseline).toMatchObject({ version: "2025063000", foundIn: "file" });
    expect(report.live).toMatchObject({ version: "2025073100", source: "live" });
  });

  test("removed endpoints are listed, with the targets whose rules change", async () => {
    // These two captures carry no version; the fake gives them the versions they were probably published as.
    const baseline = await snapshotAt("2025092900", "worldwide-mem-2025-09-29.json");
    service.serve("2026033100", "worldwide-mem-2026-03-31.json");
    const run = await drift(baseline, "--format", "json");
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.added).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.removed.map((e: { address: string; feature: string }) => `${e.feature} ${e.address}`)).toEqual([
      "organizational-messages contentauthassetscdn-prod.azureedge.net",
      "organizational-messages contentauthassetscdn-prodeur.azureedge.net",
      "organizational-messages contentauthrafcontentcdn-prod.azureedge.net",
      "organizational-messages contentauthrafcontentcdn-prodeur.azureedge.net",
    ]);
    expect(report.removed[0].targets.map((t: { target: string }) => t.target)).toEqual([
      "aws-network-firewall",
      "azure-firewall",
    ]);
  });

  test("1 with one line on stderr when the baseline is missing or not a baseline", async () => {
    const missing = await drift(path.join(dir, "nope.json"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^intune-egress drift: Cannot read the baseline .*nope\.json: ENOENT: no such file or directory/,
    );
    const other = path.join(dir, "other.json");
    fs.writeFileSync(other, JSON.stringify({ vpcId: "vpc-1" }));
    const run = await drift(other);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `intune-egress drift: ${other}: is neither an \`intune-egress snapshot --out\` file nor \`pulumi stack output --json\` of a stack that exports an IntuneEgress modelJson (e.g. \`export const intuneModel = egress.modelJson\`)\n`,
    });
  });

  test("1 when the baseline was edited: its hash no longer matches", async () => {
    const baseline = await snapshotAt("2025073100", "worldwide-mem-2025073100.json");
    const doc = JSON.parse(fs.readFileSync(baseline, "utf8"));
    doc.model.endpoints = doc.model.endpoints.filter((e: { address: string }) => e.address !== "manage.microsoft.com");
    fs.writeFileSync(baseline, JSON.stringify(doc));
    const run = await drift(baseline);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /: the recorded hash [0-9a-f]{12}… does not match the endpoints \([0-9a-f]{12}…\); the file was changed by hand or is damaged\n$/,
    );
  });

  test("1 when a baseline smuggles rule syntax in an address", async () => {
    const baseline = await snapshotAt("2025073100", "worldwide-mem-2025073100.json");
    const doc = JSON.parse(fs.readFileSync(baseline, "utf8"));
    doc.model.endpoints[0].address = 'evil.com"; sid:1;';
    fs.writeFileSync(baseline, JSON.stringify(doc));
    const run = await drift(baseline);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('endpoint "evil.com\\"; sid:1;" is not a valid address');
  });
});

describe("the markdown report", () => {
  test("is ready to post as a pull-request comment", async () => {
    const baseline = await snapshotAt("2025063000", "worldwide-mem-2025063000.json");
    service.serve("2025073100", "worldwide-mem-2025073100.json");
    service.serveChanges(
      JSON.stringify([
        ...JSON.parse(readFixture("changes-worldwide-excerpt-2020012800.json")),
        {
          id: 9001,
          endpointSetId: 172,
          disposition: "Change",
          version: "2025073100",
          impact: "AddedUrl",
          add: { effectiveDate: "20990101", urls: ["2.dl.delivery.mp.microsoft.com"] },
        },
        {
          id: 9002,
          endpointSetId: 163,
          disposition: "Change",
          version: "2025073100",
          impact: "RemovedIpOrUrl",
          remove: { ips: ["13.70.78.128/28"] },
        },
      ]),
    );
    const run = await drift(baseline, "--format", "markdown");
    expect(run.code).toBe(2);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("## Intune egress drift: 1 added, 0 removed, 4 changed");
    expect(lines.slice(2, 8)).toEqual([
      "Drift: 1 added, 0 removed, 4 changed; the rules change in Azure Firewall, AWS Network Firewall.",
      "",
      "| | service version | endpoints | model hash | source |",
      "|---|---|---|---|---|",
      expect.stringMatching(/^\| baseline \| 2025063000 \| \d+ \| `[0-9a-f]{12}` \| `file` \|$/),
      expect.stringMatching(/^\| live \| 2025073100 \| \d+ \| `[0-9a-f]{12}` \| live \|$/),
    ]);
    expect(lines.slice(9, 14)).toEqual([
      "| target | rules |",
      "|---|---|",
      expect.stringMatching(/^\| Azure Firewall \| \*\*change\*\*: `[0-9a-f]{12}` → `[0-9a-f]{12}` \|$/),
      expect.stringMatching(/^\| NSG \| unchanged \(`[0-9a-f]{12}`\) \|$/),
      expect.stringMatching(/^\| AWS Network Firewall \| \*\*change\*\*: `[0-9a-f]{12}` → `[0-9a-f]{12}` \|$/),
    ]);
    expect(lines).toContain("### Endpoint changes by feature");
    expect(lines).toContain("| feature | change | endpoint | ports | what changed | rules change in |");
    expect(lines).toContain(
      "| delivery-optimization | added | `2.dl.delivery.mp.microsoft.com` | TCP 80,443 | - | AWS Network Firewall, Azure Firewall |",
    );
    expect(lines).toContain("<details><summary>Rules that change</summary>");
    expect(lines).toContain("- Azure Firewall: intune/delivery-optimization-http-https");
    expect(lines).toContain("### Changes Microsoft published since the baseline version");
    const table = lines.slice(lines.indexOf("| effective | version | set | change | added | removed |"));
    expect(table.slice(0, 4)).toEqual([
      "| effective | version | set | change | added | removed |",
      "|---|---|---|---|---|---|",
      "| - | 2025073100 | 163 | change (RemovedIpOrUrl) | - | `13.70.78.128/28` |",
      "| 2099-01-01 **(upcoming)** | 2025073100 | 172 | change (AddedUrl) | `2.dl.delivery.mp.microsoft.com` | - |",
    ]);
    // The recorded change to Common set 149 does not concern Intune.
    expect(run.stdout).not.toContain("workplaceanalytics");
    expect(service.requests.find((r) => r.path.startsWith("/changes/"))?.path).toBe("/changes/Worldwide/2025063000");
  });

  test("no drift, and changes unavailable when the baseline has no version", async () => {
    const baseline = await snapshotAt("2025073100", "worldwide-mem-2025073100.json", ["--source", "snapshot"]);
    const run = await drift(baseline, "--format", "markdown", "--source", "snapshot");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 8)).toEqual([
      "## Intune egress: no drift",
      "",
      expect.stringMatching(
        /^> Compared with the embedded snapshot recorded 2026-05-29 \(\d+ days old\), not the live service\.$/,
      ),
      "",
      expect.stringMatching(/^No drift: the live model equals the baseline/),
      "",
      "| | service version | endpoints | model hash | source |",
      "|---|---|---|---|---|",
    ]);
    expect(lines).not.toContain("### Endpoint changes by feature");
    expect(run.stdout.split("\n")[0]).toBe("## Intune egress: no drift");
    expect(run.stdout).toContain(
      "Not available: `the baseline's service version was not recorded, so the changes published since it can't be asked for`.",
    );
  });
});

describe("a stack-output baseline", () => {
  function stackOutput(outputs: Record<string, unknown>): string {
    const file = path.join(dir, "stack-output.json");
    fs.writeFileSync(file, JSON.stringify(outputs, null, 2));
    return file;
  }
  const modelJson = (fixture: string, version: string) => {
    const model = { ...modelFromFixture(fixture, {}, version), source: "live" as const };
    return canonicalJson(baselineDocument(model, recordFilters("Worldwide", {})));
  };

  test("pulumi stack output --json with the component's modelJson", async () => {
    const file = stackOutput({
      endpointsVersion: "2025063000",
      intuneModel: modelJson("worldwide-mem-2025063000.json", "2025063000"),
      nsgSecurityRuleIds: ["/subscriptions/x"],
    });
    service.serve("2025073100", "worldwide-mem-2025073100.json");
    const run = await drift(file, "--format", "json");
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.baseline).toMatchObject({ version: "2025063000", foundIn: "stack output intuneModel" });
    expect(report.added.map((e: { address: string }) => e.address)).toEqual(["2.dl.delivery.mp.microsoft.com"]);
  });

  test("the model nested in an exported object, and --output-key between several", async () => {
    const file = stackOutput({
      hub: { modelJson: modelJson("worldwide-mem-2025073100.json", "2025073100") },
      spoke: { modelJson: modelJson("worldwide-mem-2025063000.json", "2025063000") },
    });
    service.serve("2025073100", "worldwide-mem-2025073100.json");
    const ambiguous = await drift(file);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain(
      "holds several IntuneEgress models (hub.modelJson, spoke.modelJson); pick one with --output-key",
    );
    expect((await drift(file, "--output-key", "hub.modelJson")).code).toBe(0);
    expect((await drift(file, "--output-key", "spoke.modelJson")).code).toBe(2);
  });
});

describe("the safety brake against the baseline", () => {
  test("a live model that drops 80% of the baseline is an error, not a report; the override lets it through", async () => {
    const baseline = await snapshotAt("2025073100", "worldwide-mem-2025073100.json", [
      "--include-m365-common",
      "--feature",
      "microsoft-365-common,core",
    ]);
    const sets = JSON.parse(readFixture("worldwide-mem-2025073100.json")) as Array<{
      id: number;
      urls?: string[];
      ips?: string[];
      serviceArea: string;
    }>;
    const kept = sets.map((s) =>
      s.id === 163
        ? s
        : {
            ...s,
            urls: s.urls?.slice(0, Math.ceil((s.urls?.length ?? 0) / 5)),
            ips: s.ips?.slice(0, Math.ceil((s.ips?.length ?? 0) / 5)),
          },
    );
    service.serve("2025082900", JSON.stringify(kept), true);
    const run = await drift(baseline, "--cache-dir", path.join(dir, "fresh-cache"));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^intune-egress drift: Safety brake: the new endpoint data removes \d+ of \d+ addresses \(\d+\.\d%\)/,
    );
    const forced = await drift(baseline, "--cache-dir", path.join(dir, "fresh-cache-2"), "--max-removal-ratio", "1");
    expect(forced.code).toBe(2);
  });
});

describe("drift alarms on rules, not on metadata", () => {
  const options = {
    sourceAddresses: PREVIEW_SOURCES,
    azureFirewall: {},
    nsg: {},
    awsNetworkFirewall: {},
  };
  const hashes = (file: string, version: string | null) =>
    rulesHashes(compileTargets(modelFromFixture(file, {}, version), options));
  const pairs = MEM_FIXTURES_IN_ORDER.slice(1).map((after, i) => [MEM_FIXTURES_IN_ORDER[i]!, after] as const);

  test.each(pairs.map(([a, b]) => [`${a.file} -> ${b.file}`, a, b] as const))(
    "%s: exit 2 exactly when some target's compiled rules differ",
    async (_name, before, after) => {
      const baseline = await snapshotAt(before.version ?? "2025010100", before.file);
      service.serve(after.version ?? "2026010100", after.file);
      const run = await drift(baseline, "--format", "json", "--max-removal-ratio", "1");
      const report = JSON.parse(run.stdout) as { status: string; rules: Array<{ changed: boolean }> };
      const rulesDiffer =
        JSON.stringify(hashes(before.file, before.version)) !== JSON.stringify(hashes(after.file, after.version));
      expect(run.code).toBe(rulesDiffer ? 2 : 0);
      expect(report.status === "drift").toBe(rulesDiffer);
      expect(report.rules.some((r) => r.changed)).toBe(rulesDiffer);
    },
  );

  test("2025063000 -> 2025082900 changes only origins and features: exit 0 by default, 2 with --fail-on model", async () => {
    const baseline = await snapshotAt("2025063000", "worldwide-mem-2025063000.json");
    service.serve("2025082900", "worldwide-mem-2025082900.json");
    const rules = await drift(baseline);
    expect(rules.code).toBe(0);
    expect(rules.stdout.split("\n")[0]).toBe(
      "No rule changes: the model changed (0 added, 0 removed, 4 changed), but every target's rules are the same.",
    );
    expect(rules.stdout).toContain("Model-only changes (no target's rules change):");
    const model = await drift(baseline, "--fail-on", "model");
    expect(model.code).toBe(2);
    const bad = await drift(baseline, "--fail-on", "everything");
    expect(bad.stderr).toBe(
      `intune-egress drift: --fail-on "everything" is not one of rules, model (see 'intune-egress drift --help')\n`,
    );
  });
});

describe("drift never passes on stale data", () => {
  test("an unreachable service is exit 1, naming the data it would have compared", async () => {
    const baseline = await snapshotAt("2025073100", "worldwide-mem-2025073100.json");
    clearServiceDataMemo();
    const run = await runCli([
      "drift",
      "--baseline",
      baseline,
      "--service-url",
      "http://127.0.0.1:9",
      "--cache-dir",
      path.join(dir, "empty"),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^intune-egress drift: drift could not read the live endpoints service, so it would have compared the embedded snapshot \(Worldwide MEM, service version not recorded, recorded 2026-05-29\) with the baseline, and a pass on that data proves nothing\. The endpoints service is unreachable \(.*\); using the embedded snapshot \(.*\)\. Fix the connection, or pass --source snapshot to compare that data on purpose\.\n$/,
    );
  });

  test("the cache, when the service is down, is refused too; --source cache compares it and says how old it is", async () => {
    const baseline = await snapshotAt("2025073100", "worldwide-mem-2025073100.json");
    service.fail("version", ...Array.from({ length: 10 }, () => ({ kind: "status" as const, status: 503 })));
    const refused = await drift(baseline);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("it would have compared the cached data (Worldwide MEM, version 2025073100");
    const onPurpose = await drift(baseline, "--source", "cache");
    expect(onPurpose.code).toBe(0);
    expect(onPurpose.stdout.split("\n")[1]).toMatch(
      /^Compared with the cached data recorded \d{4}-\d{2}-\d{2} \(0 days old\), not the live service\.$/,
    );
  });
});
