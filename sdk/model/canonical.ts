import { createHash } from "crypto";
import * as ipaddr from "ipaddr.js";
import { AddressForm, EgressModel, Endpoint, Instance, ModelSource, Origin, REGIONS, Region } from "./types";

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

const FORM_ORDER: Record<AddressForm, number> = { fqdn: 0, subdomains: 0, prefix: 0, infix: 0, cidr4: 1, cidr6: 2 };

/** Host names compare by their labels from the right, so `manage.microsoft.com` sits next to `*.manage.microsoft.com`. */
function nameKey(name: string): string {
  return name.split(".").reverse().join("\u0001");
}

function cidrKey(value: string): string {
  const [ip = "", length = "0"] = value.split("/");
  const bytes = ipaddr.parse(ip).toByteArray();
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join("") + "/" + length.padStart(3, "0");
}

/** Canonical order of addresses: names (right to left by label), then IPv4, then IPv6, numerically. */
export function compareAddresses(
  a: { address: string; form: AddressForm },
  b: { address: string; form: AddressForm },
): number {
  const byForm = FORM_ORDER[a.form] - FORM_ORDER[b.form];
  if (byForm !== 0) return byForm;
  const ka = FORM_ORDER[a.form] === 0 ? nameKey(a.address) : cidrKey(a.address);
  const kb = FORM_ORDER[b.form] === 0 ? nameKey(b.address) : cidrKey(b.address);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function compareOrigins(a: Origin, b: Origin): number {
  if (a.kind !== b.kind) return a.kind === "service" ? -1 : 1;
  if (a.kind === "service" && b.kind === "service") return a.setId - b.setId;
  if (a.kind === "catalog" && b.kind === "catalog") return a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0;
  return 0;
}

export function sortRegions(regions: Iterable<Region>): Region[] {
  const set = new Set(regions);
  return REGIONS.filter((r) => set.has(r));
}

/** Returns the endpoint with every list in canonical order. */
export function canonicalEndpoint(endpoint: Endpoint): Endpoint {
  return {
    ...endpoint,
    features: [...new Set(endpoint.features)].sort(),
    regions: sortRegions(endpoint.regions),
    origins: dedupeOrigins(endpoint.origins),
  };
}

function dedupeOrigins(origins: readonly Origin[]): Origin[] {
  const seen = new Map<string, Origin>();
  for (const o of origins) seen.set(o.kind === "service" ? `s${o.setId}` : `c${o.feature}`, o);
  return [...seen.values()].sort(compareOrigins);
}

/** The hash of a model: sha256 of the canonical JSON of its instance and endpoints. Version and source are left out,
 * so the same endpoints hash the same whether they came live, from the cache or from the snapshot. */
export function modelHash(instance: Instance, endpoints: readonly Endpoint[]): string {
  return sha256Hex(canonicalJson({ instance, endpoints }));
}

/** Builds the canonical model: endpoints sorted and normalised, hash computed. */
export function buildModel(
  instance: Instance,
  version: string | null,
  source: ModelSource,
  endpoints: readonly Endpoint[],
): EgressModel {
  const sorted = endpoints.map(canonicalEndpoint).sort(compareAddresses);
  return { instance, version, source, hash: modelHash(instance, sorted), endpoints: sorted };
}
