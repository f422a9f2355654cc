/**
 * How Azure Firewall handles each address form, and the reasons its coverage reports (see docs/cloud-targets.md):
 * - Names on TCP 80/443 become application rules. `*.x` does not match the apex `x`, so an apex the model lists stays
 *   its own target. `*` is accepted only as the left-most character, and there it matches deeper names too.
 * - Other ports to a name need a network rule with `destinationFqdns`, which needs the firewall's DNS proxy and takes
 *   no wildcards.
 * - CIDRs become network rules; IPv6 only with `ipv6` (dual stack is preview), never in application rules.
 */
import { CapabilityTable } from "../capabilities";

export const AZURE_FIREWALL_CAPABILITIES: CapabilityTable = {
  fqdn: { support: "enforced", summary: "application rule, HTTP 80 / HTTPS 443" },
  subdomains: { support: "enforced", summary: "the apex `b.c` stays its own entry (Azure's `*.b.c` doesn't match it)" },
  prefix: { support: "widened", summary: "Azure also matches deeper names" },
  infix: { support: "option", summary: "`wildcardPolicy`: skip (default), widen, reject" },
  cidr: { support: "enforced", summary: "network rules (IPv6 only with `ipv6Rules`)" },
  udpName: { support: "option", summary: "only with the DNS proxy (`dnsProxyEnabled`); other TCP ports likewise" },
};

/** The reasons coverage gives, one per decision. */
export const AZURE_FIREWALL_REASONS = {
  ipv6Off: "IPv6 is off for Azure Firewall (ipv6: false); dual-stack Azure Firewall is in preview",
  infixSkipped:
    "Azure Firewall accepts '*' only as the left-most character; mid-label wildcards are skipped (wildcardPolicy: skip)",
  infixWidened: "wildcardPolicy: widen; Azure Firewall accepts '*' only as the left-most character",
  prefixWidened: "Azure matches any name that ends with the text after '*', including deeper subdomains",
  wildcardOtherPorts: "application rules carry only HTTP/HTTPS, and network rules take no wildcard FQDNs",
  applicationRulesNoIpv6:
    "Azure Firewall application rules take no IPv6 sources (dual stack is preview), so names are reached over IPv4 only",
  ipv6NoSource: "no IPv6 source addresses were given, so no flow to this IPv6 prefix exists",
  ipv4NoSource: "no IPv4 source addresses were given, so no flow to this IPv4 prefix exists",
  fqdnOtherPortsNeedDnsProxy:
    "application rules carry only HTTP/HTTPS; an FQDN network rule needs the firewall's DNS proxy (dnsProxyEnabled)",
} as const;
