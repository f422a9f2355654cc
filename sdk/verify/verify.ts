/**
 * Verification: a target's compiled rules evaluated on the verification set. Every model endpoint gets a verdict
 * (allowed, blocked, not-applicable) and every probe one (denied, allowed), each with what decided it. The summary and
 * the warnings say, in the target's own terms, when the rules block Intune or let other traffic out.
 */
import { portsInclude } from "../model/ports";
import { Coverage } from "../targets/coverage";
import { Decision, Evaluator } from "./decision";
import { EndpointSample, Flow, VerificationSet, describeFlow } from "./flows";

export interface FlowVerdict {
  readonly flow: string;
  readonly protocol: "tcp" | "udp";
  readonly port: number;
  readonly verdict: "allowed" | "blocked" | "not-applicable";
  readonly by: string;
  readonly reason?: string;
}

export interface EndpointVerdict {
  readonly address: string;
  readonly verdict: "allowed" | "blocked" | "not-applicable";
  readonly flows: readonly FlowVerdict[];
  /** What decided the verdict: the rules that allow it, or what denies it. */
  readonly by: string;
  readonly reason?: string;
}

export interface ProbeVerdict {
  readonly probe: string;
  readonly flow: string;
  readonly verdict: "denied" | "allowed";
  readonly by: string;
  readonly reason?: string;
}

export interface VerificationSummary {
  readonly endpoints: { readonly allowed: number; readonly blocked: number; readonly notApplicable: number };
  readonly probes: { readonly denied: number; readonly allowed: number };
}

export interface TargetVerification {
  readonly endpoints: readonly EndpointVerdict[];
  readonly probes: readonly ProbeVerdict[];
  readonly summary: VerificationSummary;
  /** The evaluated flows of each endpoint, for coverage. */
  readonly samples: ReadonlyArray<{
    readonly sample: EndpointSample;
    readonly decisions: readonly Decision[];
    readonly beyond: readonly Decision[];
  }>;
}

function flowVerdict(flow: Flow, d: Decision): FlowVerdict {
  return {
    flow: describeFlow(flow),
    protocol: flow.protocol,
    port: flow.port,
    verdict: d.allowed ? "allowed" : "blocked",
    by: d.by,
    ...(d.reason ? { reason: d.reason } : {}),
  };
}

/**
 * The compiler's own reason for leaving a port of an endpoint out, when it gave one (it names the option to change).
 * Verdicts and coverage both take their reasons from here.
 */
export function claimedReason(
  claims: Coverage,
  address: string,
  protocol: "tcp" | "udp",
  port: number,
): string | undefined {
  return claims.notEnforced.find(
    (n) => n.address === address && portsInclude(protocol === "tcp" ? n.tcpPorts : n.udpPorts, port),
  )?.reason;
}

function endpointVerdict(sample: EndpointSample, decisions: readonly Decision[], claims: Coverage): EndpointVerdict {
  const address = sample.endpoint.address;
  const flows = [
    ...sample.flows.map((f, i) => {
      const d = decisions[i] as Decision;
      const reason = d.allowed ? d.reason : (claimedReason(claims, address, f.protocol, f.port) ?? d.reason);
      return flowVerdict(f, { ...d, ...(reason ? { reason } : {}) });
    }),
    ...sample.notApplicable.map((f): FlowVerdict => ({
      flow: describeFlow(f),
      protocol: f.protocol,
      port: f.port,
      verdict: "not-applicable",
      by: "no source address of this family",
      reason: `no IPv${f.family} source address was given`,
    })),
  ];
  const blocked = flows.find((f) => f.verdict === "blocked");
  if (blocked)
    return {
      address,
      verdict: "blocked",
      flows,
      by: blocked.by,
      ...(blocked.reason ? { reason: blocked.reason } : {}),
    };
  if (sample.flows.length === 0)
    return {
      address,
      verdict: "not-applicable",
      flows,
      by: "no source address of this family",
      reason: flows[0]?.reason,
    };
  return {
    address,
    verdict: "allowed",
    flows,
    by: [...new Set(flows.filter((f) => f.verdict === "allowed").map((f) => f.by))].join(", "),
  };
}

/** Evaluates the verification set with a target's evaluator. */
export function verifyWith(evaluate: Evaluator, set: VerificationSet, claims: Coverage): TargetVerification {
  const samples = set.endpoints.map((sample) => ({
    sample,
    decisions: sample.flows.map(evaluate),
    beyond: sample.beyond.map(evaluate),
  }));
  const endpoints = samples.map((s) => endpointVerdict(s.sample, s.decisions, claims));
  const probes = set.probes.map((p): ProbeVerdict => {
    const d = evaluate(p.flow);
    return {
      probe: p.label,
      flow: describeFlow(p.flow),
      verdict: d.allowed ? "allowed" : "denied",
      by: d.by,
      ...(d.reason ? { reason: d.reason } : {}),
    };
  });
  const count = <T>(list: readonly T[], pick: (t: T) => boolean) => list.filter(pick).length;
  return {
    endpoints,
    probes,
    summary: {
      endpoints: {
        allowed: count(endpoints, (e) => e.verdict === "allowed"),
        blocked: count(endpoints, (e) => e.verdict === "blocked"),
        notApplicable: count(endpoints, (e) => e.verdict === "not-applicable"),
      },
      probes: {
        denied: count(probes, (p) => p.verdict === "denied"),
        allowed: count(probes, (p) => p.verdict === "allowed"),
      },
    },
    samples,
  };
}

/**
 * The honest-default warnings: rules that let traffic outside the model out (naming what lets it out and what closes
 * it), and rules that block model endpoints (with the count and the remedy).
 */
export function verificationWarnings(label: string, verification: TargetVerification): string[] {
  const out: string[] = [];
  const letOut = verification.probes.filter((p) => p.verdict === "allowed");
  if (letOut.length > 0) {
    const first = letOut[0] as ProbeVerdict;
    const distinct = [...new Set(letOut.map((p) => p.by))];
    const by =
      distinct.length > 3 ? `${distinct.slice(0, 3).join("; ")} and ${distinct.length - 3} more` : distinct.join("; ");
    out.push(
      `${label}: the rules restrict nothing beyond the model for ${letOut.length} of ${verification.probes.length} probe flows (e.g. ${first.flow}), let out by ${by}${first.reason ? `: ${first.reason}` : ""}.`,
    );
  }
  const blocked = verification.endpoints.filter((e) => e.verdict === "blocked");
  if (blocked.length > 0) {
    const first = blocked[0] as EndpointVerdict;
    out.push(
      `${label}: the rules block ${blocked.length} of ${verification.endpoints.length} model endpoints (e.g. ${first.address}, by ${first.by})${first.reason ? `: ${first.reason}` : ""}.`,
    );
  }
  return out;
}
