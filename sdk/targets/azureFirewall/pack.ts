/**
 * Step 3 of the Azure Firewall compile: rules into rule collection groups, network rules first, as few groups as fit
 * the size limit; a rule too large for a group alone is split.
 */
import { ConfigurationError } from "../../errors";
import { AZURE_MAX_PRIORITY } from "./options";
import {
  AzureApplicationRule,
  AzureNetworkRule,
  AzureRule,
  AzureRuleCollection,
  AzureRuleCollectionGroup,
} from "./types";

export function byteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
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
export function packGroups(
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
