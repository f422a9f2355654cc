/** Azure Firewall Policy options and limits, each default and range written once. */
import { OptionDescriptors } from "../options";

/** What to do with a name a target can't match exactly (`autodiscover.*.onmicrosoft.com`, `pay*.blob.core.windows.net`). */
export type WildcardPolicy = "skip" | "widen" | "reject";
export const WILDCARD_POLICIES: readonly WildcardPolicy[] = ["skip", "widen", "reject"];

/** Largest serialized rule collection group, in bytes. Azure documents 2 MB (1 MB for policies created before July
 * 2022); 2,000,000 is the stricter reading of "2 MB". */
export const AZURE_MAX_GROUP_BYTES = 2_000_000;
/** Unique source/destination pairs across network rules (Azure Firewall limit). */
export const AZURE_MAX_NETWORK_PAIRS = 20_000;
/** Priorities of rule collection groups and rule collections. */
export const AZURE_MIN_PRIORITY = 100;
export const AZURE_MAX_PRIORITY = 65_000;

/** Azure Firewall options with every default applied. */
export interface AzureFirewallSettings {
  /** Priority of the first rule collection group; further groups take the next numbers. @default 500 */
  readonly priority: number;
  /** The firewall's DNS proxy is on, so network rules may use FQDNs (not wildcards). @default false */
  readonly dnsProxyEnabled: boolean;
  /** Mid-label wildcards Azure can't match. @default "skip" */
  readonly wildcardPolicy: WildcardPolicy;
  /** Put IPv6 prefixes in network rules (Azure Firewall dual stack is preview). @default false */
  readonly ipv6: boolean;
  /** Largest serialized group. @default 2,000,000 bytes */
  readonly maxGroupBytes: number;
  /** Prefix of rule collection group names. @default "intune" */
  readonly namePrefix: string;
}

export const AZURE_FIREWALL_OPTIONS: OptionDescriptors<AzureFirewallSettings> = {
  priority: {
    kind: "integer",
    min: AZURE_MIN_PRIORITY,
    max: AZURE_MAX_PRIORITY,
    default: 500,
    flag: "azfw-priority",
    doc: "priority of the first rule collection group",
  },
  dnsProxyEnabled: {
    kind: "boolean",
    default: false,
    flag: "dns-proxy",
    doc: "the firewall's DNS proxy is on: FQDN network rules (NTP to time.windows.com)",
  },
  wildcardPolicy: {
    kind: "choice",
    choices: WILDCARD_POLICIES,
    default: "skip",
    flag: "wildcard-policy",
    doc: "mid-label wildcards the target can't match",
  },
  ipv6: { kind: "boolean", default: false, flag: "azfw-ipv6", doc: "IPv6 prefixes in network rules (preview)" },
  maxGroupBytes: {
    kind: "integer",
    min: 1000,
    max: AZURE_MAX_GROUP_BYTES,
    default: AZURE_MAX_GROUP_BYTES,
    flag: "azfw-max-group-bytes",
    doc: "largest rule collection group in bytes (1000000 for policies created before July 2022)",
  },
  namePrefix: { kind: "name", default: "intune", flag: "name-prefix", doc: "prefix of rule and resource names" },
};
