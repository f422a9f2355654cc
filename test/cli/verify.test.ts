/**
 * `intune-egress verify` on the embedded snapshot: the exit codes and findings the pipeline contract promises.
 */
import { runCli } from "../helpers/cli";

type Json = {
  targets: Record<
    string,
    {
      endpoints: Array<{
        address: string;
        verdict: string;
        by: string;
        reason?: string;
        flows: Array<{ verdict: string }>;
      }>;
      probes: Array<{ probe: string; flow: string; verdict: string; by: string }>;
      summary: { endpoints: Record<string, number>; probes: Record<string, number> };
    }
  >;
  exitCode: number;
};

async function verify(...args: string[]): Promise<{ code: number; json: Json; stderr: string }> {
  const run = await runCli(["verify", "--source", "snapshot", "--format", "json", ...args]);
  return { code: run.code, json: JSON.parse(run.stdout) as Json, stderr: run.stderr };
}

test("NSG by default: exit 3, every probe let out by AllowInternetOutBound", async () => {
  const { code, json, stderr } = await verify("--target", "nsg");
  expect(code).toBe(3);
  const nsg = json.targets.nsg;
  expect(nsg?.summary).toEqual({
    endpoints: { allowed: 268, blocked: 0, notApplicable: 15 },
    probes: { denied: 0, allowed: 41 },
  });
  expect(new Set(nsg?.probes.map((p) => p.by))).toEqual(new Set(["AllowInternetOutBound (65001)"]));
  expect(stderr).toContain("NSG: the rules restrict nothing beyond the model for 41 of 41 probe flows");
  expect(stderr).toContain("set denyInternetOutbound to close it");
});

test("NSG with --deny-internet-outbound: exit 2, names blocked (login.live.com), every probe denied", async () => {
  const { code, json } = await verify("--target", "nsg", "--deny-internet-outbound");
  expect(code).toBe(2);
  const live = json.targets.nsg?.endpoints.find((e) => e.address === "login.live.com");
  expect(live).toMatchObject({ verdict: "blocked", by: "intune-deny-internet-outbound (2999)" });
  expect(live?.reason).toContain("send name traffic through Azure Firewall or a proxy");
  expect(json.targets.nsg?.summary.probes).toEqual({ denied: 41, allowed: 0 });
});

test("Azure Firewall: exit 2 on time.windows.com UDP 123 with the --dns-proxy remedy; exit 0 with it", async () => {
  const table = await runCli(["verify", "--source", "snapshot", "--target", "azure-firewall"]);
  expect(table.code).toBe(2);
  expect(table.stdout).toContain(
    "  blocked  time.windows.com (udp/123 time.windows.com from 10.0.0.1) by Azure Firewall default: deny (no rule matched): application rules carry only HTTP/HTTPS; an FQDN network rule needs the firewall's DNS proxy (dnsProxyEnabled) [remedy: --dns-proxy]\n",
  );
  const { code, json } = await verify("--target", "azure-firewall", "--dns-proxy");
  expect(code).toBe(0);
  const az = json.targets["azure-firewall"];
  expect(az?.summary).toEqual({
    endpoints: { allowed: 268, blocked: 0, notApplicable: 15 },
    probes: { denied: 41, allowed: 0 },
  });
  const v6 = az?.endpoints.filter((e) => e.address.includes(":"));
  expect(v6?.length).toBe(15);
  expect(v6?.every((e) => e.verdict === "not-applicable")).toBe(true);
});

test("AWS defaults deny every probe; DEFAULT_ACTION_ORDER without drops exits 3", async () => {
  const defaults = await verify("--target", "aws-network-firewall");
  expect(defaults.json.targets["aws-network-firewall"]?.summary.probes).toEqual({ denied: 41, allowed: 0 });
  const order = await verify("--target", "aws-network-firewall", "--aws-rule-order", "DEFAULT_ACTION_ORDER");
  expect(order.code).toBe(3);
  expect(order.json.targets["aws-network-firewall"]?.summary.probes).toEqual({ denied: 0, allowed: 41 });
  const strict = await verify("--target", "aws-network-firewall", "--aws-default-action", "aws:drop_strict");
  // drop_strict drops the TCP handshake before any SNI: every name is blocked.
  expect(strict.code).toBe(2);
  expect(
    strict.json.targets["aws-network-firewall"]?.endpoints.find((e) => e.address === "manage.microsoft.com"),
  ).toMatchObject({
    verdict: "blocked",
    by: "policy default aws:drop_strict",
  });
});

test("--flow asks about one flow from each source family", async () => {
  const { json } = await verify(
    "--target",
    "azure-firewall",
    "--source-address",
    "10.1.0.0/16",
    "--flow",
    "tcp:443:www.example.com",
    "--flow",
    "tcp:443:enterpriseregistration.windows.net",
  );
  const mine = json.targets["azure-firewall"]?.probes.filter((p) => p.probe.startsWith("your flow"));
  expect(mine?.map((p) => [p.flow, p.verdict])).toEqual([
    ["tcp/443 www.example.com from 10.1.0.1", "denied"],
    ["tcp/443 enterpriseregistration.windows.net from 10.1.0.1", "allowed"],
  ]);
});

test.each([
  [
    ["--flow", "icmp:0:x"],
    'intune-egress verify: --flow "icmp:0:x" is not PROTO:PORT:HOST_OR_IP (e.g. tcp:443:www.example.com or udp:53:192.0.2.1).\n',
  ],
  [
    ["--source-address", "0.0.0.0/0"],
    'intune-egress verify: --source-address: source address "0.0.0.0/0" is every address',
  ],
])("%j fails with a clear message", async (args, message) => {
  const run = await runCli(["verify", "--source", "snapshot", ...args]);
  expect(run.code).toBe(1);
  expect(run.stderr.startsWith(message)).toBe(true);
});
