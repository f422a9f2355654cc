/**
 * Azure NSG: the model as inputs for standalone azure-native `network.SecurityRule` resources. The steps: group the
 * model's prefixes by family, protocol and ports (names are reported, by the capability table); one rule per group,
 * aggregated; the optional deny rules; priorities from each rule's name (priorities.ts); the NSG's limits.
 */
import { AZURE_FRONT_DOOR_TAG } from "../../catalog/catalog";
import { ConfigurationError } from "../../errors";
import { EgressModel } from "../../model/types";
import { OptionSpelling } from "../../service/source";
import { aggregateCidrs } from "../cidr";
import { CoverageBuilder } from "../coverage";
import { portsFragment, ruleName } from "../naming";
import { GivenOptions, normalizeOptions } from "../options";
import { Sources, parseSources } from "../sources";
import { NSG_REASONS as REASONS } from "./capabilities";
import { NSG_MAX_PREFIXES, NSG_MAX_RULES, NSG_OPTIONS, NsgSettings, checkNsgSettings } from "./options";
import { allocateSlots } from "./priorities";
import { NsgCompiled, NsgOptions, NsgSecurityRule } from "./types";

interface Group {
  readonly family: "ipv4" | "ipv6" | "tag";
  readonly protocol: "Tcp" | "Udp";
  readonly ports: readonly string[];
  readonly prefixes: string[];
  readonly addresses: string[];
}

interface Draft {
  readonly name: string;
  readonly group: Group;
  readonly destinations: readonly string[];
  readonly ruleSources: readonly string[];
}

/** Applies every default and checks every range, once. */
export function normalizeNsgOptions(
  given: GivenOptions<NsgSettings> | undefined,
  spell: OptionSpelling = (o) => `nsg.${o}`,
): NsgSettings {
  return checkNsgSettings(normalizeOptions(NSG_OPTIONS, given, spell), spell);
}

/** Groups the model's prefixes by family (or service tag), protocol and ports; names go to coverage as not enforced. */
function groupPrefixes(
  model: EgressModel,
  settings: NsgSettings,
  sources: Sources,
  coverage: CoverageBuilder,
): { groups: Group[]; modelPrefixes: number } {
  const groups = new Map<string, Group>();
  const add = (family: Group["family"], protocol: Group["protocol"], ports: readonly string[], address: string) => {
    const key = `${family}|${protocol}|${ports.join(",")}`;
    const group = groups.get(key) ?? { family, protocol, ports, prefixes: [], addresses: [] };
    group.prefixes.push(address);
    group.addresses.push(address);
    groups.set(key, group);
  };
  let modelPrefixes = 0;
  for (const endpoint of model.endpoints) {
    if (endpoint.form !== "cidr4" && endpoint.form !== "cidr6") {
      const reason = settings.denyInternetOutbound ? REASONS.nameDenied : REASONS.name;
      coverage.skip(endpoint.address, endpoint.tcpPorts, endpoint.udpPorts, reason);
      continue;
    }
    modelPrefixes += 1;
    const family = endpoint.form === "cidr4" ? "ipv4" : "ipv6";
    const useTag = settings.useServiceTags && endpoint.serviceTag === AZURE_FRONT_DOOR_TAG;
    if ((family === "ipv4" ? sources.v4 : sources.v6).length === 0 && !useTag) {
      const label = family === "ipv4" ? "IPv4" : "IPv6";
      coverage.skip(endpoint.address, endpoint.tcpPorts, endpoint.udpPorts, REASONS.noSourceOfFamily(label));
      continue;
    }
    if (useTag) coverage.widen(endpoint.address, AZURE_FRONT_DOOR_TAG, REASONS.serviceTag);
    if (endpoint.tcpPorts.length > 0) add(useTag ? "tag" : family, "Tcp", endpoint.tcpPorts, endpoint.address);
    if (endpoint.udpPorts.length > 0) add(useTag ? "tag" : family, "Udp", endpoint.udpPorts, endpoint.address);
  }
  return { groups: [...groups.values()], modelPrefixes };
}

/** One draft rule per group and source family. A service-tag rule has no family of its own: its sources decide it. */
function draftRules(groups: readonly Group[], sources: Sources, prefix: string, coverage: CoverageBuilder): Draft[] {
  return groups.flatMap((group) => {
    const variants: Array<{ label: string; ruleSources: readonly string[] }> =
      group.family === "tag"
        ? [
            ...(sources.v4.length > 0 ? [{ label: "afd-ipv4", ruleSources: sources.v4 }] : []),
            ...(sources.v6.length > 0 ? [{ label: "afd-ipv6", ruleSources: sources.v6 }] : []),
          ]
        : [{ label: group.family, ruleSources: group.family === "ipv4" ? sources.v4 : sources.v6 }];
    return variants.map(({ label, ruleSources }) => {
      const name = ruleName([prefix, label, group.protocol, portsFragment(group.ports)]);
      const destinations =
        group.family === "tag"
          ? [AZURE_FRONT_DOOR_TAG]
          : aggregateCidrs(group.prefixes, group.family === "ipv4" ? 4 : 6);
      for (const address of group.addresses)
        coverage.enforce(
          address,
          group.protocol === "Tcp" ? group.ports : [],
          group.protocol === "Udp" ? group.ports : [],
          name,
        );
      return { name, group, destinations, ruleSources };
    });
  });
}

function allowRule(draft: Draft, priority: number): NsgSecurityRule {
  const g = draft.group;
  return {
    name: draft.name,
    description: `intune-egress: ${g.family === "tag" ? AZURE_FRONT_DOOR_TAG : g.family} ${g.protocol.toUpperCase()} ${g.ports.join(",")}`,
    priority,
    direction: "Outbound",
    access: "Allow",
    protocol: g.protocol,
    sourcePortRange: "*",
    sourceAddressPrefixes: draft.ruleSources,
    ...(g.family === "tag"
      ? { destinationAddressPrefix: AZURE_FRONT_DOOR_TAG }
      : { destinationAddressPrefixes: draft.destinations }),
    destinationPortRanges: g.ports,
  };
}

/** The deny rules, one per source family, at the end of the range. */
function denyRules(settings: NsgSettings, sources: Sources): NsgSecurityRule[] {
  const families = [
    { family: "ipv4", list: sources.v4, other: sources.v6 },
    { family: "ipv6", list: sources.v6, other: sources.v4 },
  ].filter((f) => settings.denyInternetOutbound && f.list.length > 0);
  return families.map((f, i) => ({
    name: ruleName([settings.namePrefix, "deny-internet-outbound", f.other.length > 0 ? f.family : ""]),
    description: "intune-egress: deny the managed devices' other outbound Internet traffic",
    priority: settings.priorityEnd - (families.length - 1 - i),
    direction: "Outbound",
    access: "Deny",
    protocol: "*",
    sourcePortRange: "*",
    sourceAddressPrefixes: f.list,
    destinationAddressPrefix: "Internet",
    destinationPortRange: "*",
  }));
}

function checkLimits(rules: readonly NsgSecurityRule[], sources: Sources): { destinations: number; sources: number } {
  const destinationPrefixes = rules.reduce((n, r) => n + (r.destinationAddressPrefixes?.length ?? 0), 0);
  const sourcePrefixes = rules.reduce((n, r) => n + r.sourceAddressPrefixes.length, 0);
  if (rules.length > NSG_MAX_RULES)
    throw new ConfigurationError(`nsg: ${rules.length} rules exceed the NSG limit of ${NSG_MAX_RULES}.`);
  if (destinationPrefixes > NSG_MAX_PREFIXES)
    throw new ConfigurationError(
      `nsg: ${destinationPrefixes} destination prefixes exceed the NSG limit of ${NSG_MAX_PREFIXES}; turn on useServiceTags or narrow the features.`,
    );
  if (sourcePrefixes > NSG_MAX_PREFIXES)
    throw new ConfigurationError(
      `nsg: ${sourcePrefixes} source prefixes (${sources.all.length} per rule) exceed the NSG limit of ${NSG_MAX_PREFIXES}; give fewer, larger source prefixes.`,
    );
  return { destinations: destinationPrefixes, sources: sourcePrefixes };
}

/** Compiles the model for an NSG. Pure and deterministic. */
export function compileNsg(model: EgressModel, options: NsgOptions): NsgCompiled {
  const settings = normalizeNsgOptions(options);
  const sources = parseSources(options.sourceAddresses, "nsg", options.allowAnySource);
  const coverage = new CoverageBuilder(model.endpoints);
  const { groups, modelPrefixes } = groupPrefixes(model, settings, sources, coverage);
  const drafts = draftRules(groups, sources, settings.namePrefix, coverage);
  const deny = denyRules(settings, sources);
  const allowEnd = settings.priorityEnd - deny.length;
  if (allowEnd < settings.priorityStart)
    throw new ConfigurationError(
      `nsg: the priority range ${settings.priorityStart}-${settings.priorityEnd} is too small for the deny rules.`,
    );
  const slots = allocateSlots(
    drafts.map((d) => d.name),
    settings.priorityStart,
    allowEnd,
  );
  const rules = [
    ...drafts
      .map((d) => allowRule(d, slots.get(d.name) ?? settings.priorityStart))
      .sort((a, b) => a.priority - b.priority),
    ...deny,
  ];
  const counts = checkLimits(rules, sources);
  return {
    securityRules: rules,
    coverage: coverage.build(),
    warnings: [],
    stats: {
      rules: rules.length,
      destinationPrefixes: counts.destinations,
      sourcePrefixes: counts.sources,
      modelPrefixes,
    },
  };
}
