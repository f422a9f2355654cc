/**
 * What an NSG does with an outbound flow, by Microsoft's documented processing: rules by priority, first match wins,
 * then Azure's default outbound rules 65000 AllowVnetOutBound, 65001 AllowInternetOutBound and 65500
 * DenyAllOutBound. An NSG sees IPs only: a flow to a name goes to an address outside every listed prefix.
 */
import { AZURE_FRONT_DOOR_TAG } from "../../catalog/catalog";
import { portsInclude } from "../../model/ports";
import { EgressModel } from "../../model/types";
import { Decision, Evaluator } from "../../verify/decision";
import { Flow } from "../../verify/flows";
import { IpRange, ipRange, rangeContains } from "../../model/ip";
import { Sources } from "../sources";
import { NsgCompiled, NsgSecurityRule } from "./types";

/** Private and unique-local ranges: not "Internet" to an NSG. */
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"].map(ipRange);

interface Prepared {
  readonly rule: NsgSecurityRule;
  readonly sources: readonly IpRange[];
  readonly destination: (address: IpRange) => boolean;
  readonly ports: readonly string[];
}

export function evaluateNsg(compiled: NsgCompiled, context: { model: EgressModel; sources: Sources }): Evaluator {
  const virtualNetwork = context.sources.all.map(ipRange);
  const frontDoor = context.model.endpoints
    .filter((e) => e.serviceTag === AZURE_FRONT_DOOR_TAG)
    .map((e) => ipRange(e.address));
  const inAny = (list: readonly IpRange[]) => (a: IpRange) => list.some((r) => rangeContains(r, a));
  const internet = (a: IpRange) => !inAny(virtualNetwork)(a) && !inAny(PRIVATE)(a);
  const prefix = (value: string): ((a: IpRange) => boolean) => {
    if (value === "Internet") return internet;
    if (value === "VirtualNetwork") return inAny(virtualNetwork);
    if (value === AZURE_FRONT_DOOR_TAG) return inAny(frontDoor);
    if (value === "*") return () => true;
    return inAny([ipRange(value)]);
  };
  const rules: Prepared[] = [...compiled.securityRules]
    .sort((a, b) => a.priority - b.priority)
    .map((rule) => {
      const destinations = (rule.destinationAddressPrefixes ?? [rule.destinationAddressPrefix ?? "*"]).map(prefix);
      return {
        rule,
        sources: rule.sourceAddressPrefixes.map(ipRange),
        destination: (a: IpRange) => destinations.some((d) => d(a)),
        ports: rule.destinationPortRanges ?? [rule.destinationPortRange ?? "*"],
      };
    });
  return (flow: Flow): Decision => {
    const source = ipRange(flow.source);
    const destination = ipRange(flow.destination);
    for (const p of rules) {
      if (p.rule.protocol !== "*" && p.rule.protocol.toLowerCase() !== flow.protocol) continue;
      if (!p.sources.some((s) => rangeContains(s, source))) continue;
      if (!p.destination(destination)) continue;
      if (!portsInclude(p.ports, flow.port)) continue;
      return { allowed: p.rule.access === "Allow", by: `${p.rule.name} (${p.rule.priority})`, ours: true };
    }
    if (inAny(virtualNetwork)(destination)) return { allowed: true, by: "AllowVnetOutBound (65000)", ours: false };
    if (internet(destination))
      return {
        allowed: true,
        by: "AllowInternetOutBound (65001)",
        ours: false,
        reason: "Azure's default rule lets every Internet destination out; set denyInternetOutbound to close it",
      };
    return { allowed: false, by: "DenyAllOutBound (65500)", ours: false };
  };
}
