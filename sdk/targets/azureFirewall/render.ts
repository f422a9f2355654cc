/** Step 2 of the Azure Firewall compile: each bucket becomes one rule, in a stable order and with a stable name. */
import { aggregateCidrs } from "../cidr";
import { CoverageBuilder } from "../coverage";
import { compareFeatures, portsFragment, ruleName } from "../naming";
import { Sources } from "../sources";
import { ApplicationItem, Bucket, NetworkItem } from "./classify";
import { AzureApplicationRule, AzureNetworkRule } from "./types";

function sortBuckets<T>(map: Map<string, Bucket<T>>): Bucket<T>[] {
  return [...map.values()].sort((a, b) => compareFeatures(a.feature, b.feature) || (a.key < b.key ? -1 : 1));
}

export function networkRules(
  buckets: Map<string, Bucket<NetworkItem>>,
  sources: Sources,
  coverage: CoverageBuilder,
): AzureNetworkRule[] {
  return sortBuckets(buckets).map((b) => {
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
    // Classify only buckets prefixes whose family has sources, so a rule's sources and destinations share a family.
    const ruleSources = first.kind === "cidr6" ? sources.v6 : first.kind === "cidr4" ? sources.v4 : sources.all;
    return {
      ruleType: "NetworkRule",
      name,
      description: `intune-egress ${b.feature}`,
      ipProtocols: [first.protocol],
      sourceAddresses: ruleSources,
      ...(first.kind === "fqdn" ? { destinationFqdns: destinations } : { destinationAddresses: destinations }),
      destinationPorts: first.ports,
    };
  });
}

export function applicationRules(
  buckets: Map<string, Bucket<ApplicationItem>>,
  sources: Sources,
  coverage: CoverageBuilder,
): AzureApplicationRule[] {
  return sortBuckets(buckets).map((b) => {
    const ports = b.key.split("|")[1]?.split(",") ?? [];
    const name = ruleName([b.feature, ports.map((p) => (p === "80" ? "http" : "https")).join("-")]);
    for (const item of b.items) coverage.enforce(item.endpoint.address, ports, [], name);
    return {
      ruleType: "ApplicationRule",
      name,
      description: `intune-egress ${b.feature}`,
      // Application rules take no IPv6 sources (Azure Firewall dual stack is preview).
      sourceAddresses: sources.v4,
      protocols: ports.map((p) =>
        p === "80" ? { protocolType: "Http" as const, port: 80 } : { protocolType: "Https" as const, port: 443 },
      ),
      targetFqdns: [...new Set(b.items.map((i) => i.target))],
    };
  });
}
