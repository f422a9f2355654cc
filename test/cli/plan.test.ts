import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { clearServiceDataMemo } from "../../sdk/service/source";
import { runCli } from "../helpers/cli";
import { FakeEndpointsService } from "../helpers/fakeService";

let service: FakeEndpointsService;
let cacheDir: string;

beforeAll(async () => {
  service = await new FakeEndpointsService().start();
});
afterAll(async () => {
  await service.stop();
});
beforeEach(() => {
  clearServiceDataMemo();
  service.resetLog();
  service.serve("2025073100", "worldwide-mem-2025073100.json");
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-cli-"));
});
afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe("intune-egress plan", () => {
  test("--format json prints the model contract", async () => {
    const run = await runCli(["plan", "--format", "json", "--service-url", service.url, "--cache-dir", cacheDir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["model", "warnings"]));
    expect(out.warnings).toEqual([]);
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
    const run = await runCli(["plan", "--service-url", "http://127.0.0.1:9", "--cache-dir", cacheDir]);
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
      expect.stringMatching(/^intune-egress plan: Unknown feature in features: nope\. Known features: core, .*\n$/),
    ],
    [
      ["plan", "--service-url", "http://example.com"],
      expect.stringMatching(/^intune-egress plan: The service URL http:\/\/example\.com uses plain http\..*\n$/),
    ],
    [["deploy"], "intune-egress: unknown command 'deploy'. Commands: plan, snapshot.\n"],
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
      kind: "intune-egress-snapshot",
      formatVersion: 1,
      model: { version: "2025073100", source: "live" },
    });
    const rawData = JSON.parse(fs.readFileSync(raw, "utf8"));
    expect(rawData).toMatchObject({ instance: "Worldwide", serviceAreas: ["MEM"], version: "2025073100" });
    expect(rawData.endpointSets).toEqual(
      JSON.parse(
        fs.readFileSync(
          path.resolve(__dirname, "../../../shared/fixtures/endpoints/worldwide-mem-2025073100.json"),
          "utf8",
        ),
      ),
    );
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
