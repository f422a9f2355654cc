/**
 * Coverage decided by evaluation, not by what a compiler meant to write: per endpoint and port, `enforced` only when
 * every sample flow is allowed by a rule of ours, `notEnforced` when only a platform default lets it through,
 * `blocked` when the rules deny it, `notApplicable` when no source of its family exists, and `widened` where the
 * compiler widened it or flows beyond it are allowed. The compiler's reasons are kept: they name the option to change.
 */
import { Coverage, EnforcedEndpoint, UnenforcedEndpoint, WidenedEndpoint } from "../targets/coverage";
import { portRange, portsInclude } from "../model/ports";
import { Decision } from "./decision";
import { Flow } from "./flows";
import { TargetVerification, claimedReason } from "./verify";

type Fate =
  { kind: "enforced"; rules: string[] } | { kind: "notEnforced" | "blocked" | "notApplicable"; reason: string };

function fateOf(
  pairs: ReadonlyArray<readonly [Flow, Decision]>,
  notApplicable: boolean,
  claimedReason: string | undefined,
): Fate {
  if (notApplicable) return { kind: "notApplicable", reason: claimedReason ?? "no source address of its family" };
  const denied = pairs.find(([, d]) => !d.allowed);
  if (denied) return { kind: "blocked", reason: claimedReason ?? denied[1].reason ?? `denied by ${denied[1].by}` };
  const notOurs = pairs.find(([, d]) => !d.ours);
  if (notOurs)
    return {
      kind: "notEnforced",
      reason: `allowed only by ${notOurs[1].by}, not by a rule of ours${claimedReason ? `; ${claimedReason}` : ""}`,
    };
  return { kind: "enforced", rules: [...new Set(pairs.map(([, d]) => d.by))].sort() };
}

export function evaluatedCoverage(claims: Coverage, verification: TargetVerification): Coverage {
  const enforced: EnforcedEndpoint[] = [];
  const lists: Record<"notEnforced" | "blocked" | "notApplicable", UnenforcedEndpoint[]> = {
    notEnforced: [],
    blocked: [],
    notApplicable: [],
  };
  const widened: WidenedEndpoint[] = [];
  for (const { sample, decisions, beyond } of verification.samples) {
    const address = sample.endpoint.address;
    const byKey = new Map<string, { fate: Fate; tcp: string[]; udp: string[] }>();
    for (const protocol of ["tcp", "udp"] as const) {
      for (const spec of protocol === "tcp" ? sample.endpoint.tcpPorts : sample.endpoint.udpPorts) {
        const pairs = sample.flows
          .map((f, i) => [f, decisions[i] as Decision] as const)
          .filter(([f]) => f.protocol === protocol && portsInclude([spec], f.port));
        const reason = claimedReason(claims, address, protocol, portRange(spec).from);
        const fate = fateOf(pairs, pairs.length === 0, reason);
        const key = JSON.stringify(fate);
        const entry = byKey.get(key) ?? { fate, tcp: [], udp: [] };
        (protocol === "tcp" ? entry.tcp : entry.udp).push(spec);
        byKey.set(key, entry);
      }
    }
    for (const { fate, tcp, udp } of byKey.values()) {
      if (fate.kind === "enforced") enforced.push({ address, tcpPorts: tcp, udpPorts: udp, rules: fate.rules });
      else lists[fate.kind].push({ address, tcpPorts: tcp, udpPorts: udp, reason: fate.reason });
    }
    if (lists.blocked.some((b) => b.address === address) && ![...byKey.values()].some((e) => e.fate.kind !== "blocked"))
      continue;
    for (const w of claims.widened.filter((x) => x.address === address)) widened.push(w);
    sample.beyond.forEach((flow, i) => {
      const d = beyond[i] as Decision;
      if (d.allowed && d.ours && flow.host && !widened.some((w) => w.address === address && w.as === flow.host))
        widened.push({
          address,
          as: flow.host,
          reason: `${d.by} also allows ${flow.host}, which the endpoint does not name`,
        });
    });
  }
  return { enforced, widened, ...lists };
}
