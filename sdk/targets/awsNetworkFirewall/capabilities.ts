/**
 * How AWS Network Firewall handles each address form, per output format, and the reasons its coverage reports.
 * - `suricata`: an FQDN matches only itself (`startswith; endswith`), `*.x` matches names below `x` but not `x`
 *   (no `dotprefix`), and a prefix or mid-label `*` matches characters within one label (anchored `pcre`). Names are
 *   matched in the TLS SNI on their TCP ports other than 80, and in the HTTP Host on port 80. CIDRs become `tcp`/`udp`
 *   rules with `flow:to_server`.
 * - `domainList`: wider. A leading-dot domain also matches the apex, and domain lists restrict no ports.
 */
import { CapabilityTable } from "../capabilities";

export const AWS_SURICATA_CAPABILITIES: CapabilityTable = {
  fqdn: { support: "enforced", summary: "exact (`tls.sni` on the endpoint's TCP ports, `http.host` on 80)" },
  subdomains: { support: "enforced", summary: "subdomains only, not the apex" },
  prefix: { support: "enforced", summary: "within one label (`pcre`)" },
  infix: { support: "enforced", summary: "within one label (`pcre`)" },
  cidr: { support: "enforced", summary: "`tcp`/`udp` rules with `flow:to_server`" },
  udpName: { support: "no", summary: "UDP carries no SNI or Host" },
};

export const AWS_DOMAIN_LIST_CAPABILITIES: CapabilityTable = {
  fqdn: { support: "widened", summary: "on any port" },
  subdomains: { support: "widened", summary: "`.b.c`, which also matches the apex" },
  prefix: { support: "option", summary: "`wildcardPolicy`: skip (default), widen, reject" },
  infix: { support: "option", summary: "`wildcardPolicy`: skip (default), widen, reject" },
  cidr: { support: "enforced", summary: "a separate Suricata group" },
  udpName: { support: "no", summary: "UDP carries no SNI or Host" },
};

/** The reasons coverage gives, one per decision. */
export const AWS_REASONS = {
  ipv6NoSource: "no IPv6 source addresses (HOME_NET) were given, so no flow to this IPv6 prefix exists",
  ipv4NoSource: "no IPv4 source addresses (HOME_NET) were given, so no flow to this IPv4 prefix exists",
  suricataUdpName: "AWS Network Firewall matches names only in the TLS SNI or HTTP Host; UDP to a name carries neither",
  domainListApex: (apex: string) => `a domain list's leading dot also matches the apex ${apex}`,
  domainListSkipped:
    "a domain list holds exact names and leading-dot domains only (wildcardPolicy: skip); the suricata format can express it",
  domainListWidened: "wildcardPolicy: widen; a domain list holds exact names and leading-dot domains only",
  domainListPorts: "domain lists do not restrict ports",
  domainListUdp: "a domain list matches only TLS SNI and HTTP Host; UDP to a name carries neither",
} as const;
