/** The Azure Firewall rules in a readable form (for `plan`), and listed for diffs. */
import { ListedRule } from "../spec";
import { wrap } from "../text";
import { AzureFirewallCompiled } from "./types";

export function describeAzureFirewall(az: AzureFirewallCompiled): string {
  let out = `\nAzure Firewall Policy: ${az.ruleCollectionGroups.length} rule collection group(s), ${az.stats.networkRules} network and ${az.stats.applicationRules} application rules\n`;
  for (const group of az.ruleCollectionGroups) {
    out += `  group ${group.name} (priority ${group.priority})\n`;
    for (const collection of group.ruleCollections) {
      out += `    collection ${collection.name} (priority ${collection.priority}, ${collection.action.type})\n`;
      for (const rule of collection.rules) {
        if (rule.ruleType === "ApplicationRule") {
          out += `    - ${rule.name}: ${rule.protocols.map((p) => `${p.protocolType}:${p.port}`).join(" ")} to ${rule.targetFqdns.length} FQDNs\n${wrap(rule.targetFqdns)}\n`;
        } else {
          const destinations = rule.destinationAddresses ?? rule.destinationFqdns ?? [];
          out += `    - ${rule.name}: ${rule.ipProtocols.join(",")} ${rule.destinationPorts.join(",")} to ${destinations.length} ${rule.destinationFqdns ? "FQDNs" : "prefixes"}\n${wrap(destinations)}\n`;
        }
      }
    }
  }
  return out;
}

/** Every rule, keyed `group/rule`. */
export function listAzureFirewallRules(az: AzureFirewallCompiled): ListedRule[] {
  return az.ruleCollectionGroups.flatMap((g) =>
    g.ruleCollections.flatMap((c) => c.rules.map((r) => ({ key: `${g.name}/${r.name}`, text: JSON.stringify(r) }))),
  );
}
