/** The AWS rule groups in a readable form (for `plan`), and listed for diffs. */
import { ListedRule } from "../spec";
import { wrap } from "../text";
import { AwsNetworkFirewallCompiled } from "./types";

export function describeAwsNetworkFirewall(aws: AwsNetworkFirewallCompiled): string {
  let out = `\nAWS Network Firewall: ${aws.ruleGroups.length} stateful rule group(s), consumed capacity ${aws.stats.consumedCapacity}\n`;
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
  return out;
}

/** Every rule: a Suricata rule keyed by its msg, a domain-list entry by itself; each under its group's name. */
export function listAwsNetworkFirewallRules(aws: AwsNetworkFirewallCompiled): ListedRule[] {
  return aws.ruleGroups.flatMap((g): ListedRule[] => {
    const source = g.ruleGroup.rulesSource;
    if ("rulesSourceList" in source)
      return source.rulesSourceList.targets.map((t) => ({ key: `${g.name}/${t}`, text: t }));
    return source.rulesString
      .trimEnd()
      .split("\n")
      .map((line) => ({ key: `${g.name}/${/msg:"([^"]*)"/.exec(line)?.[1] ?? line}`, text: line }));
  });
}
