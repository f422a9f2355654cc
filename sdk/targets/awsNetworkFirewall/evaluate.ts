/**
 * What the AWS rule groups do with a flow: the stateful semantics of the Suricata rules this package generates,
 * read from the rule text itself, under the groups' rule order and the policy's default action.
 *
 * - A rule's protocol decides when it can match: `tcp`/`udp`/`ip` rules on the first packet (before any application
 *   data), `tls`/`http` rules on the application data (the ClientHello's SNI, the request's Host).
 * - STRICT_ORDER: in each of those two phases the first matching rule decides; then the policy's default action.
 *   `aws:drop_strict` drops the TCP handshake itself, so only packet-level pass rules can save a TCP flow;
 *   `aws:drop_established` drops what follows the connection setup (TCP data, a UDP flow's later datagrams).
 * - DEFAULT_ACTION_ORDER: in each phase a pass beats a drop; traffic no rule drops passes.
 * - A domain-list group is evaluated as the Suricata rules AWS documents for an ALLOWLIST (`domainListRules`).
 */
import { Decision, Evaluator } from "../../verify/decision";
import { Flow } from "../../verify/flows";
import { IpRange, ipRange, rangeContains } from "../../model/ip";
import { AwsNetworkFirewallSettings } from "./options";
import { AwsNetworkFirewallCompiled, AwsRuleGroup } from "./types";

interface ContentMatch {
  readonly text: string;
  readonly lowerText: string;
  readonly nocase: boolean;
  readonly startswith: boolean;
  readonly endswith: boolean;
  /** `dotprefix`: the buffer gets a leading dot before matching, so `.x` matches `x` and names below it. */
  readonly dotprefix: boolean;
}

interface ParsedRule {
  readonly action: "pass" | "drop" | "alert";
  readonly protocol: "tcp" | "udp" | "ip" | "tls" | "http";
  readonly destination: "any" | "external" | IpRange;
  readonly ports: ReadonlyArray<readonly [number, number]> | "any";
  readonly buffer?: "tls.sni" | "http.host" | "http.request_line";
  readonly contents: readonly ContentMatch[];
  readonly pcre?: RegExp;
  readonly msg: string;
  readonly homeNet: readonly IpRange[];
}

const HEADER = /^(pass|drop|alert) (tcp|udp|ip|tls|http) (\S+) (\S+) -> (\S+) (\S+) \((.*)\)$/;

function parsePorts(text: string): ParsedRule["ports"] {
  if (text === "any") return "any";
  return text
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((p) => {
      const [from, to] = p.split(":").map(Number);
      return [from as number, (to ?? from) as number] as const;
    });
}

/** Splits a rule's options on `;` outside quotes. */
function options(body: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "") out.push(current.trim());
  return out;
}

/** Reads one rule this package (or AWS's domain-list expansion) writes. Anything else is refused, not guessed. */
export function parseSuricataRule(line: string, homeNet: readonly IpRange[]): ParsedRule {
  const m = HEADER.exec(line.trim());
  if (!m) throw new Error(`evaluator: cannot read the rule ${line}`);
  const [, action, protocol, , , dst, ports, body] = m as unknown as string[];
  const contents: ContentMatch[] = [];
  let buffer: ParsedRule["buffer"];
  let pcre: RegExp | undefined;
  let msg = "";
  let dotprefix = false;
  for (const option of options(body ?? "")) {
    const [key = "", ...rest] = option.split(":");
    const value = rest.join(":").trim();
    const last = contents[contents.length - 1];
    const set = (patch: Partial<ContentMatch>) => {
      if (last) contents[contents.length - 1] = { ...last, ...patch };
    };
    if (key === "msg") msg = value.replace(/^"|"$/g, "");
    else if (key === "tls.sni" || key === "http.host" || key === "http.request_line") buffer = key;
    else if (key === "dotprefix") dotprefix = true;
    else if (key === "content") {
      const text = value.replace(/^"|"$/g, "");
      contents.push({
        text,
        lowerText: text.toLowerCase(),
        nocase: false,
        startswith: false,
        endswith: false,
        dotprefix,
      });
      dotprefix = false;
    } else if (key === "nocase") set({ nocase: true });
    else if (key === "startswith") set({ startswith: true });
    else if (key === "endswith") set({ endswith: true });
    else if (key === "pcre") {
      const p = /^"\/(.*)\/([a-z]*)"$/.exec(value);
      if (!p) throw new Error(`evaluator: cannot read the pcre of ${line}`);
      pcre = new RegExp(p[1] as string, (p[2] ?? "").includes("i") ? "i" : "");
    }
  }
  return {
    action: action as ParsedRule["action"],
    protocol: protocol as ParsedRule["protocol"],
    destination: dst === "any" ? "any" : dst === "$EXTERNAL_NET" ? "external" : ipRange(dst as string),
    ports: parsePorts(ports as string),
    ...(buffer ? { buffer } : {}),
    contents,
    ...(pcre ? { pcre } : {}),
    msg,
    homeNet,
  };
}

/** A flow's buffers, computed once per flow: as sent, and lower-cased for `nocase`. */
interface Buffers {
  readonly value: string;
  readonly lower: string;
}

function contentMatches(c: ContentMatch, buffers: Buffers): boolean {
  const base = c.nocase ? buffers.lower : buffers.value;
  const haystack = c.dotprefix ? `.${base}` : base;
  const needle = c.nocase ? c.lowerText : c.text;
  if (c.startswith && c.endswith) return haystack === needle;
  if (c.startswith) return haystack.startsWith(needle);
  if (c.endswith) return haystack.endsWith(needle);
  return haystack.includes(needle);
}

/** The sticky buffers a flow fills: the SNI of a ClientHello, the Host and request line of an HTTP request. */
function buffersOf(flow: Flow): Partial<Record<NonNullable<ParsedRule["buffer"]>, Buffers>> {
  const of = (value: string): Buffers => ({ value, lower: value.toLowerCase() });
  if (flow.app === "tls" && flow.host !== undefined) return { "tls.sni": of(flow.host) };
  // Suricata normalizes http.host to lower case.
  if (flow.app === "http" && flow.host !== undefined)
    return { "http.host": of(flow.host.toLowerCase()), "http.request_line": of("GET / HTTP/1.1") };
  return {};
}

function matches(
  rule: ParsedRule,
  flow: Flow,
  source: IpRange,
  destination: IpRange,
  buffers: Partial<Record<NonNullable<ParsedRule["buffer"]>, Buffers>>,
): boolean {
  switch (rule.protocol) {
    case "tcp":
    case "udp":
      if (flow.protocol !== rule.protocol) return false;
      break;
    case "tls":
    case "http":
      if (flow.protocol !== "tcp" || flow.app !== rule.protocol) return false;
      break;
    case "ip":
      break;
  }
  if (rule.ports !== "any" && !rule.ports.some(([from, to]) => flow.port >= from && flow.port <= to)) return false;
  if (typeof rule.destination === "object" && !rangeContains(rule.destination, destination)) return false;
  if (rule.buffer !== undefined) {
    const buffer = buffers[rule.buffer];
    if (buffer === undefined) return false;
    if (!rule.contents.every((c) => contentMatches(c, buffer))) return false;
    if (rule.pcre !== undefined && !rule.pcre.test(buffer.value)) return false;
  }
  if (!rule.homeNet.some((h) => rangeContains(h, source))) return false;
  return rule.destination !== "external" || !rule.homeNet.some((h) => rangeContains(h, destination));
}

/** The exact name a rule matches (`content:"x"; startswith; endswith;`), when that is all it matches. */
function exactName(rule: ParsedRule): string | undefined {
  const only = rule.contents.length === 1 ? rule.contents[0] : undefined;
  if (!only || !only.startswith || !only.endswith || only.dotprefix || rule.pcre) return undefined;
  return only.text.toLowerCase();
}

/**
 * The application-layer rules indexed by the exact name they match, so a flow is checked only against the rules that
 * could match it; the others (wildcards, drops) are checked always. Candidates keep the rules' order.
 */
function indexByName(rules: readonly ParsedRule[]): (host: string | undefined) => ParsedRule[] {
  const byName = new Map<string, Array<[number, ParsedRule]>>();
  const always: Array<[number, ParsedRule]> = [];
  rules.forEach((rule, i) => {
    const name = exactName(rule);
    if (name === undefined) always.push([i, rule]);
    else byName.set(name, [...(byName.get(name) ?? []), [i, rule]]);
  });
  return (host) => {
    const named = host === undefined ? [] : (byName.get(host.toLowerCase()) ?? []);
    if (named.length === 0) return always.map(([, r]) => r);
    return [...named, ...always].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  };
}

/**
 * The Suricata rules AWS documents for a domain-list ALLOWLIST: for each domain a TLS SNI and an HTTP Host pass rule
 * on any port (`.x` with `dotprefix`, so it also matches `x`), then drops for other TLS and HTTP leaving HOME_NET.
 */
export function domainListRules(targets: readonly string[], targetTypes: readonly string[]): string[] {
  const out: string[] = [];
  let sid = 1;
  // The SNI is matched without case; the Host buffer is already lower case (and takes no nocase).
  const match = (t: string, nocase: boolean) => {
    const nc = nocase ? " nocase;" : "";
    return t.startsWith(".")
      ? `dotprefix; content:"${t}";${nc} endswith;`
      : `content:"${t}"; startswith;${nc} endswith;`;
  };
  for (const t of targets) {
    if (targetTypes.includes("TLS_SNI"))
      out.push(
        `pass tls $HOME_NET any -> $EXTERNAL_NET any (msg:"domain list ${t} tls"; tls.sni; ${match(t, true)} flow:to_server, established; sid:${sid++}; rev:1;)`,
      );
    if (targetTypes.includes("HTTP_HOST"))
      out.push(
        `pass http $HOME_NET any -> $EXTERNAL_NET any (msg:"domain list ${t} http"; http.host; ${match(t, false)} flow:to_server, established; sid:${sid++}; rev:1;)`,
      );
  }
  if (targetTypes.includes("TLS_SNI"))
    out.push(
      `drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"domain list: other TLS"; ssl_state:client_hello; flow:to_server, established; sid:${sid++}; rev:1;)`,
    );
  if (targetTypes.includes("HTTP_HOST"))
    out.push(
      `drop http $HOME_NET any -> $EXTERNAL_NET any (msg:"domain list: other HTTP"; http.request_line; content:" "; flow:to_server, established; sid:${sid++}; rev:1;)`,
    );
  return out;
}

/** A group's rules as Suricata text lines, a domain list as its documented expansion. */
export function groupRuleLines(group: AwsRuleGroup): string[] {
  const source = group.ruleGroup.rulesSource;
  if ("rulesString" in source) return source.rulesString.split("\n").filter((l) => l.trim() !== "");
  return domainListRules(source.rulesSourceList.targets, source.rulesSourceList.targetTypes);
}

/** The rule that decides among those matching: the first (strict order), or a pass before a drop (action order). */
function decide(
  rules: readonly ParsedRule[],
  matching: (rule: ParsedRule) => boolean,
  strict: boolean,
): ParsedRule | undefined {
  if (strict) return rules.find(matching);
  return rules.find((r) => r.action === "pass" && matching(r)) ?? rules.find((r) => r.action === "drop" && matching(r));
}

const decision = (rule: ParsedRule): Decision => ({
  allowed: rule.action !== "drop",
  by: `${rule.action} "${rule.msg}"`,
  ours: true,
});

function defaultDecision(settings: AwsNetworkFirewallSettings, flow: Flow, appPass: ParsedRule | undefined): Decision {
  if (settings.ruleOrder === "DEFAULT_ACTION_ORDER")
    return {
      allowed: true,
      by: "DEFAULT_ACTION_ORDER: traffic no rule drops passes",
      ours: false,
      reason:
        "with DEFAULT_ACTION_ORDER the policy has no stateful default action; set dropUnmatched, or use STRICT_ORDER",
    };
  const action = settings.policyDefaultAction;
  if (action === "aws:drop_strict")
    return {
      allowed: false,
      by: "policy default aws:drop_strict",
      ours: false,
      reason: appPass
        ? "aws:drop_strict drops the TCP handshake before the SNI or Host is seen, so the name rule never matches; use aws:drop_established"
        : "no rule passes it",
    };
  if (action === "aws:drop_established")
    return {
      allowed: false,
      by: "policy default aws:drop_established",
      ours: false,
      reason:
        flow.protocol === "udp"
          ? "no rule passes it; aws:drop_established drops what follows its first datagram (a single datagram still leaves)"
          : "no rule passes it",
    };
  return {
    allowed: true,
    by:
      action === "none"
        ? "no policy default action: unmatched traffic passes"
        : `policy default ${action} (alerts only)`,
    ours: false,
    reason: "the policy's default action restricts nothing; use aws:drop_established",
  };
}

/** The AWS rule groups as an evaluator, with the policy's default action from the settings. */
export function evaluateAwsNetworkFirewall(
  compiled: AwsNetworkFirewallCompiled,
  settings: AwsNetworkFirewallSettings,
): Evaluator {
  const rules = compiled.ruleGroups.flatMap((group) => {
    const homeNet = (
      group.ruleGroup.ruleVariables.ipSets.find((s) => s.key === "HOME_NET")?.ipSet.definitions ?? []
    ).map(ipRange);
    return groupRuleLines(group).map((line) => parseSuricataRule(line, homeNet));
  });
  const packetRules = rules.filter((r) => r.protocol === "tcp" || r.protocol === "udp" || r.protocol === "ip");
  const appCandidates = indexByName(rules.filter((r) => r.protocol === "tls" || r.protocol === "http"));
  const strict = settings.ruleOrder === "STRICT_ORDER";
  const packetDecisions = new Map<string, ParsedRule | null>();
  return (flow) => {
    const source = ipRange(flow.source);
    const destination = ipRange(flow.destination);
    const buffers = buffersOf(flow);
    const matching = (r: ParsedRule) => matches(r, flow, source, destination, buffers);
    // Packet-level rules see no application data: their decision depends on the 5-tuple only, so it is memoized.
    const key = `${flow.protocol}|${flow.port}|${flow.source}|${flow.destination}`;
    let first = packetDecisions.get(key);
    if (first === undefined) {
      first = decide(packetRules, matching, strict) ?? null;
      packetDecisions.set(key, first);
    }
    if (first) return decision(first);
    const app = flow.app === "raw" ? undefined : decide(appCandidates(flow.host), matching, strict);
    if (app && !(app.action === "pass" && strict && settings.policyDefaultAction === "aws:drop_strict"))
      return decision(app);
    return defaultDecision(settings, flow, app);
  };
}
