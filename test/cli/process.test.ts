/**
 * Ordinary failures, run as a user runs them: the built CLI in a child process, each under a time limit. None may
 * print a stack trace or hang; each ends with one line that names what was wrong.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const BIN = path.resolve(__dirname, "../../bin/intune-egress.js");
const LIMIT_MS = 30_000;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-process-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    timeout: LIMIT_MS,
    env: { ...process.env, INTUNE_EGRESS_CACHE_DIR: path.join(dir, "cache"), ...env },
  });
  const errors = result.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("warning: "));
  return {
    code: result.status,
    errors,
    stderr: result.stderr,
    ms: Date.now() - started,
    timedOut: result.error !== undefined,
  };
}

function expectOneLine(r: ReturnType<typeof run>, code: number, line: string | RegExp) {
  expect(r.timedOut).toBe(false);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(code);
  expect(r.errors).toHaveLength(1);
  if (typeof line === "string") expect(r.errors[0]).toBe(line);
  else expect(r.errors[0]).toMatch(line);
}

test("plan | head -1: the closed pipe ends the output quietly, exit 0", async () => {
  const child = spawn(process.execPath, [BIN, "plan", "--source", "snapshot"], {
    env: { ...process.env, INTUNE_EGRESS_CACHE_DIR: path.join(dir, "cache") },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), LIMIT_MS);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code).toBe(0);
  expect(stderr.split("\n").filter((l) => l !== "" && !l.startsWith("warning: "))).toEqual([]);
});

test("snapshot --out a directory names the path and the problem", () => {
  expectOneLine(
    run(["snapshot", "--source", "snapshot", "--out", dir]),
    1,
    `intune-egress snapshot: Cannot write ${dir}: it is a directory; give a file name (EISDIR).`,
  );
});

test("snapshot --out below a file names the path and the problem", () => {
  const file = path.join(dir, "a-file");
  fs.writeFileSync(file, "x");
  expectOneLine(
    run(["snapshot", "--source", "snapshot", "--out", path.join(file, "baseline.json")]),
    1,
    `intune-egress snapshot: Cannot write ${path.join(file, "baseline.json")}: ${file} exists and is not a folder.`,
  );
});

test("snapshot --out under /proc is refused at once", () => {
  expectOneLine(
    run(["snapshot", "--source", "snapshot", "--out", "/proc/intune-egress/baseline.json"]),
    1,
    "intune-egress snapshot: Cannot write /proc/intune-egress/baseline.json: /proc/intune-egress is on a special file system (proc), not a place for files.",
  );
});

test("a cache folder under /proc does not hang: a warning, and no cache", () => {
  const r = run(["plan", "--source", "snapshot", "--target", "nsg"], {
    INTUNE_EGRESS_CACHE_DIR: "/proc/intune-egress",
  });
  expect(r.timedOut).toBe(false);
  expect(r.code).toBe(0);
  expect(r.ms).toBeLessThan(LIMIT_MS);
});

test("a password in --service-url is never echoed", () => {
  const r = run(["plan", "--service-url", "https://admin:hunter2@endpoints.example.com/?token=abc"]);
  expectOneLine(
    r,
    1,
    "intune-egress plan: The service URL https://<redacted>@endpoints.example.com/?<redacted> must not carry credentials, a query or a fragment: give the base URL only. (see 'intune-egress plan --help')",
  );
  expect(r.stderr).not.toContain("hunter2");
  expect(r.stderr).not.toContain("abc");
});

test.each([
  [["--max-removal-ratio", "-1"], "--max-removal-ratio must be a number from 0 to 1 (1 turns the brake off), got -1."],
  [["--max-removal-ratio", ""], '--max-removal-ratio must be a number from 0 to 1 (1 turns the brake off), got ""'],
  [["--capacity-headroom", ""], '--capacity-headroom takes a number from 0 to 10, got "".'],
  [["--capacity-headroom", "-0.5"], "--capacity-headroom must be a number from 0 to 10, got -0.5."],
  [
    ["--feature", "delivery-optimization-peering", "--do-peer", "garbage"],
    '--do-peer "garbage" is not an IP range: give the CIDR of devices that may peer (e.g. 10.20.0.0/16)',
  ],
])("%j: the flag's own message", (args, message) => {
  expectOneLine(
    run(["plan", "--source", "snapshot", ...args]),
    1,
    `intune-egress plan: ${message} (see 'intune-egress plan --help')`,
  );
});

test("flags without effect warn, naming both sides", () => {
  const r = run(["plan", "--source", "snapshot", "--target", "nsg", "--dns-proxy", "--do-peer", "10.1.0.0/16"]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(
    "warning: --dns-proxy has no effect: it applies to azure-firewall, and --target selects nsg.\n",
  );
  expect(r.stderr).toContain(
    "warning: --do-peer has no effect without --feature delivery-optimization-peering (or --feature +delivery-optimization-peering): peering is opt-in.\n",
  );
  const aws = run([
    "plan",
    "--source",
    "snapshot",
    "--target",
    "aws-network-firewall",
    "--aws-format",
    "domainList",
    "--drop-unmatched",
  ]);
  expect(aws.stderr).toContain(
    "warning: --drop-unmatched has no effect with --aws-format domainList: a domain list drops other TLS and HTTP itself.\n",
  );
});
