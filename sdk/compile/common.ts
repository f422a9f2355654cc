import { createHash } from "crypto";
import * as ipaddr from "ipaddr.js";
import { FEATURES, MICROSOFT_365_COMMON_FEATURE, UNCATALOGUED_FEATURE } from "../catalog/catalog";
import { Endpoint } from "../model/types";
import { ConfigurationError } from "../service/client";

/** An endpoint a target enforces, and the rules that do it. */
export interface EnforcedEndpoint {
  readonly address: string;
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  readonly rules: readonly string[];
}

/** An endpoint a target enforces more broadly than the model says, and how. */
export interface WidenedEndpoint {
  readonly address: string;
  /** What the target allows instead. */
  readonly as: string;
  readonly reason: string;
}

/** An endpoint (or some of its ports) a target cannot express, and why. */
export interface UnenforcedEndpoint {
  readonly address: string;
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  readonly reason: string;
}

/** What a target enforces of the model. An endpoint can appear in several lists, each for some of its ports. */
export interface Coverage {
  readonly enforced: readonly EnforcedEndpoint[];
  readonly widened: readonly WidenedEndpoint[];
  readonly notEnforced: readonly UnenforcedEndpoint[];
}

/** Collects coverage while a compiler runs, then returns it in canonical order (the model's order). */
export class CoverageBuilder {
  private readonly enforced = new Map<string, { tcp: Set<string>; udp: Set<string>; rules: Set<string> }>();
  private readonly widened: WidenedEndpoint[] = [];
  private readonly notEnforced: UnenforcedEndpoint[] = [];

  constructor(private readonly order: readonly Endpoint[]) {}

  enforce(address: string, tcpPorts: readonly string[], udpPorts: readonly string[], rule: string): void {
    const entry = this.enforced.get(address) ?? { tcp: new Set(), udp: new Set(), rules: new Set() };
    tcpPorts.forEach((p) => entry.tcp.add(p));
    udpPorts.forEach((p) => entry.udp.add(p));
    entry.rules.add(rule);
    this.enforced.set(address, entry);
  }

  widen(address: string, as: string, reason: string): void {
    if (!this.widened.some((w) => w.address === address && w.as === as && w.reason === reason))
      this.widened.push({ address, as, reason });
  }

  skip(address: string, tcpPorts: readonly string[], udpPorts: readonly string[], reason: string): void {
    if (tcpPorts.length + udpPorts.length === 0) return;
    this.notEnforced.push({ address, tcpPorts: [...tcpPorts], udpPorts: [...udpPorts], reason });
  }

  build(): Coverage {
    const rank = new Map(this.order.map((e, i) => [e.address, i]));
    const byModel = (a: { address: string }, b: { address: string }) =>
      (rank.get(a.address) ?? 0) - (rank.get(b.address) ?? 0);
    const sortPorts = (ports: Set<string>) => [...ports].sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
    return {
      enforced: [...this.enforced.entries()]
        .map(([address, e]) => ({
          address,
          tcpPorts: sortPorts(e.tcp),
          udpPorts: sortPorts(e.udp),
          rules: [...e.rules].sort(),
        }))
        .sort(byModel),
      widened: [...this.widened].sort(byModel),
      notEnforced: [...this.notEnforced].sort(byModel),
    };
  }
}

/** Source addresses checked once for every target: CIDRs or IPs of either family, never empty. */
export interface Sources {
  readonly all: readonly string[];
  readonly v4: readonly string[];
  readonly v6: readonly string[];
}

/** Validates the source addresses (the managed devices). There is no default: an egress rule needs its sources. */
export function parseSources(values: readonly string[] | undefined, target: string): Sources {
  if (!values || values.length === 0) {
    throw new ConfigurationError(
      `${target}: sourceAddresses is required: give the CIDRs of the managed devices (e.g. ["10.20.0.0/16"]).`,
    );
  }
  const v4: string[] = [];
  const v6: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    const [ip = "", length] = value.split("/");
    const valid =
      /^[0-9a-fA-F:.]+$/.test(ip) &&
      (length === undefined || /^\d{1,3}$/.test(length)) &&
      (ip.includes(":") ? ipaddr.IPv6.isValid(ip) : ipaddr.IPv4.isValidFourPartDecimal(ip));
    if (!valid) {
      throw new ConfigurationError(
        `${target}: source address ${JSON.stringify(raw)} is not an IPv4 or IPv6 address or CIDR.`,
      );
    }
    const parsed = ipaddr.parse(ip);
    const bits = parsed.kind() === "ipv4" ? 32 : 128;
    const prefix = length === undefined ? bits : Number(length);
    if (prefix > bits)
      throw new ConfigurationError(
        `${target}: source address ${JSON.stringify(raw)} has a prefix longer than ${bits}.`,
      );
    const network =
      parsed.kind() === "ipv4"
        ? ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString()
        : ipaddr.IPv6.networkAddressFromCIDR(`${ip}/${prefix}`).toRFC5952String();
    (bits === 32 ? v4 : v6).push(`${network}/${prefix}`);
  }
  const unique = (list: string[]) => [...new Set(list)];
  return { all: [...unique(v4), ...unique(v6)], v4: unique(v4), v6: unique(v6) };
}

const FEATURE_ORDER = [...FEATURES.map((f) => f.id), UNCATALOGUED_FEATURE, MICROSOFT_365_COMMON_FEATURE];

/** The feature an endpoint's rule is filed under: the first of its features in catalog order. */
export function primaryFeature(endpoint: Endpoint): string {
  const ranked = [...endpoint.features].sort((a, b) => rankOf(a) - rankOf(b) || (a < b ? -1 : 1));
  return ranked[0] ?? UNCATALOGUED_FEATURE;
}

function rankOf(feature: string): number {
  const i = FEATURE_ORDER.indexOf(feature);
  return i < 0 ? FEATURE_ORDER.length : i;
}

/** Sorts feature names in catalog order (the order rules appear in). */
export function compareFeatures(a: string, b: string): number {
  return rankOf(a) - rankOf(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * A rule or resource name built only from stable content (feature, family, protocol, ports): lower case, [a-z0-9-],
 * at most `max` characters (a long name keeps a hash of the full one so it stays unique).
 */
export function ruleName(parts: readonly (string | number)[], max = 80): string {
  const full = parts
    .map((p) =>
      String(p)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter((p) => p !== "")
    .join("-");
  if (full.length <= max) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, max - 9).replace(/-+$/, "")}-${hash}`;
}

/** A stable non-negative integer from text (first 48 bits of sha256). */
export function stableNumber(text: string): number {
  return parseInt(createHash("sha256").update(text).digest("hex").slice(0, 12), 16);
}

/**
 * Gives each key a slot in [start, end] from a hash of the key, probing upward on collisions. Keys are placed in
 * sorted order, so the result depends only on the set of keys; a key keeps its slot while no colliding key appears.
 */
export function allocateSlots(keys: readonly string[], start: number, end: number): Map<string, number> {
  const span = end - start + 1;
  if (keys.length > span)
    throw new ConfigurationError(
      `${keys.length} rules need more than the ${span} priorities between ${start} and ${end}.`,
    );
  const taken = new Set<number>();
  const slots = new Map<string, number>();
  for (const key of [...new Set(keys)].sort()) {
    let offset = stableNumber(key) % span;
    while (taken.has(offset)) offset = (offset + 1) % span;
    taken.add(offset);
    slots.set(key, start + offset);
  }
  return slots;
}

/** Ports in a readable, stable name fragment: ["80","443"] -> "80-443", ["1000-1005"] -> "1000to1005". */
export function portsFragment(ports: readonly string[]): string {
  return ports.map((p) => p.replace("-", "to")).join("-");
}
