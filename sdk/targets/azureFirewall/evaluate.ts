/**
 * What an Azure Firewall Policy does with a flow, by Microsoft's documented processing:
 * - network rules first (rule collection groups by priority, then collections by priority), then application rules;
 * - a network rule matches protocol, port, source and destination (an IP prefix, or an FQDN, which needs the DNS proxy
 *   so that the firewall resolves the name the device asks for);
 * - an application rule matches HTTP's Host or TLS's SNI on its protocol's port: `*.x` matches names below `x` but not
 *   `x`, `*x` matches names that end in `x` (`x` too); application rules take no IPv6 sources (Microsoft's dual-stack notes);
 * - no match is a deny.
 */
import { portsInclude } from "../../model/ports";
import { Decision, Evaluator } from "../../verify/decision";
import { Flow } from "../../verify/flows";
import { IpRange, ipRange, rangeContains } from "../../model/ip";
import { AZURE_FIREWALL_REASONS } from "./capabilities";
import { AzureFirewallSettings } from "./options";
import { AzureApplicationRule, AzureFirewallCompiled, AzureNetworkRule } from "./types";

interface Located<R> {
  readonly rule: R;
  readonly path: string;
  readonly sources: readonly IpRange[];
}

/** An application rule's target matches a name: exact, `*.x` (below x), or `*x` (ends in x); case-insensitive. */
export function azureTargetMatches(target: string, host: string): boolean {
  const name = host.toLowerCase();
  const t = target.toLowerCase();
  if (t === "*") return true;
  if (t.startsWith("*")) return name.endsWith(t.slice(1));
  return name === t;
}

export function evaluateAzureFirewall(compiled: AzureFirewallCompiled, settings: AzureFirewallSettings): Evaluator {
  const groups = [...compiled.ruleCollectionGroups].sort((a, b) => a.priority - b.priority);
  const network: Array<Located<AzureNetworkRule> & { destinations: IpRange[] }> = [];
  const application: Array<Located<AzureApplicationRule> & { exact: Set<string>; wildcards: string[] }> = [];
  for (const group of groups) {
    for (const collection of [...group.ruleCollections].sort((a, b) => a.priority - b.priority)) {
      for (const rule of collection.rules) {
        const path = `${group.name}/${collection.name}/${rule.name}`;
        const sources = rule.sourceAddresses.map(ipRange);
        if (rule.ruleType === "NetworkRule")
          network.push({
            rule,
            path,
            sources,
            destinations: (rule.destinationAddresses ?? []).map(ipRange),
          });
        else
          application.push({
            rule,
            path,
            sources: sources.filter((s) => s.family === 4),
            exact: new Set(rule.targetFqdns.filter((t) => !t.includes("*")).map((t) => t.toLowerCase())),
            wildcards: rule.targetFqdns.filter((t) => t.includes("*")),
          });
      }
    }
  }
  return (flow: Flow): Decision => {
    const source = ipRange(flow.source);
    const destination = ipRange(flow.destination);
    for (const n of network) {
      if (!n.rule.ipProtocols.includes(flow.protocol === "tcp" ? "TCP" : "UDP")) continue;
      if (!portsInclude(n.rule.destinationPorts, flow.port)) continue;
      if (!n.sources.some((s) => rangeContains(s, source))) continue;
      const byAddress = n.destinations.some((d) => rangeContains(d, destination));
      const byName =
        settings.dnsProxyEnabled && flow.host !== undefined && (n.rule.destinationFqdns ?? []).includes(flow.host);
      if (byAddress || byName) return { allowed: true, by: n.path, ours: true };
    }
    const protocolType = flow.app === "http" ? "Http" : flow.app === "tls" ? "Https" : undefined;
    if (flow.protocol === "tcp" && protocolType && flow.host !== undefined) {
      for (const a of application) {
        if (!a.rule.protocols.some((p) => p.protocolType === protocolType && p.port === flow.port)) continue;
        if (!a.sources.some((s) => rangeContains(s, source))) continue;
        const host = (flow.host as string).toLowerCase();
        if (a.exact.has(host) || a.wildcards.some((t) => azureTargetMatches(t, host)))
          return { allowed: true, by: a.path, ours: true };
      }
    }
    return {
      allowed: false,
      by: "Azure Firewall default: deny (no rule matched)",
      ours: false,
      ...(flow.family === 6 && protocolType && flow.host !== undefined
        ? { reason: AZURE_FIREWALL_REASONS.applicationRulesNoIpv6 }
        : {}),
    };
  };
}
