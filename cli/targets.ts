import { CompileOptions, CompiledTargets, TARGETS, Target } from "../sdk/compile";
import { Coverage } from "../sdk/compile/common";
import { portsLabel, table } from "./format";
import { UsageError, Values, oneOf, strings } from "./options";

type OptionSpec = { type: "string" | "boolean"; multiple?: boolean };

/** Options that choose and tune the compiled targets. */
export const TARGET_OPTIONS: Record<string, OptionSpec> = {
  target: { type: "string", multiple: true },
  "source-address": { type: "string", multiple: true },
  "azfw-priority": { type: "string" },
  "dns-proxy": { type: "boolean" },
  "wildcard-policy": { type: "string" },
  "azfw-ipv6": { type: "boolean" },
  "nsg-priority-start": { type: "string" },
  "nsg-priority-end": { type: "string" },
  "use-service-tags": { type: "boolean" },
  "deny-internet-outbound": { type: "boolean" },
  "aws-format": { type: "string" },
  "aws-rule-order": { type: "string" },
  "capacity-headroom": { type: "string" },
  "capacity-step": { type: "string" },
  "drop-unmatched": { type: "boolean" },
};

export const TARGET_OPTIONS_HELP = `Target options:
  --target azure-firewall|nsg|aws-network-firewall|all   targets to compile, repeatable (default all)
  --source-address CIDR      managed devices' addresses, repeatable (default for a preview: the RFC 1918 ranges)
  Azure Firewall:  --azfw-priority N (default 500)  --dns-proxy  --wildcard-policy skip|widen|reject  --azfw-ipv6
  NSG:             --nsg-priority-start N (default 2000)  --nsg-priority-end N (default 2999)  --use-service-tags
                   --deny-internet-outbound
  AWS:             --aws-format suricata|domainList  --aws-rule-order STRICT_ORDER|DEFAULT_ACTION_ORDER
                   --capacity-headroom R (default 1)  --capacity-step N (default 1000)  --drop-unmatched`;

/** Sources a preview uses when none are given. A deployment never defaults: the component requires them. */
export const PREVIEW_SOURCES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

function integer(values: Values, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} takes an integer, got ${String(v)}`);
  return n;
}

function number(values: Values, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} takes a number, got ${String(v)}`);
  return n;
}

function choice<T extends string>(values: Values, name: string, allowed: readonly T[]): T | undefined {
  const v = values[name];
  return v === undefined ? undefined : oneOf(String(v), allowed, name);
}

/** The selected targets and their compile options; `defaulted` tells whether the preview sources were used. */
export function compileOptionsFrom(values: Values): {
  targets: Target[];
  options: CompileOptions;
  defaultedSources: boolean;
} {
  const requested = strings(values, "target");
  const targets: Target[] = [];
  for (const t of requested.length === 0 ? ["all"] : requested) {
    if (t === "all") targets.push(...TARGETS);
    else if ((TARGETS as readonly string[]).includes(t)) targets.push(t as Target);
    else throw new UsageError(`--target ${t} is not one of ${[...TARGETS, "all"].join(", ")}`);
  }
  const unique = [...new Set(targets)];
  const given = strings(values, "source-address");
  const sourceAddresses = given.length > 0 ? given : PREVIEW_SOURCES;
  const wildcardPolicy = choice(values, "wildcard-policy", ["skip", "widen", "reject"] as const);
  const options: CompileOptions = {
    sourceAddresses,
    ...(unique.includes("azure-firewall")
      ? {
          azureFirewall: {
            ...(integer(values, "azfw-priority") !== undefined ? { priority: integer(values, "azfw-priority") } : {}),
            dnsProxyEnabled: values["dns-proxy"] === true,
            ...(wildcardPolicy ? { wildcardPolicy } : {}),
            ipv6: values["azfw-ipv6"] === true,
          },
        }
      : {}),
    ...(unique.includes("nsg")
      ? {
          nsg: {
            ...(integer(values, "nsg-priority-start") !== undefined
              ? { priorityStart: integer(values, "nsg-priority-start") }
              : {}),
            ...(integer(values, "nsg-priority-end") !== undefined
              ? { priorityEnd: integer(values, "nsg-priority-end") }
              : {}),
            useServiceTags: values["use-service-tags"] === true,
            denyInternetOutbound: values["deny-internet-outbound"] === true,
          },
        }
      : {}),
    ...(unique.includes("aws-network-firewall")
      ? {
          awsNetworkFirewall: {
            ...(choice(values, "aws-format", ["suricata", "domainList"] as const)
              ? { format: choice(values, "aws-format", ["suricata", "domainList"] as const) }
              : {}),
            ...(choice(values, "aws-rule-order", ["STRICT_ORDER", "DEFAULT_ACTION_ORDER"] as const)
              ? { ruleOrder: choice(values, "aws-rule-order", ["STRICT_ORDER", "DEFAULT_ACTION_ORDER"] as const) }
              : {}),
            ...(number(values, "capacity-headroom") !== undefined
              ? { capacityHeadroom: number(values, "capacity-headroom") }
              : {}),
            ...(integer(values, "capacity-step") !== undefined
              ? { capacityStep: integer(values, "capacity-step") }
              : {}),
            dropUnmatched: values["drop-unmatched"] === true,
            ...(wildcardPolicy ? { wildcardPolicy } : {}),
          },
        }
      : {}),
  };
  return { targets: unique, options, defaultedSources: given.length === 0 };
}

function wrap(items: readonly string[], width = 100, indent = "      "): string {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line === "" ? item : `${line}, ${item}`;
    if (next.length > width && line !== "") {
      lines.push(line + ",");
      line = item;
    } else {
      line = next;
    }
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => indent + l).join("\n");
}

function coverageText(coverage: Coverage): string {
  let out = `  coverage: ${coverage.enforced.length} endpoints enforced, ${coverage.widened.length} widened, ${coverage.notEnforced.length} not enforced\n`;
  for (const w of coverage.widened) out += `    widened  ${w.address} -> ${w.as}: ${w.reason}\n`;
  for (const n of coverage.notEnforced) out += `    not enforced  ${n.address} (${portsLabel(n)}): ${n.reason}\n`;
  return out;
}

/** Each target's rules in a readable form, then its coverage. */
export function targetsTable(compiled: CompiledTargets): string {
  let out = "";
  if (compiled.azureFirewall) {
    const az = compiled.azureFirewall;
    out += `\nAzure Firewall Policy: ${az.ruleCollectionGroups.length} rule collection group(s), ${az.stats.networkRules} network and ${az.stats.applicationRules} application rules\n`;
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
    out += coverageText(az.coverage);
  }
  if (compiled.nsg) {
    const nsg = compiled.nsg;
    out += `\nNSG: ${nsg.securityRules.length} security rules, ${nsg.stats.destinationPrefixes} destination prefixes\n`;
    out += table([
      ["  PRIORITY", "NAME", "ACCESS", "PROTOCOL", "PORTS", "DESTINATIONS"],
      ...nsg.securityRules.map((r) => [
        `  ${r.priority}`,
        r.name,
        r.access,
        r.protocol,
        (r.destinationPortRanges ?? [r.destinationPortRange ?? "*"]).join(","),
        r.destinationAddressPrefix ?? `${r.destinationAddressPrefixes?.length ?? 0} prefixes`,
      ]),
    ]);
    out += coverageText(nsg.coverage);
  }
  if (compiled.awsNetworkFirewall) {
    const aws = compiled.awsNetworkFirewall;
    out += `\nAWS Network Firewall: ${aws.ruleGroups.length} stateful rule group(s), consumed capacity ${aws.stats.consumedCapacity}\n`;
    for (const group of aws.ruleGroups) {
      out += `  group ${group.name}: capacity ${group.capacity} (consumed ${group.consumedCapacity}), ${group.ruleGroup.statefulRuleOptions.ruleOrder}, HOME_NET ${group.ruleGroup.ruleVariables.ipSets[0]?.ipSet.definitions.join(",")}\n`;
      const source = group.ruleGroup.rulesSource;
      if ("rulesString" in source)
        out +=
          source.rulesString
            .trimEnd()
            .split("\n")
            .map((l) => `    ${l}`)
            .join("\n") + "\n";
      else
        out += `    domain list (${source.rulesSourceList.generatedRulesType}, ${source.rulesSourceList.targetTypes.join("+")}):\n${wrap(source.rulesSourceList.targets)}\n`;
    }
    out += coverageText(aws.coverage);
  }
  return out;
}
