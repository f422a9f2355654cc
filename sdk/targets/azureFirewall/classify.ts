/**
 * Step 1 of the Azure Firewall compile: each endpoint's address form decides where it goes (an application rule, a
 * network rule, or nowhere), by the capability table. Endpoints are grouped into buckets that become one rule each.
 */
import { ConfigurationError } from "../../errors";
import { widenedWildcard } from "../../model/address";
import { intersectPorts, subtractPorts } from "../../model/ports";
import { EgressModel, Endpoint } from "../../model/types";
import { CoverageBuilder } from "../coverage";
import { primaryFeature } from "../naming";
import { Sources } from "../sources";
import { AZURE_FIREWALL_REASONS as REASONS } from "./capabilities";
import { AzureFirewallSettings } from "./options";

export const WEB_PORTS = ["80", "443"];

export interface Bucket<T> {
  readonly key: string;
  readonly feature: string;
  readonly items: T[];
}

export interface ApplicationItem {
  readonly endpoint: Endpoint;
  /** What the rule names: the address, or the wider name under wildcardPolicy widen. */
  readonly target: string;
}

export type NetworkKind = "fqdn" | "cidr4" | "cidr6";

export interface NetworkItem {
  readonly endpoint: Endpoint;
  readonly destination: string;
  readonly kind: NetworkKind;
  readonly protocol: "TCP" | "UDP";
  readonly ports: string[];
}

export interface Classified {
  /** Application rules: key feature + web ports. */
  readonly application: Map<string, Bucket<ApplicationItem>>;
  /** Network rules: key feature + kind + protocol + ports. */
  readonly network: Map<string, Bucket<NetworkItem>>;
  readonly warnings: string[];
}

function bucket<T>(map: Map<string, Bucket<T>>, key: string, feature: string): Bucket<T> {
  let b = map.get(key);
  if (!b) {
    b = { key, feature, items: [] };
    map.set(key, b);
  }
  return b;
}

class Classifier {
  readonly application = new Map<string, Bucket<ApplicationItem>>();
  readonly network = new Map<string, Bucket<NetworkItem>>();
  readonly skippedWildcards: string[] = [];

  constructor(
    private readonly options: AzureFirewallSettings,
    private readonly sources: Sources,
    private readonly coverage: CoverageBuilder,
  ) {}

  addNetwork(endpoint: Endpoint, kind: NetworkKind, protocol: "TCP" | "UDP", ports: readonly string[]): void {
    const feature = primaryFeature(endpoint);
    const key = `${feature}|${kind}|${protocol}|${ports.join(",")}`;
    bucket(this.network, key, feature).items.push({
      endpoint,
      destination: endpoint.address,
      kind,
      protocol,
      ports: [...ports],
    });
  }

  cidr(endpoint: Endpoint, form: "cidr4" | "cidr6"): void {
    if (form === "cidr6" && !this.options.ipv6) {
      this.coverage.skip(endpoint.address, endpoint.tcpPorts, endpoint.udpPorts, REASONS.ipv6Off);
      return;
    }
    // A rule whose sources and destinations are of different families can never match: write none.
    if ((form === "cidr4" ? this.sources.v4 : this.sources.v6).length === 0) {
      const reason = form === "cidr4" ? REASONS.ipv4NoSource : REASONS.ipv6NoSource;
      this.coverage.skip(endpoint.address, endpoint.tcpPorts, endpoint.udpPorts, reason);
      return;
    }
    if (endpoint.tcpPorts.length > 0) this.addNetwork(endpoint, form, "TCP", endpoint.tcpPorts);
    if (endpoint.udpPorts.length > 0) this.addNetwork(endpoint, form, "UDP", endpoint.udpPorts);
  }

  /** The name an application rule matches for this endpoint, or undefined when it is skipped. */
  private applicationTarget(endpoint: Endpoint): string | undefined {
    if (endpoint.form === "infix") {
      const widened = widenedWildcard({ value: endpoint.address, form: "infix" });
      if (this.options.wildcardPolicy === "reject") {
        throw new ConfigurationError(
          `Azure Firewall cannot match the mid-label wildcard ${endpoint.address} (wildcardPolicy: reject). Use wildcardPolicy "skip" to leave it out or "widen" to allow ${widened}.`,
        );
      }
      if (this.options.wildcardPolicy === "skip") {
        this.skippedWildcards.push(endpoint.address);
        this.coverage.skip(endpoint.address, endpoint.tcpPorts, endpoint.udpPorts, REASONS.infixSkipped);
        return undefined;
      }
      this.coverage.widen(endpoint.address, widened, REASONS.infixWidened);
      return widened;
    }
    if (endpoint.form === "prefix") this.coverage.widen(endpoint.address, endpoint.address, REASONS.prefixWidened);
    return endpoint.address;
  }

  name(endpoint: Endpoint): void {
    const target = this.applicationTarget(endpoint);
    if (target === undefined) return;
    const web = intersectPorts(endpoint.tcpPorts, WEB_PORTS);
    if (web.length > 0 && this.sources.v4.length === 0) {
      this.coverage.skip(endpoint.address, web, [], REASONS.applicationRulesNoIpv6);
    } else if (web.length > 0) {
      const feature = primaryFeature(endpoint);
      bucket(this.application, `${feature}|${web.join(",")}`, feature).items.push({ endpoint, target });
    }
    const otherTcp = subtractPorts(endpoint.tcpPorts, WEB_PORTS);
    const udp = endpoint.udpPorts;
    if (otherTcp.length + udp.length === 0) return;
    if (endpoint.form !== "fqdn") {
      this.coverage.skip(endpoint.address, otherTcp, udp, REASONS.wildcardOtherPorts);
    } else if (!this.options.dnsProxyEnabled) {
      this.coverage.skip(endpoint.address, otherTcp, udp, REASONS.fqdnOtherPortsNeedDnsProxy);
    } else {
      if (otherTcp.length > 0) this.addNetwork(endpoint, "fqdn", "TCP", otherTcp);
      if (udp.length > 0) this.addNetwork(endpoint, "fqdn", "UDP", udp);
    }
  }
}

/** Sorts every endpoint of the model into rule buckets, recording what is skipped or widened in `coverage`. */
export function classify(
  model: EgressModel,
  options: AzureFirewallSettings,
  sources: Sources,
  coverage: CoverageBuilder,
): Classified {
  const classifier = new Classifier(options, sources, coverage);
  for (const endpoint of model.endpoints) {
    switch (endpoint.form) {
      case "cidr4":
      case "cidr6":
        classifier.cidr(endpoint, endpoint.form);
        break;
      case "fqdn":
      case "subdomains":
      case "prefix":
      case "infix":
        classifier.name(endpoint);
        break;
    }
  }
  const skipped = classifier.skippedWildcards;
  const warnings =
    skipped.length > 0
      ? [
          `Azure Firewall: skipped ${skipped.length} mid-label wildcard${skipped.length > 1 ? "s" : ""} it cannot match: ${skipped.join(", ")}. Set wildcardPolicy: "widen" to allow the parent domain instead.`,
        ]
      : [];
  return { application: classifier.application, network: classifier.network, warnings };
}
