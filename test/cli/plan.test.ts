import * as fs from "fs";
import * as path from "path";
import { runCli } from "../helpers/cli";
import { FakeEndpointsService, readFixtureJson, useFakeService } from "../helpers/fakeService";

const fake = useFakeService(({ service }) => service.serve("2025073100", "worldwide-mem-2025073100.json"));
let service: FakeEndpointsService;
let cacheDir: string;
beforeEach(() => ({ service, cacheDir } = fake));

describe("intune-egress plan", () => {
  test("--format json prints the model contract", async () => {
    const run = await runCli(["plan", "--format", "json", "--service-url", service.url, "--cache-dir", cacheDir]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["model", "warnings"]));
    // The default targets' evaluated findings, in the JSON and on stderr, one line each.
    expect(out.warnings.map((w: string) => w.split(":")[0])).toEqual(["Azure Firewall", "NSG", "AWS Network Firewall"]);
    expect(run.stderr).toBe(out.warnings.map((w: string) => `warning: ${w}\n`).join(""));
    expect(out.model).toMatchObject({ instance: "Worldwide", version: "2025073100", source: "live" });
    expect(out.model.hash).toMatch(/^[0-9a-f]{64}$/);
    const ntp = out.model.endpoints.find((e: { address: string }) => e.address === "time.windows.com");
    expect(ntp).toEqual({
      address: "time.windows.com",
      form: "fqdn",
      type: "fqdn",
      tcpPorts: [],
      udpPorts: ["123"],
      category: "Default",
      required: true,
      features: ["autopilot"],
      regions: ["NA", "EU", "AP"],
      tlsInspectionUnsupported: false,
      origins: [
        { kind: "service", setId: 165 },
        { kind: "catalog", feature: "autopilot" },
      ],
    });
    expect(service.routes()).toEqual(["version", "endpoints"]);
  });

  test("an unreachable service is one warning line, then the snapshot", async () => {
    const run = await runCli([
      "plan",
      "--service-url",
      "http://127.0.0.1:9",
      "--cache-dir",
      cacheDir,
      "--target",
      "azure-firewall",
      "--dns-proxy",
    ]);
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^warning: The endpoints service is unreachable \(.*\); using the embedded snapshot \(Worldwide MEM, service version not recorded, recorded 2026-05-29\)$/,
    );
    expect(run.stdout).toContain("Intune endpoint model: Worldwide, service version not recorded, source snapshot");
    expect(run.stdout).toMatch(/\ncore +2 +2 +88 +3 +95\n/);
    expect(run.stdout).toMatch(/\ntime\.windows\.com +UDP 123 +Default +all +autopilot\n/);
  });

  test("filters reach the model", async () => {
    const run = await runCli([
      "plan",
      "--format",
      "json",
      "--source",
      "snapshot",
      "--region",
      "EU",
      "--feature",
      "win32-apps",
      "--no-ipv6",
    ]);
    expect(run.code).toBe(0);
    const names: string[] = JSON.parse(run.stdout).model.endpoints.map((e: { address: string }) => e.address);
    expect(names).toContain("euprodimedatapri.azureedge.net");
    expect(names).not.toContain("naprodimedatapri.azureedge.net");
  });

  test.each([
    [
      ["plan", "--region", "US"],
      "intune-egress plan: --region US is not one of NA, EU, AP (see 'intune-egress plan --help')\n",
    ],
    [["plan", "--bogus"], "intune-egress plan: Unknown option '--bogus' (see 'intune-egress plan --help')\n"],
    [
      ["plan", "--format", "yaml"],
      "intune-egress plan: --format yaml is not one of table, json (see 'intune-egress plan --help')\n",
    ],
    [
      ["plan", "--source", "snapshot", "--feature", "nope"],
      expect.stringMatching(/^intune-egress plan: --feature: unknown feature nope\. Known features: core, .*\n$/),
    ],
    [
      ["plan", "--service-url", "http://example.com"],
      expect.stringMatching(/^intune-egress plan: The service URL http:\/\/example\.com uses plain http\..*\n$/),
    ],
    [["deploy"], "intune-egress: unknown command 'deploy'. Commands: plan, verify, drift, snapshot.\n"],
  ])("%j fails with exit 1 and one line on stderr", async (argv, message) => {
    const run = await runCli(argv as string[]);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual(message);
    expect(run.stdout).toBe("");
  });

  test("--source live never falls back", async () => {
    const run = await runCli([
      "plan",
      "--source",
      "live",
      "--service-url",
      "http://127.0.0.1:9",
      "--cache-dir",
      cacheDir,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^intune-egress plan: The endpoints service at http:\/\/127\.0\.0\.1:9 is unavailable: .*ECONNREFUSED.*\n$/,
    );
  });
});

describe("intune-egress plan with targets", () => {
  test("--format json adds the three targets beside the model", async () => {
    const run = await runCli(["plan", "--format", "json", "--source", "snapshot", "--source-address", "10.20.0.0/16"]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(["model", "sources", "azureFirewall", "nsg", "awsNetworkFirewall", "warnings"]);
    expect(out.sources).toEqual({ addresses: ["10.20.0.0/16"], previewDefault: false });
    expect(Object.keys(out.azureFirewall)).toEqual(["ruleCollectionGroups", "coverage", "stats", "rulesHash"]);
    expect(out.azureFirewall.ruleCollectionGroups[0]).toMatchObject({ name: "intune", priority: 500 });
    expect(Object.keys(out.nsg)).toEqual(["securityRules", "coverage", "stats", "rulesHash"]);
    expect(out.nsg.securityRules[0]).toMatchObject({
      name: "intune-ipv4-tcp-80-443",
      direction: "Outbound",
      access: "Allow",
      protocol: "Tcp",
    });
    expect(Object.keys(out.awsNetworkFirewall)).toEqual(["ruleGroups", "coverage", "stats", "rulesHash"]);
    expect(out.awsNetworkFirewall.ruleGroups[0]).toMatchObject({ name: "intune", type: "STATEFUL", capacity: 1000 });
    expect(
      out.nsg.coverage.notEnforced.find((n: { address: string }) => n.address === "manage.microsoft.com").reason,
    ).toBe(
      "allowed only by AllowInternetOutBound (65001), not by a rule of ours; an NSG matches IP prefixes only, not host names",
    );
    expect(Object.keys(out.nsg.coverage)).toEqual(["enforced", "widened", "notEnforced", "blocked", "notApplicable"]);
    expect(out.azureFirewall.coverage.blocked.map((b: { address: string }) => b.address)).toEqual(["time.windows.com"]);
    expect(out.warnings).toHaveLength(3);
  });

  test("--target picks targets; target options reach the compilers", async () => {
    const run = await runCli([
      "plan",
      "--format",
      "json",
      "--source",
      "snapshot",
      "--target",
      "nsg",
      "--source-address",
      "10.20.0.0/16",
      "--use-service-tags",
      "--nsg-priority-start",
      "300",
      "--nsg-priority-end",
      "399",
      "--deny-internet-outbound",
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(["model", "sources", "nsg", "warnings"]);
    expect(out.nsg.securityRules.map((r: { name: string }) => r.name).sort()).toEqual([
      "intune-afd-ipv4-tcp-80-443",
      "intune-deny-internet-outbound",
      "intune-ipv4-tcp-80-443",
    ]);
    expect(out.nsg.securityRules.at(-1)).toMatchObject({ priority: 399, access: "Deny" });
  });

  test("the table shows each target's rules and coverage", async () => {
    const run = await runCli(["plan", "--source", "snapshot", "--source-address", "10.20.0.0/16", "--drop-unmatched"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Rule sources: 10.20.0.0/16\n");
    expect(run.stdout).toContain(
      "Azure Firewall Policy: 1 rule collection group(s), 2 network and 18 application rules",
    );
    expect(run.stdout).toMatch(
      /\n {4}- core-http-https: Http:80 Https:443 to 4 FQDNs\n {6}\*\.dm\.microsoft\.com, manage\.microsoft\.com, \*\.manage\.microsoft\.com,\n {6}enterpriseenrollment\.manage\.microsoft\.com\n/,
    );
    expect(run.stdout).toContain(
      "BLOCKED  time.windows.com (UDP 123): application rules carry only HTTP/HTTPS; an FQDN network rule needs the firewall's DNS proxy (dnsProxyEnabled)",
    );
    expect(run.stdout).toMatch(/\n {2}\d{4} +intune-ipv4-tcp-80-443 +Allow +Tcp +80,443 +92 prefixes\n/);
    expect(run.stdout).toMatch(
      /\n {4}drop tls \$HOME_NET any -> \$EXTERNAL_NET any \(msg:"intune-egress TLS to a name or port outside the allow list";/,
    );
  });

  test("no --source-address: the preview uses RFC 1918 sources and says so", async () => {
    const run = await runCli(["plan", "--format", "json", "--source", "snapshot", "--target", "aws-network-firewall"]);
    expect(JSON.parse(run.stdout).sources).toEqual({
      addresses: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
      previewDefault: true,
    });
  });

  test.each([
    [
      ["plan", "--target", "gcp"],
      "intune-egress plan: --target gcp is not one of azure-firewall, nsg, aws-network-firewall, all (see 'intune-egress plan --help')\n",
    ],
    [
      ["plan", "--source", "snapshot", "--source-address", "everyone"],
      "intune-egress plan: --source-address: source address \"everyone\" is not an IPv4 or IPv6 address or CIDR. (see 'intune-egress plan --help')\n",
    ],
    [
      ["plan", "--source", "snapshot", "--target", "nsg", "--nsg-priority-start", "5000"],
      "intune-egress plan: --nsg-priority-start must be an integer from 100 to 4096, got 5000. (see 'intune-egress plan --help')\n",
    ],
  ])("%j fails with exit 1", async (argv, message) => {
    const run = await runCli(argv as string[]);
    expect(run).toEqual({ code: 1, stdout: "", stderr: message });
  });
});

describe("security: Suricata syntax in a service response", () => {
  const poisoned = () => {
    const sets = readFixtureJson<Array<{ id: number; urls: string[] }>>("worldwide-mem-2025073100.json");
    sets.find((s) => s.id === 163)?.urls.push('evil.com"; sid:1; pass ip any any -> any any (msg:"x');
    return JSON.stringify(sets);
  };

  test("a live-only plan fails with a clear validation error and renders nothing", async () => {
    service.serve("2025082900", poisoned(), true);
    const run = await runCli([
      "plan",
      "--source",
      "live",
      "--format",
      "json",
      "--service-url",
      service.url,
      "--cache-dir",
      cacheDir,
      "--source-address",
      "10.20.0.0/16",
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'intune-egress plan: endpoint set 163: url "evil.com\\"; sid:1; pass ip any any -> any any (msg:\\"x" rejected (it contains a double quote, which no host name or CIDR may contain)\n',
    );
  });

  test("with fallbacks, the bad data is refused, said so, and the rules come from the last good data", async () => {
    service.serve("2025082900", poisoned(), true);
    const run = await runCli([
      "plan",
      "--format",
      "json",
      "--service-url",
      service.url,
      "--cache-dir",
      cacheDir,
      "--source-address",
      "10.20.0.0/16",
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(JSON.stringify({ ...out, warnings: [] })).not.toContain("evil.com");
    expect(out.model.source).toBe("snapshot");
    expect(out.warnings[0]).toMatch(
      /^The endpoints service returned data that failed validation \(endpoint set 163: url "evil\.com/,
    );
  });
});

describe("intune-egress snapshot", () => {
  test("--out writes the resolved model, --raw-out the raw data with its version", async () => {
    const out = path.join(cacheDir, "baseline.json");
    const raw = path.join(cacheDir, "raw.json");
    const run = await runCli([
      "snapshot",
      "--out",
      out,
      "--raw-out",
      raw,
      "--service-url",
      service.url,
      "--cache-dir",
      cacheDir,
    ]);
    expect(run.code).toBe(0);
    const baseline = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(baseline).toMatchObject({
      kind: "intune-egress-model",
      formatVersion: 1,
      model: { version: "2025073100", source: "live" },
    });
    const rawData = JSON.parse(fs.readFileSync(raw, "utf8"));
    expect(rawData).toMatchObject({ instance: "Worldwide", serviceAreas: ["MEM"], version: "2025073100" });
    expect(rawData.endpointSets).toEqual(readFixtureJson("worldwide-mem-2025073100.json"));
  });

  test("needs a file", async () => {
    const run = await runCli(["snapshot"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "intune-egress snapshot: snapshot needs --out FILE or --raw-out FILE (see 'intune-egress snapshot --help')\n",
    });
  });
});

describe("additive features", () => {
  const addresses = async (...args: string[]) => {
    const run = await runCli(["plan", "--source", "snapshot", "--format", "json", "--target", "nsg", ...args]);
    expect(run.code).toBe(0);
    return new Set(JSON.parse(run.stdout).model.endpoints.map((e: { address: string }) => e.address) as string[]);
  };

  test("--feature +apple is the defaults plus Apple; --feature apple is Apple alone", async () => {
    const defaults = await addresses();
    const plus = await addresses("--feature", "+apple");
    const only = await addresses("--feature", "apple");
    expect(plus.has("*.push.apple.com")).toBe(true);
    expect([...defaults].every((a) => plus.has(a))).toBe(true);
    expect(plus.size).toBe(defaults.size + 2);
    expect([...only].sort()).toEqual(["*.push.apple.com", "17.0.0.0/8"]);
  });

  test("--feature core --feature +apple: exactly core, plus Apple", async () => {
    const core = await addresses("--feature", "core");
    const both = await addresses("--feature", "core", "--feature", "+apple");
    expect(both.size).toBe(core.size + 2);
  });

  test("an unknown added feature names the flag", async () => {
    const run = await runCli(["plan", "--source", "snapshot", "--feature", "+apples"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^intune-egress plan: --feature: unknown feature apples\. Known features: core,/);
  });
});
