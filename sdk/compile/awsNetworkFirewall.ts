/**
 * AWS Network Firewall: the model as inputs for aws `networkfirewall.RuleGroup` (type STATEFUL).
 *
 * The default format is a Suricata `rulesString` with the model's exact semantics:
 * - an FQDN matches only itself (`startswith; endswith`), `*.x` matches names below `x` but not `x` itself (no
 *   `dotprefix`), and a prefix or mid-label `*` matches characters within one label (`startswith`/`endswith` content
 *   plus an anchored `pcre`);
 * - names are matched in the TLS SNI on their TCP ports other than 80, and in the HTTP Host on port 80, so the ports
 *   are restricted too; UDP to a name cannot be matched and is reported;
 * - CIDRs become `tcp`/`udp` rules with `flow:to_server`;
 * - `HOME_NET` is the rule group's own variable, set to `sourceAddresses`;
 * - each sid is derived from the rule's text, so an unchanged rule keeps its sid.
 *
 * `format: "domainList"` is wider: a leading-dot domain also matches the apex, and domain lists restrict no ports.
 */
import { widenedWildcard, wildcardPattern } from "../model/address";
import { EgressModel, Endpoint } from "../model/types";
import { ConfigurationError } from "../service/client";
import { aggregateCidrsWithMembers } from "./cidr";
import { Coverage, CoverageBuilder, compareFeatures, parseSources, primaryFeature, stableNumber } from "./common";
import { WildcardPolicy } from "./azureFirewall";

/** Capacity of one stateful rule group (AWS quota; a newer page says 50,000: the stricter value is used). */
export const AWS_MAX_CAPACITY = 30_000;
/** Size of a rule group's `rulesString`. */
export const AWS_MAX_RULES_STRING_BYTES = 2_000_000;
/** Length of one Suricata rule. */
export const AWS_MAX_RULE_CHARS = 8_192;
/** Stateful rule groups per firewall policy. */
export const AWS_MAX_GROUPS_PER_POLICY = 20;
/** The sids this package uses: [SID_BASE, SID_BASE + SID_SPAN). */
export const SID_BASE = 1_000_000;
export const SID_SPAN = 1_999_000_000;

export type AwsRuleFormat = "suricata" | "domainList";
export type AwsRuleOrder = "STRICT_ORDER" | "DEFAULT_ACTION_ORDER";

export interface AwsNetworkFirewallOptions {
  /** CIDRs of the managed devices; they become the group's HOME_NET. Required. */
  readonly sourceAddresses: readonly string[];
  /** @default "suricata" */
  readonly format?: AwsRuleFormat;
  /** Fixed at creation: changing it replaces the group. @default "STRICT_ORDER" */
  readonly ruleOrder?: AwsRuleOrder;
  /** Spare capacity as a share of the consumed capacity, before rounding up to `capacityStep`. @default 1 (double) */
  readonly capacityHeadroom?: number;
  /** Capacity is a multiple of this. @default 1000 */
  readonly capacityStep?: number;
  /** End with drop rules for TLS and HTTP that matched no pass rule. @default false (use the policy's default action) */
  readonly dropUnmatched?: boolean;
  /** domainList only: names a domain list can't express (prefix and mid-label wildcards). @default "skip" */
  readonly wildcardPolicy?: WildcardPolicy;
  /** Prefix of the groups' logical names. @default "intune" */
  readonly namePrefix?: string;
}

export interface AwsRuleGroupBody {
  readonly ruleVariables: {
    readonly ipSets: ReadonlyArray<{
      readonly key: string;
      readonly ipSet: { readonly definitions: readonly string[] };
    }>;
  };
  readonly rulesSource:
    | { readonly rulesString: string }
    | {
        readonly rulesSourceList: {
          readonly generatedRulesType: "ALLOWLIST";
          readonly targetTypes: readonly string[];
          readonly targets: readonly string[];
        };
      };
  readonly statefulRuleOptions: { readonly ruleOrder: AwsRuleOrder };
}

/** Inputs for one `networkfirewall.RuleGroup`, plus what it consumes. */
export interface AwsRuleGroup {
  /** Logical name (the Pulumi resource name); the AWS name is generated so a replacement can be created first. */
  readonly name: string;
  readonly description: string;
  readonly type: "STATEFUL";
  readonly capacity: number;
  readonly consumedCapacity: number;
  readonly ruleGroup: AwsRuleGroupBody;
}

export interface AwsNetworkFirewallCompiled {
  readonly ruleGroups: readonly AwsRuleGroup[];
  readonly coverage: Coverage;
  readonly warnings: readonly string[];
  readonly stats: {
    readonly rules: number;
    readonly consumedCapacity: number;
    readonly capacity: number;
    readonly rulesStringBytes: number;
  };
}

/** One Suricata rule before its sid is known. */
interface Draft {
  readonly body: string;
  readonly drop: boolean;
}

const SAFE_TEXT = /^[a-z0-9.-]+$/;

/** Defence in depth: only validated host-name characters ever reach rule text. */
function safe(text: string): string {
  if (!SAFE_TEXT.test(text)) throw new Error(`refusing to render ${JSON.stringify(text)} into a Suricata rule`);
  return text;
}

function pcreEscape(text: string): string {
  return safe(text).replace(/\./g, "\\.");
}

function suricataPorts(ports: readonly string[]): string {
  const items = ports.map((p) => p.replace("-", ":"));
  return items.length === 1 ? (items[0] ?? "any") : `[${items.join(",")}]`;
}

/** The sticky-buffer match of a name in its form's exact semantics. `nocase` for the SNI; the Host buffer is lower case. */
function nameMatch(endpoint: Endpoint, nocase: boolean): string {
  const nc = nocase ? " nocase;" : "";
  const flags = nocase ? "i" : "";
  switch (endpoint.form) {
    case "fqdn":
      return `content:"${safe(endpoint.address)}"; startswith; endswith;${nc}`;
    case "subdomains": {
      const { tail } = wildcardPattern({ value: endpoint.address, form: endpoint.form });
      return `content:"${safe(tail)}"; endswith;${nc}`;
    }
    case "prefix": {
      const { tail } = wildcardPattern({ value: endpoint.address, form: endpoint.form });
      return `content:"${safe(tail)}"; endswith;${nc} pcre:"/^[^.]*${pcreEscape(tail)}$/${flags}";`;
    }
    case "infix": {
      const { head, tail } = wildcardPattern({ value: endpoint.address, form: endpoint.form });
      return `content:"${safe(head)}"; startswith;${nc} content:"${safe(tail)}"; distance:0; endswith;${nc} pcre:"/^${pcreEscape(head)}[^.]*${pcreEscape(tail)}$/${flags}";`;
    }
    case "cidr4":
    case "cidr6":
      throw new Error(`${endpoint.address} is not a name`);
  }
}

function message(text: string): string {
  if (/["';\\]/.test(text)) throw new Error(`refusing to render ${JSON.stringify(text)} into a Suricata msg`);
  return text;
}

function capacityFor(consumed: number, headroom: number, step: number): number {
  return Math.max(step, Math.ceil((consumed * (1 + headroom)) / step) * step);
}

/** Domain-list capacity (AWS): the first domain costs 1 for TLS_SNI, 2 for HTTP_HOST, 3 for both; each further domain 1 per target type. */
export function domainListCapacity(domains: number, targetTypes: number): number {
  if (domains === 0) return 0;
  const first = targetTypes === 2 ? 3 : 1;
  return first + (domains - 1) * targetTypes;
}

/** Checks the options that don't depend on the model, so a component can fail at once with the reason. */
export function checkAwsNetworkFirewallOptions(options: Omit<AwsNetworkFirewallOptions, "sourceAddresses">): void {
  const format = options.format ?? "suricata";
  const ruleOrder = options.ruleOrder ?? "STRICT_ORDER";
  const headroom = options.capacityHeadroom ?? 1;
  const step = options.capacityStep ?? 1000;
  if (format !== "suricata" && format !== "domainList") {
    throw new ConfigurationError(`awsNetworkFirewall.format must be suricata or domainList, got ${String(format)}.`);
  }
  if (ruleOrder !== "STRICT_ORDER" && ruleOrder !== "DEFAULT_ACTION_ORDER") {
    throw new ConfigurationError(
      `awsNetworkFirewall.ruleOrder must be STRICT_ORDER or DEFAULT_ACTION_ORDER, got ${String(ruleOrder)}.`,
    );
  }
  if (!(headroom >= 0 && headroom <= 10)) {
    throw new ConfigurationError(
      `awsNetworkFirewall.capacityHeadroom must be between 0 and 10 (a share of the consumed capacity), got ${headroom}.`,
    );
  }
  if (!Number.isInteger(step) || step < 1 || step > AWS_MAX_CAPACITY) {
    throw new ConfigurationError(
      `awsNetworkFirewall.capacityStep must be an integer from 1 to ${AWS_MAX_CAPACITY}, got ${step}.`,
    );
  }
  const policy = options.wildcardPolicy ?? "skip";
  if (!["skip", "widen", "reject"].includes(policy)) {
    throw new ConfigurationError(
      `awsNetworkFirewall.wildcardPolicy must be skip, widen or reject, got ${String(policy)}.`,
    );
  }
}

/** Compiles the model for AWS Network Firewall. Pure and deterministic. */
export function compileAwsNetworkFirewall(
  model: EgressModel,
  options: AwsNetworkFirewallOptions,
): AwsNetworkFirewallCompiled {
  checkAwsNetworkFirewallOptions(options);
  const sources = parseSources(options.sourceAddresses, "awsNetworkFirewall");
  const format = options.format ?? "suricata";
  const ruleOrder = options.ruleOrder ?? "STRICT_ORDER";
  const headroom = options.capacityHeadroom ?? 1;
  const step = options.capacityStep ?? 1000;
  const prefix = options.namePrefix ?? "intune";
  const coverage = new CoverageBuilder(model.endpoints);
  const warnings: string[] = [];
  const variables = { ipSets: [{ key: "HOME_NET", ipSet: { definitions: [...sources.all] } }] };

  const byFeature = [...model.endpoints]
    .map((e, i) => ({ e, i, feature: primaryFeature(e) }))
    .sort((a, b) => compareFeatures(a.feature, b.feature) || a.i - b.i);
  const ipDrafts: Draft[] = [];
  const nameDrafts: Draft[] = [];

  // IP rules: per feature, protocol and ports, one rule per aggregated prefix.
  const ipGroups = new Map<
    string,
    { feature: string; protocol: "tcp" | "udp"; ports: readonly string[]; cidrs: Map<4 | 6, string[]> }
  >();
  for (const { e, feature } of byFeature) {
    if (e.form !== "cidr4" && e.form !== "cidr6") continue;
    for (const [protocol, ports] of [
      ["tcp", e.tcpPorts],
      ["udp", e.udpPorts],
    ] as const) {
      if (ports.length === 0) continue;
      const key = `${feature}|${protocol}|${ports.join(",")}`;
      const group = ipGroups.get(key) ?? {
        feature,
        protocol,
        ports,
        cidrs: new Map([
          [4, []],
          [6, []],
        ]),
      };
      group.cidrs.get(e.form === "cidr4" ? 4 : 6)?.push(e.address);
      ipGroups.set(key, group);
    }
  }
  for (const group of ipGroups.values()) {
    for (const family of [4, 6] as const) {
      for (const { cidr, members } of aggregateCidrsWithMembers(group.cidrs.get(family) ?? [], family)) {
        ipDrafts.push({
          body: `pass ${group.protocol} $HOME_NET any -> ${cidr} ${suricataPorts(group.ports)} (msg:"${message(`intune-egress ${group.feature} ${cidr}`)}"; flow:to_server;`,
          drop: false,
        });
        for (const address of members) {
          coverage.enforce(
            address,
            group.protocol === "tcp" ? group.ports : [],
            group.protocol === "udp" ? group.ports : [],
            `${group.protocol} ${cidr}`,
          );
        }
      }
    }
  }

  const groups: AwsRuleGroup[] = [];
  if (format === "suricata") {
    for (const { e, feature } of byFeature) {
      if (e.form === "cidr4" || e.form === "cidr6") continue;
      const http = e.tcpPorts.includes("80");
      const tlsPorts = e.tcpPorts.filter((p) => p !== "80");
      if (http) {
        nameDrafts.push({
          body: `pass http $HOME_NET any -> any 80 (msg:"${message(`intune-egress ${feature} ${e.address} http`)}"; flow:to_server, established; http.host; ${nameMatch(e, false)}`,
          drop: false,
        });
        coverage.enforce(e.address, ["80"], [], `http.host ${e.address}`);
      }
      if (tlsPorts.length > 0) {
        nameDrafts.push({
          body: `pass tls $HOME_NET any -> any ${suricataPorts(tlsPorts)} (msg:"${message(`intune-egress ${feature} ${e.address} tls`)}"; flow:to_server, established; tls.sni; ${nameMatch(e, true)}`,
          drop: false,
        });
        coverage.enforce(e.address, tlsPorts, [], `tls.sni ${e.address}`);
      }
      coverage.skip(
        e.address,
        [],
        e.udpPorts,
        "AWS Network Firewall matches names only in the TLS SNI or HTTP Host; UDP to a name carries neither",
      );
    }
    const drops: Draft[] = options.dropUnmatched
      ? [
          {
            body: `drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"intune-egress TLS to a name or port outside the allow list"; flow:to_server, established; ssl_state:client_hello;`,
            drop: true,
          },
          {
            body: `drop http $HOME_NET any -> $EXTERNAL_NET any (msg:"intune-egress HTTP to a host or port outside the allow list"; flow:to_server, established; http.request_line; content:" ";`,
            drop: true,
          },
        ]
      : [];
    groups.push(
      ...packSuricata([...nameDrafts, ...ipDrafts], drops, {
        prefix,
        headroom,
        step,
        ruleOrder,
        variables,
        description: "Intune egress allow list (Suricata rules)",
      }),
    );
  } else {
    const policy = options.wildcardPolicy ?? "skip";
    const targets = new Set<string>();
    const skipped: string[] = [];
    for (const { e } of byFeature) {
      if (e.form === "cidr4" || e.form === "cidr6") continue;
      let target: string | undefined;
      switch (e.form) {
        case "fqdn":
          target = e.address;
          break;
        case "subdomains":
          target = e.address.slice(1);
          coverage.widen(e.address, target, `a domain list's leading dot also matches the apex ${target.slice(1)}`);
          break;
        case "prefix":
        case "infix":
          if (policy === "reject")
            throw new ConfigurationError(
              `An AWS domain list cannot express ${e.address} (wildcardPolicy: reject). Use the suricata format, or wildcardPolicy "skip" or "widen".`,
            );
          if (policy === "skip") {
            skipped.push(e.address);
            coverage.skip(
              e.address,
              e.tcpPorts,
              e.udpPorts,
              "a domain list holds exact names and leading-dot domains only (wildcardPolicy: skip); the suricata format can express it",
            );
            continue;
          }
          target = widenedWildcard({ value: e.address, form: e.form }).slice(1);
          coverage.widen(
            e.address,
            target,
            "wildcardPolicy: widen; a domain list holds exact names and leading-dot domains only",
          );
          break;
      }
      const tcp = e.tcpPorts;
      if (tcp.length > 0) {
        targets.add(target);
        coverage.enforce(e.address, tcp, [], `domain list ${target}`);
        coverage.widen(e.address, `${target} on any port`, "domain lists do not restrict ports");
      }
      coverage.skip(
        e.address,
        [],
        e.udpPorts,
        "a domain list matches only TLS SNI and HTTP Host; UDP to a name carries neither",
      );
    }
    if (skipped.length > 0)
      warnings.push(
        `AWS domain list: skipped ${skipped.length} wildcard${skipped.length > 1 ? "s" : ""} it cannot express: ${skipped.join(", ")}.`,
      );
    // A leading-dot domain already covers its apex and every name below it.
    const list = [...targets].filter((t) => {
      const labels = t.replace(/^\./, "").split(".");
      for (let i = t.startsWith(".") ? 1 : 0; i < labels.length - 1; i++)
        if (targets.has(`.${labels.slice(i).join(".")}`)) return false;
      return true;
    });
    list.sort();
    if (list.length > 0) {
      const consumed = domainListCapacity(list.length, 2);
      const capacity = capacityFor(consumed, headroom, step);
      if (capacity > AWS_MAX_CAPACITY)
        throw new ConfigurationError(
          `AWS domain list: ${list.length} domains need capacity ${capacity}, over ${AWS_MAX_CAPACITY}. Use the suricata format, which splits into several groups.`,
        );
      groups.push({
        name: `${prefix}-domains`,
        description: "Intune egress allow list (domain list: TLS SNI and HTTP Host)",
        type: "STATEFUL",
        capacity,
        consumedCapacity: consumed,
        ruleGroup: {
          ruleVariables: variables,
          rulesSource: {
            rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["HTTP_HOST", "TLS_SNI"], targets: list },
          },
          statefulRuleOptions: { ruleOrder },
        },
      });
    }
    if (ipDrafts.length > 0)
      groups.push(
        ...packSuricata(ipDrafts, [], {
          prefix: `${prefix}-ip`,
          headroom,
          step,
          ruleOrder,
          variables,
          description: "Intune egress allow list (IP prefixes)",
        }),
      );
  }
  if (groups.length > AWS_MAX_GROUPS_PER_POLICY) {
    throw new ConfigurationError(
      `AWS Network Firewall: ${groups.length} rule groups exceed the ${AWS_MAX_GROUPS_PER_POLICY} stateful groups a policy can hold; narrow the features.`,
    );
  }
  const totals = groups.reduce(
    (t, g) => ({
      consumed: t.consumed + g.consumedCapacity,
      capacity: t.capacity + g.capacity,
      bytes:
        t.bytes +
        ("rulesString" in g.ruleGroup.rulesSource ? Buffer.byteLength(g.ruleGroup.rulesSource.rulesString) : 0),
    }),
    { consumed: 0, capacity: 0, bytes: 0 },
  );
  const rules = groups.reduce((n, g) => n + ("rulesString" in g.ruleGroup.rulesSource ? g.consumedCapacity : 0), 0);
  return {
    ruleGroups: groups,
    coverage: coverage.build(),
    warnings,
    stats: { rules, consumedCapacity: totals.consumed, capacity: totals.capacity, rulesStringBytes: totals.bytes },
  };
}

/** Gives every rule a sid from a hash of its text, probing on a collision (in sorted order, so the result is stable). */
function assignSids(drafts: readonly Draft[]): string[] {
  const taken = new Set<number>();
  const sids = new Map<string, number>();
  for (const body of [...new Set(drafts.map((d) => d.body))].sort()) {
    let sid = SID_BASE + (stableNumber(body) % SID_SPAN);
    while (taken.has(sid)) sid = sid + 1 >= SID_BASE + SID_SPAN ? SID_BASE : sid + 1;
    taken.add(sid);
    sids.set(body, sid);
  }
  return drafts.map((d) => {
    const rule = `${d.body} sid:${sids.get(d.body)}; rev:1;)`;
    if (rule.length > AWS_MAX_RULE_CHARS)
      throw new ConfigurationError(
        `A Suricata rule is longer than ${AWS_MAX_RULE_CHARS} characters: ${rule.slice(0, 80)}…`,
      );
    return rule;
  });
}

/**
 * Packs pass rules (then the drop rules, at the very end) into as few groups as the capacity and size limits allow.
 * The first group is `<prefix>`, the next `<prefix>-2`, and so on.
 */
function packSuricata(
  passes: readonly Draft[],
  drops: readonly Draft[],
  o: {
    prefix: string;
    headroom: number;
    step: number;
    ruleOrder: AwsRuleOrder;
    variables: AwsRuleGroupBody["ruleVariables"];
    description: string;
  },
): AwsRuleGroup[] {
  const unique = [...new Map([...passes, ...drops].map((d) => [d.body, d])).values()];
  const rendered = assignSids(unique);
  const maxConsumed = Math.floor(AWS_MAX_CAPACITY / (1 + o.headroom));
  const groups: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const rule of rendered) {
    const size = Buffer.byteLength(rule) + 1;
    if (current.length > 0 && (current.length + 1 > maxConsumed || bytes + size > AWS_MAX_RULES_STRING_BYTES)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(rule);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((rules, i) => {
    const consumed = rules.length;
    return {
      name: i === 0 ? o.prefix : `${o.prefix}-${i + 1}`,
      description: groups.length === 1 ? o.description : `${o.description}, part ${i + 1} of ${groups.length}`,
      type: "STATEFUL" as const,
      capacity: Math.min(AWS_MAX_CAPACITY, capacityFor(consumed, o.headroom, o.step)),
      consumedCapacity: consumed,
      ruleGroup: {
        ruleVariables: o.variables,
        rulesSource: { rulesString: rules.join("\n") + "\n" },
        statefulRuleOptions: { ruleOrder: o.ruleOrder },
      },
    };
  });
}
