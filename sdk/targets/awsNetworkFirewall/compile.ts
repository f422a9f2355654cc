/**
 * AWS Network Firewall: the model as inputs for aws `networkfirewall.RuleGroup` (type STATEFUL). The steps: IP rules
 * per feature, protocol and ports (one per aggregated prefix); name rules in the chosen format (Suricata text or a
 * domain list); then packing into groups (pack.ts). `HOME_NET` is each group's own variable, set to the sources. What
 * each address form becomes, and why, is in capabilities.ts.
 */
import { ConfigurationError } from "../../errors";
import { widenedWildcard } from "../../model/address";
import { EgressModel, Endpoint } from "../../model/types";
import { OptionSpelling } from "../../service/source";
import { aggregateCidrsWithMembers } from "../cidr";
import { CoverageBuilder } from "../coverage";
import { compareFeatures, primaryFeature } from "../naming";
import { GivenOptions, normalizeOptions } from "../options";
import { Sources, parseSources } from "../sources";
import { AWS_REASONS as REASONS } from "./capabilities";
import {
  AWS_MAX_CAPACITY,
  AWS_MAX_GROUPS_PER_POLICY,
  AWS_NETWORK_FIREWALL_OPTIONS,
  AwsNetworkFirewallSettings,
} from "./options";
import { capacityFor, domainListCapacity, packSuricata } from "./pack";
import { Draft, message, nameMatch, suricataPorts } from "./suricata";
import { AwsNetworkFirewallCompiled, AwsNetworkFirewallOptions, AwsRuleGroup, AwsRuleGroupBody } from "./types";

type Ranked = ReadonlyArray<{ readonly e: Endpoint; readonly feature: string }>;

interface Context {
  readonly settings: AwsNetworkFirewallSettings;
  readonly coverage: CoverageBuilder;
  readonly variables: AwsRuleGroupBody["ruleVariables"];
  readonly warnings: string[];
}

/** Applies every default and checks every range, once. */
export function normalizeAwsNetworkFirewallOptions(
  given: GivenOptions<AwsNetworkFirewallSettings> | undefined,
  spell: OptionSpelling = (o) => `awsNetworkFirewall.${o}`,
): AwsNetworkFirewallSettings {
  return normalizeOptions(AWS_NETWORK_FIREWALL_OPTIONS, given, spell);
}

/**
 * IP rules: per feature, protocol and ports, one rule per aggregated prefix. A prefix whose family no source has gets
 * no rule: `HOME_NET` could never send to it.
 */
function ipDrafts(byFeature: Ranked, sources: Sources, coverage: CoverageBuilder): Draft[] {
  const groups = new Map<
    string,
    { feature: string; protocol: "tcp" | "udp"; ports: readonly string[]; cidrs: Map<4 | 6, string[]> }
  >();
  for (const { e, feature } of byFeature) {
    if (e.form !== "cidr4" && e.form !== "cidr6") continue;
    if ((e.form === "cidr4" ? sources.v4 : sources.v6).length === 0) {
      const reason = e.form === "cidr4" ? REASONS.ipv4NoSource : REASONS.ipv6NoSource;
      coverage.skip(e.address, e.tcpPorts, e.udpPorts, reason);
      continue;
    }
    for (const [protocol, ports] of [
      ["tcp", e.tcpPorts],
      ["udp", e.udpPorts],
    ] as const) {
      if (ports.length === 0) continue;
      const key = `${feature}|${protocol}|${ports.join(",")}`;
      const group = groups.get(key) ?? {
        feature,
        protocol,
        ports,
        cidrs: new Map([
          [4, []],
          [6, []],
        ]),
      };
      group.cidrs.get(e.form === "cidr4" ? 4 : 6)?.push(e.address);
      groups.set(key, group);
    }
  }
  const drafts: Draft[] = [];
  for (const group of groups.values()) {
    for (const family of [4, 6] as const) {
      for (const { cidr, members } of aggregateCidrsWithMembers(group.cidrs.get(family) ?? [], family)) {
        drafts.push({
          body: `pass ${group.protocol} $HOME_NET any -> ${cidr} ${suricataPorts(group.ports)} (msg:"${message(`intune-egress ${group.feature} ${cidr}`)}"; flow:to_server;`,
          drop: false,
        });
        for (const address of members)
          coverage.enforce(
            address,
            group.protocol === "tcp" ? group.ports : [],
            group.protocol === "udp" ? group.ports : [],
            `${group.protocol} ${cidr}`,
          );
      }
    }
  }
  return drafts;
}

const DROP_UNMATCHED: readonly Draft[] = [
  {
    body: `drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"intune-egress TLS to a name or port outside the allow list"; flow:to_server, established; ssl_state:client_hello;`,
    drop: true,
  },
  {
    body: `drop http $HOME_NET any -> $EXTERNAL_NET any (msg:"intune-egress HTTP to a host or port outside the allow list"; flow:to_server, established; http.request_line; content:" ";`,
    drop: true,
  },
];

/** The Suricata format: a `tls.sni` and an `http.host` rule per name, then the IP rules and the optional drops. */
function suricataGroups(byFeature: Ranked, ips: readonly Draft[], ctx: Context): AwsRuleGroup[] {
  const names: Draft[] = [];
  for (const { e, feature } of byFeature) {
    if (e.form === "cidr4" || e.form === "cidr6") continue;
    const tlsPorts = e.tcpPorts.filter((p) => p !== "80");
    if (e.tcpPorts.includes("80")) {
      names.push({
        body: `pass http $HOME_NET any -> any 80 (msg:"${message(`intune-egress ${feature} ${e.address} http`)}"; flow:to_server, established; http.host; ${nameMatch(e, false)}`,
        drop: false,
      });
      ctx.coverage.enforce(e.address, ["80"], [], `http.host ${e.address}`);
    }
    if (tlsPorts.length > 0) {
      names.push({
        body: `pass tls $HOME_NET any -> any ${suricataPorts(tlsPorts)} (msg:"${message(`intune-egress ${feature} ${e.address} tls`)}"; flow:to_server, established; tls.sni; ${nameMatch(e, true)}`,
        drop: false,
      });
      ctx.coverage.enforce(e.address, tlsPorts, [], `tls.sni ${e.address}`);
    }
    ctx.coverage.skip(e.address, [], e.udpPorts, REASONS.suricataUdpName);
  }
  return packSuricata([...names, ...ips], ctx.settings.dropUnmatched ? DROP_UNMATCHED : [], {
    prefix: ctx.settings.namePrefix,
    headroom: ctx.settings.capacityHeadroom,
    step: ctx.settings.capacityStep,
    ruleOrder: ctx.settings.ruleOrder,
    variables: ctx.variables,
    description: "Intune egress allow list (Suricata rules)",
  });
}

/** What a domain list holds for a name, by its form and the wildcard policy; undefined when it is skipped. */
function domainListTarget(e: Endpoint, ctx: Context, skipped: string[]): string | undefined {
  switch (e.form) {
    case "fqdn":
      return e.address;
    case "subdomains": {
      const target = e.address.slice(1);
      ctx.coverage.widen(e.address, target, REASONS.domainListApex(target.slice(1)));
      return target;
    }
    case "prefix":
    case "infix": {
      if (ctx.settings.wildcardPolicy === "reject")
        throw new ConfigurationError(
          `An AWS domain list cannot express ${e.address} (wildcardPolicy: reject). Use the suricata format, or wildcardPolicy "skip" or "widen".`,
        );
      if (ctx.settings.wildcardPolicy === "skip") {
        skipped.push(e.address);
        ctx.coverage.skip(e.address, e.tcpPorts, e.udpPorts, REASONS.domainListSkipped);
        return undefined;
      }
      const target = widenedWildcard({ value: e.address, form: e.form }).slice(1);
      ctx.coverage.widen(e.address, target, REASONS.domainListWidened);
      return target;
    }
    case "cidr4":
    case "cidr6":
      return undefined;
  }
}

/** Drops targets a leading-dot domain already covers (its apex and every name below it), sorted. */
function minimalDomainList(targets: ReadonlySet<string>): string[] {
  const list = [...targets].filter((t) => {
    const labels = t.replace(/^\./, "").split(".");
    for (let i = t.startsWith(".") ? 1 : 0; i < labels.length - 1; i++)
      if (targets.has(`.${labels.slice(i).join(".")}`)) return false;
    return true;
  });
  return list.sort();
}

/** The domain-list format: one ALLOWLIST group for the names, and a Suricata group for the IP rules. */
function domainListGroups(byFeature: Ranked, ips: readonly Draft[], ctx: Context): AwsRuleGroup[] {
  const targets = new Set<string>();
  const skipped: string[] = [];
  for (const { e } of byFeature) {
    if (e.form === "cidr4" || e.form === "cidr6") continue;
    const target = domainListTarget(e, ctx, skipped);
    if (target === undefined) continue;
    if (e.tcpPorts.length > 0) {
      targets.add(target);
      ctx.coverage.enforce(e.address, e.tcpPorts, [], `domain list ${target}`);
      ctx.coverage.widen(e.address, `${target} on any port`, REASONS.domainListPorts);
    }
    ctx.coverage.skip(e.address, [], e.udpPorts, REASONS.domainListUdp);
  }
  if (skipped.length > 0)
    ctx.warnings.push(
      `AWS domain list: skipped ${skipped.length} wildcard${skipped.length > 1 ? "s" : ""} it cannot express: ${skipped.join(", ")}.`,
    );
  const groups: AwsRuleGroup[] = [];
  const list = minimalDomainList(targets);
  const { namePrefix: prefix, capacityHeadroom: headroom, capacityStep: step, ruleOrder } = ctx.settings;
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
        ruleVariables: ctx.variables,
        rulesSource: {
          rulesSourceList: { generatedRulesType: "ALLOWLIST", targetTypes: ["HTTP_HOST", "TLS_SNI"], targets: list },
        },
        statefulRuleOptions: { ruleOrder },
      },
    });
  }
  if (ips.length > 0)
    groups.push(
      ...packSuricata(ips, [], {
        prefix: `${prefix}-ip`,
        headroom,
        step,
        ruleOrder,
        variables: ctx.variables,
        description: "Intune egress allow list (IP prefixes)",
      }),
    );
  return groups;
}

function stats(groups: readonly AwsRuleGroup[]): AwsNetworkFirewallCompiled["stats"] {
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
  return { rules, consumedCapacity: totals.consumed, capacity: totals.capacity, rulesStringBytes: totals.bytes };
}

/** Compiles the model for AWS Network Firewall. Pure and deterministic. */
export function compileAwsNetworkFirewall(
  model: EgressModel,
  options: AwsNetworkFirewallOptions,
): AwsNetworkFirewallCompiled {
  const settings = normalizeAwsNetworkFirewallOptions(options);
  const sources = parseSources(options.sourceAddresses, "awsNetworkFirewall", options.allowAnySource);
  const ctx: Context = {
    settings,
    coverage: new CoverageBuilder(model.endpoints),
    variables: { ipSets: [{ key: "HOME_NET", ipSet: { definitions: [...sources.all] } }] },
    warnings: [],
  };
  const byFeature = [...model.endpoints]
    .map((e, i) => ({ e, i, feature: primaryFeature(e) }))
    .sort((a, b) => compareFeatures(a.feature, b.feature) || a.i - b.i);
  const ips = ipDrafts(byFeature, sources, ctx.coverage);
  const groups =
    settings.format === "suricata" ? suricataGroups(byFeature, ips, ctx) : domainListGroups(byFeature, ips, ctx);
  if (groups.length > AWS_MAX_GROUPS_PER_POLICY) {
    throw new ConfigurationError(
      `AWS Network Firewall: ${groups.length} rule groups exceed the ${AWS_MAX_GROUPS_PER_POLICY} stateful groups a policy can hold; narrow the features.`,
    );
  }
  return { ruleGroups: groups, coverage: ctx.coverage.build(), warnings: ctx.warnings, stats: stats(groups) };
}
