/**
 * Names and numbers built only from stable content (feature, family, protocol, ports), never from array positions:
 * rule names, the feature a rule is filed under, stable hashes, and priority slots.
 */
import { createHash } from "crypto";
import { FEATURES, MICROSOFT_365_COMMON_FEATURE, UNCATALOGUED_FEATURE } from "../catalog/catalog";
import { Endpoint } from "../model/types";

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

/** Ports in a readable, stable name fragment: ["80","443"] -> "80-443", ["1000-1005"] -> "1000to1005". */
export function portsFragment(ports: readonly string[]): string {
  return ports.map((p) => p.replace("-", "to")).join("-");
}
