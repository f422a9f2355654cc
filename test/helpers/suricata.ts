import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FlowSpec, buildPcap } from "./pcap";

/** The Suricata version on this machine, or undefined. */
export function suricataVersion(): string | undefined {
  const result = spawnSync("suricata", ["-V"], { encoding: "utf8" });
  if (result.status !== 0) return undefined;
  return /version (\d+\.\d+\.\d+)/.exec(result.stdout + result.stderr)?.[1];
}

/**
 * `describe` for tests that need Suricata 7. With CI=true they must run: a missing engine fails the suite. Locally
 * they skip with a visible message.
 */
export function describeWithSuricata(name: string, body: () => void): void {
  const version = suricataVersion();
  if (version?.startsWith("7.")) {
    describe(`${name} (Suricata ${version})`, body);
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      test("Suricata 7 is installed (CI must run these tests)", () => {
        throw new Error(
          `CI=true but Suricata 7 is not installed (found: ${version ?? "none"}). Run .ci/install-suricata.sh.`,
        );
      });
    });
    return;
  }
  // The run's global setup says once that these tests skip, and why.
  describe.skip(`${name} (skipped: needs Suricata 7)`, body);
}

export const HOME_NET = "10.0.0.0/8";

function workDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-suricata-"));
}

/** `suricata -T`: does the engine accept these rules? Returns the engine's error lines when it does not. */
export function checkRules(rules: string): { ok: boolean; errors: string[] } {
  const dir = workDir();
  try {
    fs.writeFileSync(path.join(dir, "test.rules"), rules);
    const result = spawnSync(
      "suricata",
      ["-T", "-S", path.join(dir, "test.rules"), "-l", dir, "--set", `vars.address-groups.HOME_NET=${HOME_NET}`],
      { encoding: "utf8" },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    const errors = output.split("\n").filter((l) => /\bError\b|\bE:/.test(l));
    return { ok: result.status === 0 && errors.length === 0, errors };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Verdict {
  readonly action: string;
  readonly sid: number;
  readonly msg: string;
}

/**
 * Replays the flows through the rules offline (`suricata -r`, no traffic sent) and returns, per flow label, what
 * fast.log recorded for it: `[wDrop]` (or, with `ips`, `[Drop]`) entries are what the firewall would drop.
 */
export function replay(
  rules: string,
  flows: readonly FlowSpec[],
  options: { homeNet?: string; ips?: boolean } = {},
): Map<string, Verdict[]> {
  const ports = new Map<number, string>();
  for (const flow of flows) {
    if (ports.has(flow.srcPort)) throw new Error(`two flows use source port ${flow.srcPort}`);
    ports.set(flow.srcPort, flow.label);
  }
  const dir = workDir();
  try {
    fs.writeFileSync(path.join(dir, "test.rules"), rules);
    fs.writeFileSync(path.join(dir, "flows.pcap"), buildPcap(flows));
    const result = spawnSync(
      "suricata",
      [
        "-r",
        path.join(dir, "flows.pcap"),
        "-S",
        path.join(dir, "test.rules"),
        "-k",
        "none",
        "-l",
        dir,
        "--set",
        `vars.address-groups.HOME_NET=${options.homeNet ?? HOME_NET}`,
        "--runmode",
        "single",
        // Inline (IPS) inspection, as AWS Network Firewall runs: app-layer rules see data on the packet that carries it.
        ...(options.ips ? ["--simulate-ips"] : []),
      ],
      { encoding: "utf8" },
    );
    if (result.status !== 0) throw new Error(`suricata failed (${result.status}): ${result.stderr}`);
    const verdicts = new Map<string, Verdict[]>(flows.map((f) => [f.label, []]));
    const log = fs.existsSync(path.join(dir, "fast.log")) ? fs.readFileSync(path.join(dir, "fast.log"), "utf8") : "";
    for (const line of log.split("\n").filter((l) => l.trim() !== "")) {
      const match =
        /(?:\[(wDrop|Drop)\] )?\[\*\*\] \[\d+:(\d+):\d+\] (.*?) \[\*\*\].*\{(?:TCP|UDP)\} [^ ]+?[:.](\d+) -> [^ ]+?[:.](\d+)$/.exec(
          line.trim(),
        );
      if (!match) throw new Error(`unreadable fast.log line: ${line}`);
      // The client's port names the flow, whichever direction the logged packet went.
      const label = ports.get(Number(match[4])) ?? ports.get(Number(match[5]));
      if (label === undefined) throw new Error(`fast.log names an unknown flow: ${line}`);
      verdicts.get(label)?.push({ action: match[1] ?? "alert", sid: Number(match[2]), msg: match[3] ?? "" });
    }
    return verdicts;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
