/**
 * Rules into rule groups: sids from each rule's text, as few groups as the capacity and size limits allow, and
 * capacity with headroom rounded to a step so an ordinary change leaves it unchanged.
 */
import { ConfigurationError } from "../../errors";
import { stableNumber } from "../naming";
import { Draft } from "./suricata";
import {
  AWS_MAX_CAPACITY,
  AWS_MAX_RULES_STRING_BYTES,
  AWS_MAX_RULE_CHARS,
  AwsRuleOrder,
  SID_BASE,
  SID_SPAN,
} from "./options";
import { AwsRuleGroup, AwsRuleGroupBody } from "./types";

export function capacityFor(consumed: number, headroom: number, step: number): number {
  return Math.max(step, Math.ceil((consumed * (1 + headroom)) / step) * step);
}

/** Domain-list capacity (AWS): the first domain costs 1 for TLS_SNI, 2 for HTTP_HOST, 3 for both; each further domain 1 per target type. */
export function domainListCapacity(domains: number, targetTypes: number): number {
  if (domains === 0) return 0;
  const first = targetTypes === 2 ? 3 : 1;
  return first + (domains - 1) * targetTypes;
}

/** Gives every rule a sid from a hash of its text, probing on a collision (in sorted order, so the result is stable). */
function assignSids(drafts: readonly Draft[]): string[] {
  const taken = new Set<number>();
  const sids = new Map<string, number>();
  for (const body of [...new Set(drafts.map((d) => d.body))].sort()) {
    let sid = SID_BASE + (stableNumber(body) % SID_SPAN);
    while (taken.has(sid)) sid = sid + 1 >= SID_BASE + SID_SPAN ? SID_BASE : sid + 1;
    taken.add(sid);
    sids.set(body, sid);
  }
  return drafts.map((d) => {
    const rule = `${d.body} sid:${sids.get(d.body)}; rev:1;)`;
    if (rule.length > AWS_MAX_RULE_CHARS)
      throw new ConfigurationError(
        `A Suricata rule is longer than ${AWS_MAX_RULE_CHARS} characters: ${rule.slice(0, 80)}…`,
      );
    return rule;
  });
}

/**
 * Packs pass rules (then the drop rules, at the very end) into as few groups as the capacity and size limits allow.
 * The first group is `<prefix>`, the next `<prefix>-2`, and so on.
 */
export function packSuricata(
  passes: readonly Draft[],
  drops: readonly Draft[],
  o: {
    prefix: string;
    headroom: number;
    step: number;
    ruleOrder: AwsRuleOrder;
    variables: AwsRuleGroupBody["ruleVariables"];
    description: string;
  },
): AwsRuleGroup[] {
  const unique = [...new Map([...passes, ...drops].map((d) => [d.body, d])).values()];
  const rendered = assignSids(unique);
  const maxConsumed = Math.floor(AWS_MAX_CAPACITY / (1 + o.headroom));
  const groups: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const rule of rendered) {
    const size = Buffer.byteLength(rule) + 1;
    if (current.length > 0 && (current.length + 1 > maxConsumed || bytes + size > AWS_MAX_RULES_STRING_BYTES)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(rule);
    bytes += size;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((rules, i) => {
    const consumed = rules.length;
    return {
      name: i === 0 ? o.prefix : `${o.prefix}-${i + 1}`,
      description: groups.length === 1 ? o.description : `${o.description}, part ${i + 1} of ${groups.length}`,
      type: "STATEFUL" as const,
      capacity: Math.min(AWS_MAX_CAPACITY, capacityFor(consumed, o.headroom, o.step)),
      consumedCapacity: consumed,
      ruleGroup: {
        ruleVariables: o.variables,
        rulesSource: { rulesString: rules.join("\n") + "\n" },
        statefulRuleOptions: { ruleOrder: o.ruleOrder },
      },
    };
  });
}
