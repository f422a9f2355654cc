/**
 * Azure Firewall Policy: the model as inputs for azure-native `network.FirewallPolicyRuleCollectionGroup`.
 *
 * Semantics (see docs/cloud-targets.md):
 * - Names on TCP 80/443 become application rules (`Http:80`, `Https:443`). `*.x` does not match the apex `x` in
 *   Azure, so an apex the model lists stays its own target.
 * - Other ports to a name need a network rule with `destinationFqdns`, which needs the firewall's DNS proxy and takes
 *   no wildcards; without it the endpoint is reported as not enforced.
 * - CIDRs become network rules; IPv6 only when `ipv6` is on (dual-stack is preview), and never in application rules.
 * - Mid-label wildcards follow `wildcardPolicy`.
 */
import { widenedWildcard } from "../model/address";
import { intersectPorts, subtractPorts } from "../model/ports";
import { EgressModel, Endpoint } from "../model/types";
import { ConfigurationError } from "../service/client";
import { aggregateCidrs } from "./cidr";
import {
  Coverage,
  CoverageBuilder,
  compareFeatures,
  parseSources,
  portsFragment,
  primaryFeature,
  ruleName,
} from "./common";

/** What to do with a name Azure can't match exactly (`autodiscover.*.onmicrosoft.com`, `pay*.blob.core.windows.net`). */
export type WildcardPolicy = "skip" | "widen" | "reject";

/** Largest serialized rule collection group, in bytes. Azure documents 2 MB (1 MB for policies created before July
 * 2022); 2,000,000 is the stricter reading of "2 MB". */
export const AZURE_MAX_GROUP_BYTES = 2_000_000;
/** Unique source/destination pairs across network rules (Azure Firewall limit). */
export const AZURE_MAX_NETWORK_PAIRS = 20_000;
/** Priorities of rule collection groups and rule collections. */
export const AZURE_MIN_PRIORITY = 100;
export const AZURE_MAX_PRIORITY = 65_000;

export interface AzureFirewallOptions {
  /** CIDRs of the managed devices. Required. */
  readonly sourceAddresses: readonly string[];
  /** Priority of the first rule collection group; further groups take the next numbers. @default 500 */
  readonly priority?: number;
  /** The firewall's DNS proxy is on, so network rules may use FQDNs (not wildcards). @default false */
  readonly dnsProxyEnabled?: boolean;
  /** @default "skip" */
  readonly wildcardPolicy?: WildcardPolicy;
  /** Put IPv6 prefixes in network rules (Azure Firewall dual stack is preview). @default false */
  readonly ipv6?: boolean;
  /** Largest serialized group. @default 2,000,000 bytes */
  readonly maxGroupBytes?: number;
  /** Prefix of rule collection group names. @default "intune" */
  readonly namePrefix?: string;
}

export interface AzureApplicationRule {
  readonly ruleType: "ApplicationRule";
  readonly name: string;
  readonly description: string;
  readonly sourceAddresses: readonly string[];
  readonly protocols: ReadonlyArray<{ readonly protocolType: "Http" | "Https"; readonly port: number }>;
  readonly targetFqdns: readonly string[];
}

export interface AzureNetworkRule {
  readonly ruleType: "NetworkRule";
  readonly name: string;
  readonly description: string;
  readonly ipProtocols: ReadonlyArray<"TCP" | "UDP">;
  readonly sourceAddresses: readonly string[];
  readonly destinationAddresses?: readonly string[];
  readonly destinationFqdns?: readonly string[];
  readonly destinationPorts: readonly string[];
}

export type AzureRule = AzureApplicationRule | AzureNetworkRule;

export interface AzureRuleCollection {
  readonly ruleCollectionType: "FirewallPolicyFilterRuleCollection";
  readonly name: string;
  readonly priority: number;
  readonly action: { readonly type: "Allow" };
  readonly rules: readonly AzureRule[];
}

/** Inputs for one `network.FirewallPolicyRuleCollectionGroup` (besides the policy's name and resource group). */
export interface AzureRuleCollectionGroup {
  readonly name: string;
  readonly priority: number;
  readonly ruleCollections: readonly AzureRuleCollection[];
}

export interface AzureFirewallCompiled {
  readonly ruleCollectionGroups: readonly AzureRuleCollectionGroup[];
  readonly coverage: Coverage;
  readonly warnings: readonly string[];
  readonly stats: {
    readonly applicationRules: number;
    readonly networkRules: number;
    readonly targetFqdns: number;
    readonly destinationAddresses: number;
    readonly networkPairs: number;
    readonly groupBytes: readonly number[];
  };
}

const WEB_PORTS = ["80", "443"];

interface Bucket<T> {
  readonly key: string;
  readonly feature: string;
  readonly items: T[];
}

function bucket<T>(map: Map<string, Bucket<T>>, key: string, feature: string): Bucket<T> {
  let b = map.get(key);
  if (!b) {
    b = { key, feature, items: [] };
    map.set(key, b);
  }
  return b;
}

function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/** Checks the options that don't depend on the model, so a component can fail at once with the reason. */
export function checkAzureFirewallOptions(options: Omit<AzureFirewallOptions, "sourceAddresses">): void {
  const priority = options.priority ?? 500;
  if (!Number.isInteger(priority) || priority < AZURE_MIN_PRIORITY || priority > AZURE_MAX_PRIORITY) {
    throw new ConfigurationError(
      `azureFirewall.priority must be an integer from ${AZURE_MIN_PRIORITY} to ${AZURE_MAX_PRIORITY}, got ${priority}.`,
    );
  }
  const policy = options.wildcardPolicy ?? "skip";
  if (!["skip", "widen", "reject"].includes(policy)) {
    throw new ConfigurationError(`azureFirewall.wildcardPolicy must be skip, widen or reject, got ${String(policy)}.`);
  }
  const maxBytes = options.maxGroupBytes ?? AZURE_MAX_GROUP_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1000 || maxBytes > AZURE_MAX_GROUP_BYTES) {
    throw new ConfigurationError(
      `azureFirewall.maxGroupBytes must be an integer from 1000 to ${AZURE_MAX_GROUP_BYTES}, got ${maxBytes}.`,
    );
  }
}

/** Compiles the model for Azure Firewall Policy. Pure and deterministic. */
export function compileAzureFirewall(model: EgressModel, options: AzureFirewallOptions): AzureFirewallCompiled {
  checkAzureFirewallOptions(options);
  const sources = parseSources(options.sourceAddresses, "azureFirewall");
  const basePriority = options.priority ?? 500;
  const policy = options.wildcardPolicy ?? "skip";
  const maxBytes = options.maxGroupBytes ?? AZURE_MAX_GROUP_BYTES;
  const prefix = options.namePrefix ?? "intune";
  const coverage = new CoverageBuilder(model.endpoints);
  const warnings: string[] = [];
  const skippedWildcards: string[] = [];

  // Application rules: key feature + web ports. Network rules: key feature + kind + protocol + ports.
  const appBuckets = new Map<string, Bucket<{ endpoint: Endpoint; target: string }>>();
  const netBuckets = new Map<
    string,
    Bucket<{
      endpoint: Endpoint;
      destination: string;
      kind: "fqdn" | "cidr4" | "cidr6";
      protocol: "TCP" | "UDP";
      ports: string[];
    }>
  >();

  const addNetwork = (
    endpoint: Endpoint,
    destination: string,
    kind: "fqdn" | "cidr4" | "cidr6",
    protocol: "TCP" | "UDP",
    ports: readonly string[],
  ) => {
    const feature = primaryFeature(endpoint);
    const key = `${feature}|${kind}|${protocol}|${ports.join(",")}`;
    bucket(netBuckets, key, feature).items.push({ endpoint, destination, kind, protocol, ports: [...ports] });
  };

  for (const endpoint of model.endpoints) {
    switch (endpoint.form) {
      case "cidr4":
      case "cidr6": {
        if (endpoint.form === "cidr6" && !options.ipv6) {
          coverage.skip(
            endpoint.address,
            endpoint.tcpPorts,
            endpoint.udpPorts,
            "IPv6 is off for Azure Firewall (ipv6: false); dual-stack Azure Firewall is in preview",
          );
          break;
        }
        if (endpoint.tcpPorts.length > 0)
          addNetwork(endpoint, endpoint.address, endpoint.form, "TCP", endpoint.tcpPorts);
        if (endpoint.udpPorts.length > 0)
          addNetwork(endpoint, endpoint.address, endpoint.form, "UDP", endpoint.udpPorts);
        break;
      }
      case "fqdn":
      case "subdomains":
      case "prefix":
      case "infix": {
        let target = endpoint.address;
        if (endpoint.form === "infix") {
          if (policy === "reject") {
            throw new ConfigurationError(
              `Azure Firewall cannot match the mid-label wildcard ${endpoint.address} (wildcardPolicy: reject). Use wildcardPolicy "skip" to leave it out or "widen" to allow ${widenedWildcard({ value: endpoint.address, form: "infix" })}.`,
            );
          }
          if (policy === "skip") {
            skippedWildcards.push(endpoint.address);
            coverage.skip(
              endpoint.address,
              endpoint.tcpPorts,
              endpoint.udpPorts,
              "Azure Firewall accepts '*' only as the left-most character; mid-label wildcards are skipped (wildcardPolicy: skip)",
            );
            break;
          }
          target = widenedWildcard({ value: endpoint.address, form: "infix" });
          coverage.widen(
            endpoint.address,
            target,
            "wildcardPolicy: widen; Azure Firewall accepts '*' only as the left-most character",
          );
        }
        if (endpoint.form === "prefix") {
          coverage.widen(
            endpoint.address,
            endpoint.address,
            "Azure matches any name that ends with the text after '*', including deeper subdomains",
          );
        }
        const web = intersectPorts(endpoint.tcpPorts, WEB_PORTS);
        if (web.length > 0) {
          const feature = primaryFeature(endpoint);
          bucket(appBuckets, `${feature}|${web.join(",")}`, feature).items.push({ endpoint, target });
        }
        const otherTcp = subtractPorts(endpoint.tcpPorts, WEB_PORTS);
        const udp = endpoint.udpPorts;
        if (otherTcp.length + udp.length === 0) break;
        if (endpoint.form !== "fqdn") {
          coverage.skip(
            endpoint.address,
            otherTcp,
            udp,
            "application rules carry only HTTP/HTTPS, and network rules take no wildcard FQDNs",
          );
        } else if (!options.dnsProxyEnabled) {
          coverage.skip(
            endpoint.address,
            otherTcp,
            udp,
            "application rules carry only HTTP/HTTPS; an FQDN network rule needs the firewall's DNS proxy (dnsProxyEnabled)",
          );
        } else {
          if (otherTcp.length > 0) addNetwork(endpoint, endpoint.address, "fqdn", "TCP", otherTcp);
          if (udp.length > 0) addNetwork(endpoint, endpoint.address, "fqdn", "UDP", udp);
        }
        break;
      }
    }
  }
  if (skippedWildcards.length > 0) {
    warnings.push(
      `Azure Firewall: skipped ${skippedWildcards.length} mid-label wildcard${skippedWildcards.length > 1 ? "s" : ""} it cannot match: ${skippedWildcards.join(", ")}. Set wildcardPolicy: "widen" to allow the parent domain instead.`,
    );
  }

  const sortBuckets = <T>(map: Map<string, Bucket<T>>) =>
    [...map.values()].sort((a, b) => compareFeatures(a.feature, b.feature) || (a.key < b.key ? -1 : 1));

  const networkRules: AzureNetworkRule[] = sortBuckets(netBuckets).map((b) => {
    const first = b.items[0];
    if (!first) throw new Error("empty bucket");
    const family = first.kind === "fqdn" ? "fqdn" : first.kind === "cidr4" ? "ipv4" : "ipv6";
    const name = ruleName([b.feature, family, first.protocol, portsFragment(first.ports)]);
    const destinations =
      first.kind === "fqdn"
        ? [...new Set(b.items.map((i) => i.destination))].sort()
        : aggregateCidrs(
            b.items.map((i) => i.destination),
            first.kind === "cidr4" ? 4 : 6,
          );
    for (const item of b.items) {
      coverage.enforce(
        item.endpoint.address,
        item.protocol === "TCP" ? item.ports : [],
        item.protocol === "UDP" ? item.ports : [],
        name,
      );
    }
    const ruleSources = first.kind === "cidr6" ? sources.v6 : first.kind === "cidr4" ? sources.v4 : sources.all;
    return {
      ruleType: "NetworkRule",
      name,
      description: `intune-egress ${b.feature}`,
      ipProtocols: [first.protocol],
      sourceAddresses: ruleSources.length > 0 ? ruleSources : sources.all,
      ...(first.kind === "fqdn" ? { destinationFqdns: destinations } : { destinationAddresses: destinations }),
      destinationPorts: first.ports,
    };
  });

  const applicationRules: AzureApplicationRule[] = sortBuckets(appBuckets).map((b) => {
    const ports = b.key.split("|")[1]?.split(",") ?? [];
    const name = ruleName([b.feature, ports.map((p) => (p === "80" ? "http" : "https")).join("-")]);
    for (const item of b.items) coverage.enforce(item.endpoint.address, ports, [], name);
    return {
      ruleType: "ApplicationRule",
      name,
      description: `intune-egress ${b.feature}`,
      sourceAddresses: sources.all,
      protocols: ports.map((p) =>
        p === "80" ? { protocolType: "Http" as const, port: 80 } : { protocolType: "Https" as const, port: 443 },
      ),
      targetFqdns: [...new Set(b.items.map((i) => i.target))],
    };
  });

  const networkPairs = networkRules.reduce(
    (n, r) => n + r.sourceAddresses.length * (r.destinationAddresses?.length ?? r.destinationFqdns?.length ?? 0),
    0,
  );
  if (networkPairs > AZURE_MAX_NETWORK_PAIRS) {
    throw new ConfigurationError(
      `Azure Firewall: the network rules hold ${networkPairs} source/destination pairs, over the limit of ${AZURE_MAX_NETWORK_PAIRS}. Give fewer, larger source prefixes (sourceAddresses has ${sources.all.length}).`,
    );
  }

  const groups = packGroups(networkRules, applicationRules, { prefix, basePriority, maxBytes });
  return {
    ruleCollectionGroups: groups,
    coverage: coverage.build(),
    warnings,
    stats: {
      applicationRules: applicationRules.length,
      networkRules: networkRules.length,
      targetFqdns: applicationRules.reduce((n, r) => n + r.targetFqdns.length, 0),
      destinationAddresses: networkRules.reduce((n, r) => n + (r.destinationAddresses?.length ?? 0), 0),
      networkPairs,
      groupBytes: groups.map(byteLength),
    },
  };
}

/** The list of a rule's targets or destinations, and the field that holds it. */
function targetList(rule: AzureRule): {
  field: "targetFqdns" | "destinationAddresses" | "destinationFqdns";
  list: readonly string[];
} {
  if (rule.ruleType === "ApplicationRule") return { field: "targetFqdns", list: rule.targetFqdns };
  if (rule.destinationAddresses) return { field: "destinationAddresses", list: rule.destinationAddresses };
  return { field: "destinationFqdns", list: rule.destinationFqdns ?? [] };
}

/** Splits a rule whose target or destination list alone is too large into halves with suffixed names. */
function splitRule(rule: AzureRule): [AzureRule, AzureRule] {
  const { field, list } = targetList(rule);
  const half = Math.ceil(list.length / 2);
  return [
    { ...rule, name: `${rule.name}-a`, [field]: list.slice(0, half) } as AzureRule,
    { ...rule, name: `${rule.name}-b`, [field]: list.slice(half) } as AzureRule,
  ];
}

function makeGroup(
  name: string,
  priority: number,
  network: AzureNetworkRule[],
  application: AzureApplicationRule[],
): AzureRuleCollectionGroup {
  const collections: AzureRuleCollection[] = [];
  if (network.length > 0)
    collections.push({
      ruleCollectionType: "FirewallPolicyFilterRuleCollection",
      name: "intune-network",
      priority: 100,
      action: { type: "Allow" },
      rules: network,
    });
  if (application.length > 0)
    collections.push({
      ruleCollectionType: "FirewallPolicyFilterRuleCollection",
      name: "intune-application",
      priority: 200,
      action: { type: "Allow" },
      rules: application,
    });
  return { name, priority, ruleCollections: collections };
}

/**
 * Packs rules, network rules first, into as few groups as fit `maxBytes` each (measured on the serialized JSON). The
 * first group is `<prefix>`, the next `<prefix>-2`, and so on; priorities count up from the base.
 */
function packGroups(
  network: readonly AzureNetworkRule[],
  application: readonly AzureApplicationRule[],
  o: { prefix: string; basePriority: number; maxBytes: number },
): AzureRuleCollectionGroup[] {
  const queue: AzureRule[] = [...network, ...application];
  const groups: AzureRuleCollectionGroup[] = [];
  let currentNet: AzureNetworkRule[] = [];
  let currentApp: AzureApplicationRule[] = [];
  const nameOf = (i: number) => (i === 0 ? o.prefix : `${o.prefix}-${i + 1}`);
  const priorityOf = (i: number) => {
    const p = o.basePriority + i;
    if (p > AZURE_MAX_PRIORITY)
      throw new ConfigurationError(
        `Azure Firewall: ${i + 1} rule collection groups from priority ${o.basePriority} pass ${AZURE_MAX_PRIORITY}.`,
      );
    return p;
  };
  const flush = () => {
    if (currentNet.length + currentApp.length === 0) return;
    groups.push(makeGroup(nameOf(groups.length), priorityOf(groups.length), currentNet, currentApp));
    currentNet = [];
    currentApp = [];
  };
  while (queue.length > 0) {
    const rule = queue.shift() as AzureRule;
    const net = rule.ruleType === "NetworkRule" ? [...currentNet, rule] : currentNet;
    const app = rule.ruleType === "ApplicationRule" ? [...currentApp, rule] : currentApp;
    if (byteLength(makeGroup(nameOf(groups.length), priorityOf(groups.length), net, app)) <= o.maxBytes) {
      currentNet = net;
      currentApp = app;
      continue;
    }
    if (currentNet.length + currentApp.length > 0) {
      flush();
      queue.unshift(rule);
      continue;
    }
    // The rule alone is too large for a group: split it and try the halves.
    if (targetList(rule).list.length <= 1)
      throw new ConfigurationError(`Azure Firewall: rule ${rule.name} alone exceeds ${o.maxBytes} bytes.`);
    queue.unshift(...splitRule(rule));
  }
  flush();
  return groups;
}
