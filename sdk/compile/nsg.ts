/**
 * Azure NSG: the model as inputs for standalone azure-native `network.SecurityRule` resources.
 *
 * NSGs match IP prefixes only: names (FQDNs and wildcards) are reported as not enforceable. IPv4 and IPv6 never share
 * a rule. Prefixes are aggregated and grouped by family, protocol and ports into as few rules as possible; priorities
 * come from a hash of each rule's name inside the user's range, so they stay put as endpoints change.
 */
import { AZURE_FRONT_DOOR_TAG } from "../catalog/catalog";
import { EgressModel } from "../model/types";
import { ConfigurationError } from "../service/client";
import { aggregateCidrs } from "./cidr";
import { Coverage, CoverageBuilder, allocateSlots, parseSources, portsFragment, ruleName } from "./common";

/** Security rules per NSG. */
export const NSG_MAX_RULES = 1000;
/** Address prefixes per NSG, counted separately for sources and destinations. */
export const NSG_MAX_PREFIXES = 4000;
export const NSG_MIN_PRIORITY = 100;
export const NSG_MAX_PRIORITY = 4096;

export interface NsgOptions {
  /** CIDRs of the managed devices. Required. */
  readonly sourceAddresses: readonly string[];
  /** First priority the rules may use. @default 2000 */
  readonly priorityStart?: number;
  /** Last priority the rules may use; the deny rule, if any, takes it. @default 2999 */
  readonly priorityEnd?: number;
  /** Use the service tag AzureFrontDoor.MicrosoftSecurity for the model's Azure Front Door ranges. @default false */
  readonly useServiceTags?: boolean;
  /** Add a final rule denying the sources' other outbound traffic to the Internet. @default false */
  readonly denyInternetOutbound?: boolean;
  /** Prefix of rule names. @default "intune" */
  readonly namePrefix?: string;
}

/** Inputs for one `network.SecurityRule` (besides the NSG's name and resource group). */
export interface NsgSecurityRule {
  readonly name: string;
  readonly description: string;
  readonly priority: number;
  readonly direction: "Outbound";
  readonly access: "Allow" | "Deny";
  readonly protocol: "Tcp" | "Udp" | "*";
  readonly sourcePortRange: "*";
  readonly sourceAddressPrefixes: readonly string[];
  readonly destinationAddressPrefix?: string;
  readonly destinationAddressPrefixes?: readonly string[];
  readonly destinationPortRange?: string;
  readonly destinationPortRanges?: readonly string[];
}

export interface NsgCompiled {
  readonly securityRules: readonly NsgSecurityRule[];
  readonly coverage: Coverage;
  readonly warnings: readonly string[];
  readonly stats: {
    readonly rules: number;
    readonly destinationPrefixes: number;
    readonly sourcePrefixes: number;
    readonly modelPrefixes: number;
  };
}

interface Group {
  readonly family: "ipv4" | "ipv6" | "tag";
  readonly protocol: "Tcp" | "Udp";
  readonly ports: readonly string[];
  readonly prefixes: string[];
  readonly addresses: string[];
}

/** Checks the options that don't depend on the model, so a component can fail at once with the reason. */
export function checkNsgOptions(options: Omit<NsgOptions, "sourceAddresses">): void {
  const start = options.priorityStart ?? 2000;
  const end = options.priorityEnd ?? 2999;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < NSG_MIN_PRIORITY ||
    end > NSG_MAX_PRIORITY ||
    start >= end
  ) {
    throw new ConfigurationError(
      `nsg priorities must satisfy ${NSG_MIN_PRIORITY} <= priorityStart < priorityEnd <= ${NSG_MAX_PRIORITY}; got ${start} and ${end}.`,
    );
  }
}

/** Compiles the model for an NSG. Pure and deterministic. */
export function compileNsg(model: EgressModel, options: NsgOptions): NsgCompiled {
  checkNsgOptions(options);
  const sources = parseSources(options.sourceAddresses, "nsg");
  const start = options.priorityStart ?? 2000;
  const end = options.priorityEnd ?? 2999;
  const prefix = options.namePrefix ?? "intune";
  const coverage = new CoverageBuilder(model.endpoints);
  const warnings: string[] = [];
  const groups = new Map<string, Group>();
  const add = (
    family: Group["family"],
    protocol: Group["protocol"],
    ports: readonly string[],
    prefixValue: string,
    address: string,
  ) => {
    const key = `${family}|${protocol}|${ports.join(",")}`;
    const group = groups.get(key) ?? { family, protocol, ports, prefixes: [], addresses: [] };
    group.prefixes.push(prefixValue);
    group.addresses.push(address);
    groups.set(key, group);
  };

  let modelPrefixes = 0;
  for (const endpoint of model.endpoints) {
    switch (endpoint.form) {
      case "fqdn":
      case "subdomains":
      case "prefix":
      case "infix":
        coverage.skip(
          endpoint.address,
          endpoint.tcpPorts,
          endpoint.udpPorts,
          "an NSG matches IP prefixes only, not host names",
        );
        break;
      case "cidr4":
      case "cidr6": {
        modelPrefixes += 1;
        const family = endpoint.form === "cidr4" ? "ipv4" : "ipv6";
        if (
          (family === "ipv4" ? sources.v4 : sources.v6).length === 0 &&
          !(options.useServiceTags && endpoint.serviceTag === AZURE_FRONT_DOOR_TAG)
        ) {
          coverage.skip(
            endpoint.address,
            endpoint.tcpPorts,
            endpoint.udpPorts,
            `no ${family === "ipv4" ? "IPv4" : "IPv6"} source addresses were given, and an NSG rule cannot mix address families`,
          );
          break;
        }
        const useTag = options.useServiceTags === true && endpoint.serviceTag === AZURE_FRONT_DOOR_TAG;
        if (useTag)
          coverage.widen(
            endpoint.address,
            AZURE_FRONT_DOOR_TAG,
            "useServiceTags: the service tag covers this range and the rest of Azure Front Door for Microsoft Security",
          );
        if (endpoint.tcpPorts.length > 0)
          add(useTag ? "tag" : family, "Tcp", endpoint.tcpPorts, endpoint.address, endpoint.address);
        if (endpoint.udpPorts.length > 0)
          add(useTag ? "tag" : family, "Udp", endpoint.udpPorts, endpoint.address, endpoint.address);
        break;
      }
    }
  }

  // A service-tag rule has no address family of its own; its sources decide it, and sources never mix families.
  const drafts = [...groups.values()].flatMap((g) => {
    const variants: Array<{ family: "ipv4" | "ipv6"; label: string; ruleSources: readonly string[] }> =
      g.family === "tag"
        ? [
            ...(sources.v4.length > 0 ? [{ family: "ipv4" as const, label: "afd-ipv4", ruleSources: sources.v4 }] : []),
            ...(sources.v6.length > 0 ? [{ family: "ipv6" as const, label: "afd-ipv6", ruleSources: sources.v6 }] : []),
          ]
        : [{ family: g.family, label: g.family, ruleSources: g.family === "ipv4" ? sources.v4 : sources.v6 }];
    return variants.map(({ label, ruleSources }) => {
      const name = ruleName([prefix, label, g.protocol, portsFragment(g.ports)]);
      const destinations =
        g.family === "tag" ? [AZURE_FRONT_DOOR_TAG] : aggregateCidrs(g.prefixes, g.family === "ipv4" ? 4 : 6);
      for (const address of g.addresses)
        coverage.enforce(address, g.protocol === "Tcp" ? g.ports : [], g.protocol === "Udp" ? g.ports : [], name);
      return { name, g, destinations, ruleSources };
    });
  });

  const denyRules: Array<{ name: string; sources: readonly string[] }> = [];
  if (options.denyInternetOutbound) {
    if (sources.v4.length > 0)
      denyRules.push({
        name: ruleName([prefix, "deny-internet-outbound", sources.v6.length > 0 ? "ipv4" : ""]),
        sources: sources.v4,
      });
    if (sources.v6.length > 0)
      denyRules.push({
        name: ruleName([prefix, "deny-internet-outbound", sources.v4.length > 0 ? "ipv6" : ""]),
        sources: sources.v6,
      });
  }
  const allowEnd = end - denyRules.length;
  if (allowEnd < start)
    throw new ConfigurationError(`nsg: the priority range ${start}-${end} is too small for the deny rules.`);
  const slots = allocateSlots(
    drafts.map((d) => d.name),
    start,
    allowEnd,
  );

  const rules: NsgSecurityRule[] = drafts
    .map(({ name, g, destinations, ruleSources }): NsgSecurityRule => ({
      name,
      description: `intune-egress: ${g.family === "tag" ? AZURE_FRONT_DOOR_TAG : g.family} ${g.protocol.toUpperCase()} ${g.ports.join(",")}`,
      priority: slots.get(name) ?? start,
      direction: "Outbound",
      access: "Allow",
      protocol: g.protocol,
      sourcePortRange: "*",
      sourceAddressPrefixes: ruleSources,
      ...(g.family === "tag"
        ? { destinationAddressPrefix: AZURE_FRONT_DOOR_TAG }
        : { destinationAddressPrefixes: destinations }),
      destinationPortRanges: g.ports,
    }))
    .sort((a, b) => a.priority - b.priority);
  denyRules.forEach((d, i) => {
    rules.push({
      name: d.name,
      description: "intune-egress: deny the managed devices' other outbound Internet traffic",
      priority: end - (denyRules.length - 1 - i),
      direction: "Outbound",
      access: "Deny",
      protocol: "*",
      sourcePortRange: "*",
      sourceAddressPrefixes: d.sources,
      destinationAddressPrefix: "Internet",
      destinationPortRange: "*",
    });
  });

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
  return {
    securityRules: rules,
    coverage: coverage.build(),
    warnings,
    stats: { rules: rules.length, destinationPrefixes, sourcePrefixes, modelPrefixes },
  };
}
