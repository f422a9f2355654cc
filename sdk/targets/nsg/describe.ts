/** The NSG rules in a readable form (for `plan`), and listed for diffs. */
import { ListedRule } from "../spec";
import { table } from "../text";
import { NsgCompiled } from "./types";

export function describeNsg(nsg: NsgCompiled): string {
  return (
    `\nNSG: ${nsg.securityRules.length} security rules, ${nsg.stats.destinationPrefixes} destination prefixes\n` +
    table([
      ["  PRIORITY", "NAME", "ACCESS", "PROTOCOL", "PORTS", "DESTINATIONS"],
      ...nsg.securityRules.map((r) => [
        `  ${r.priority}`,
        r.name,
        r.access,
        r.protocol,
        (r.destinationPortRanges ?? [r.destinationPortRange ?? "*"]).join(","),
        r.destinationAddressPrefix ?? `${r.destinationAddressPrefixes?.length ?? 0} prefixes`,
      ]),
    ])
  );
}

/** Every rule, keyed by its name. */
export function listNsgRules(nsg: NsgCompiled): ListedRule[] {
  return nsg.securityRules.map((r) => ({ key: r.name, text: JSON.stringify(r) }));
}
