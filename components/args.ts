import * as pulumi from "@pulumi/pulumi";
import {
  AwsPolicyDefaultAction,
  AwsRuleFormat,
  AwsRuleOrder,
  Instance,
  OnUnavailable,
  Region,
  WildcardPolicy,
} from "./types";

/**
 * Which Intune endpoints to allow. These are plain values, not outputs: they decide how many rules and resources
 * there are, which must be known during preview.
 */
export interface IntuneModelArgs {
  /**
   * Tenant regions ("Tenant location" in the Intune admin center) whose regional endpoints to allow: NA, EU, AP.
   * @default ["NA", "EU", "AP"]
   */
  regions?: Region[];
  /**
   * Features to allow, by name (see the catalog README), e.g. ["core", "apple"].
   * @default every feature the catalog marks as required
   */
  features?: string[];
  /**
   * Features to add to `features`, or to the defaults when `features` is not given: `["apple"]` is "the defaults plus
   * Apple".
   * @default []
   */
  addFeatures?: string[];
  /**
   * Features to leave out, applied after `features` and `addFeatures`.
   * @default []
   */
  excludeFeatures?: string[];
  /**
   * Microsoft 365 cloud whose endpoints to read.
   * @default "Worldwide"
   */
  instance?: Instance;
  /**
   * Base URL of the endpoints web service; plain http only for a loopback host.
   * @default INTUNE_EGRESS_SERVICE_URL, else "https://endpoints.office.com"
   */
  serviceUrl?: string;
  /**
   * What to do when the service can't be reached or returns data that fails validation. Every fallback is reported
   * as a warning that names the data and version used.
   * @default "snapshot" (the cache, then the embedded snapshot)
   */
  onUnavailable?: OnUnavailable;
  /**
   * Keep IPv6 prefixes in the model.
   * @default true
   */
  ipv6?: boolean;
  /**
   * Safety brake: the largest share of the last known good addresses a new version may remove before the program
   * fails instead of deploying it. 1 turns the brake off.
   * @default 0.25
   */
  maxRemovalRatio?: number;
  /**
   * Peer ranges (CIDRs) for the opt-in feature delivery-optimization-peering (TCP 7680, UDP 3544).
   * @default []
   */
  deliveryOptimizationPeers?: string[];
  /**
   * Allow every Microsoft 365 Common endpoint set, not only those the Intune page names as dependencies.
   * @default false
   */
  includeMicrosoft365Common?: boolean;
}

/** Where the managed devices are: the source of every rule. */
export interface SourceArgs {
  /**
   * CIDRs (or IPs) of the managed devices. Required: no rule is ever generated for "any" source.
   */
  sourceAddresses: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Accept 0.0.0.0/0, ::/0 or * among sourceAddresses: rules for every device. Refused unless this says it is meant.
   * @default false
   */
  allowAnySource?: boolean;
}

/** Azure Firewall Policy target. */
export interface AzureFirewallTargetArgs {
  /** Resource group of the firewall policy. */
  resourceGroupName: pulumi.Input<string>;
  /** Name of the existing firewall policy the rule collection groups go into. */
  firewallPolicyName: pulumi.Input<string>;
  /**
   * Priority of the first rule collection group; further groups take the next numbers (100-65000).
   * @default 500
   */
  priority?: number;
  /**
   * The firewall's DNS proxy is on, so network rules may name FQDNs (UDP 123 to time.windows.com, for example).
   * @default false
   */
  dnsProxyEnabled?: boolean;
  /**
   * What to do with names Azure can't match (mid-label wildcards).
   * @default "skip"
   */
  wildcardPolicy?: WildcardPolicy;
  /**
   * Put the model's IPv6 prefixes in network rules (Azure Firewall dual stack is in preview).
   * @default false
   */
  ipv6Rules?: boolean;
  /**
   * Largest rule collection group, in bytes of serialized JSON; rules beyond it go to further groups. Policies created
   * before July 2022 allow 1 MB: give 1000000 for those.
   * @default 2000000
   */
  maxGroupBytes?: number;
}

/** Azure network security group target. */
export interface NsgTargetArgs {
  /** Resource group of the NSG. */
  resourceGroupName: pulumi.Input<string>;
  /** Name of the existing NSG. Never manage its rules inline (`securityRules`) as well. */
  networkSecurityGroupName: pulumi.Input<string>;
  /**
   * First priority the rules may use (100-4096).
   * @default 2000
   */
  priorityStart?: number;
  /**
   * Last priority the rules may use; the deny rules, if any, take the last ones (one per source address family).
   * @default 2999
   */
  priorityEnd?: number;
  /**
   * Use the service tag AzureFrontDoor.MicrosoftSecurity for the Azure Front Door ranges (wider than Intune's).
   * @default false
   */
  useServiceTags?: boolean;
  /**
   * Add last rules (one per source address family) that deny the sources' other outbound Internet traffic.
   * @default false
   */
  denyInternetOutbound?: boolean;
}

/** AWS Network Firewall target. */
export interface AwsNetworkFirewallTargetArgs {
  /**
   * Spare capacity as a share of the consumed capacity, before rounding up to `capacityStep`. Capacity is fixed at
   * creation, so a change of capacity replaces the group.
   * @default 1
   */
  capacityHeadroom?: number;
  /**
   * Capacity is a multiple of this.
   * @default 1000
   */
  capacityStep?: number;
  /**
   * Rule evaluation order (fixed at creation).
   * @default "STRICT_ORDER"
   */
  ruleOrder?: AwsRuleOrder;
  /**
   * Rule format: exact Suricata rules, or a (wider) domain list.
   * @default "suricata"
   */
  format?: AwsRuleFormat;
  /**
   * End with drop rules for TLS and HTTP that matched no allow rule. Off by default: the firewall policy's default
   * action should do that, and a drop here would also stop other rule groups' traffic in strict order.
   * @default false
   */
  dropUnmatched?: boolean;
  /**
   * With `format: "domainList"`: what to do with names a domain list can't express (prefix and mid-label wildcards):
   * skip them (with a warning), widen them to the parent domain (reported), or fail. The Suricata format expresses
   * them exactly and ignores this.
   * @default "skip"
   */
  wildcardPolicy?: WildcardPolicy;
  /**
   * The stateful default action of the firewall policy you reference the groups from (strict order only). The
   * component does not set it, the policy does; coverage and `verification` evaluate the rules with it, and a value
   * that restricts nothing is reported as a warning.
   * @default "aws:drop_established"
   */
  policyDefaultAction?: AwsPolicyDefaultAction;
}
