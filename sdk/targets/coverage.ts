/**
 * Coverage: what a target's rules do with each endpoint of the model. A compiler collects its claims (what it wrote
 * for each endpoint and why it left something out); `sdk/verify/coverage.ts` then decides every list from evaluating
 * the rules, so `enforced` is only what the rules are proved to allow.
 */
import { Endpoint } from "../model/types";

/** An endpoint a target enforces, and the rules that do it. */
export interface EnforcedEndpoint {
  readonly address: string;
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  readonly rules: readonly string[];
}

/** An endpoint a target enforces more broadly than the model says, and how. */
export interface WidenedEndpoint {
  readonly address: string;
  /** What the target allows instead. */
  readonly as: string;
  readonly reason: string;
}

/** An endpoint (or some of its ports) a target cannot express, and why. */
export interface UnenforcedEndpoint {
  readonly address: string;
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  readonly reason: string;
}

/**
 * What a target's rules do with the model. An endpoint can appear in several lists, each for some of its ports.
 * - `enforced`: every sample flow is allowed by a rule of ours;
 * - `widened`: the rules also allow flows beyond the endpoint (a wildcard's apex, deeper names, any port);
 * - `notEnforced`: allowed, but only by a platform default (nothing of ours restricts it);
 * - `blocked`: the deployed rules deny it: devices can't reach it;
 * - `notApplicable`: no source address of its family, so no flow to it exists.
 */
export interface Coverage {
  readonly enforced: readonly EnforcedEndpoint[];
  readonly widened: readonly WidenedEndpoint[];
  readonly notEnforced: readonly UnenforcedEndpoint[];
  readonly blocked: readonly UnenforcedEndpoint[];
  readonly notApplicable: readonly UnenforcedEndpoint[];
}

/** Collects coverage while a compiler runs, then returns it in canonical order (the model's order). */
export class CoverageBuilder {
  private readonly enforced = new Map<string, { tcp: Set<string>; udp: Set<string>; rules: Set<string> }>();
  private readonly widened: WidenedEndpoint[] = [];
  private readonly notEnforced: UnenforcedEndpoint[] = [];

  constructor(private readonly order: readonly Endpoint[]) {}

  enforce(address: string, tcpPorts: readonly string[], udpPorts: readonly string[], rule: string): void {
    const entry = this.enforced.get(address) ?? { tcp: new Set(), udp: new Set(), rules: new Set() };
    tcpPorts.forEach((p) => entry.tcp.add(p));
    udpPorts.forEach((p) => entry.udp.add(p));
    entry.rules.add(rule);
    this.enforced.set(address, entry);
  }

  widen(address: string, as: string, reason: string): void {
    if (!this.widened.some((w) => w.address === address && w.as === as && w.reason === reason))
      this.widened.push({ address, as, reason });
  }

  skip(address: string, tcpPorts: readonly string[], udpPorts: readonly string[], reason: string): void {
    if (tcpPorts.length + udpPorts.length === 0) return;
    this.notEnforced.push({ address, tcpPorts: [...tcpPorts], udpPorts: [...udpPorts], reason });
  }

  build(): Coverage {
    const rank = new Map(this.order.map((e, i) => [e.address, i]));
    const byModel = (a: { address: string }, b: { address: string }) =>
      (rank.get(a.address) ?? 0) - (rank.get(b.address) ?? 0);
    const sortPorts = (ports: Set<string>) => [...ports].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    return {
      enforced: [...this.enforced.entries()]
        .map(([address, e]) => ({
          address,
          tcpPorts: sortPorts(e.tcp),
          udpPorts: sortPorts(e.udp),
          rules: [...e.rules].sort(),
        }))
        .sort(byModel),
      widened: [...this.widened].sort(byModel),
      notEnforced: [...this.notEnforced].sort(byModel),
      blocked: [],
      notApplicable: [],
    };
  }
}
