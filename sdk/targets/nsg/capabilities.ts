/**
 * How an NSG handles each address form: it matches IP prefixes only, so names of every form are reported as not
 * enforceable. IPv4 and IPv6 never share a rule.
 */
import { CapabilityTable } from "../capabilities";

export const NSG_CAPABILITIES: CapabilityTable = {
  fqdn: { support: "no", summary: "an NSG matches IP prefixes only" },
  subdomains: { support: "no", summary: "an NSG matches IP prefixes only" },
  prefix: { support: "no", summary: "an NSG matches IP prefixes only" },
  infix: { support: "no", summary: "an NSG matches IP prefixes only" },
  cidr: { support: "enforced", summary: "aggregated, IPv4 and IPv6 in separate rules" },
  udpName: { support: "no", summary: "an NSG matches IP prefixes only" },
};

/** The reasons coverage gives, one per decision. */
export const NSG_REASONS = {
  name: "an NSG matches IP prefixes only, not host names",
  nameDenied:
    "an NSG matches IP prefixes only, not host names, and denyInternetOutbound denies them: send name traffic through Azure Firewall or a proxy",
  noSourceOfFamily: (family: "IPv4" | "IPv6") =>
    `no ${family} source addresses were given, and an NSG rule cannot mix address families`,
  serviceTag:
    "useServiceTags: the service tag covers this range and the rest of Azure Front Door for Microsoft Security",
} as const;
