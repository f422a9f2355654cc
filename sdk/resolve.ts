import {
  CatalogEntry,
  DELIVERY_OPTIMIZATION_PEERING_PORTS,
  FEATURES,
  MICROSOFT_365_COMMON_FEATURE,
  SERVICE_SET_FEATURES,
  SERVICE_SET_PORT_FEATURES,
  UNCATALOGUED_FEATURE,
} from "./catalog/catalog";
import { COMMON_DEPENDENCIES, catalogFor, catalogPageFor } from "./catalog/sovereign";
import { endpointType, parseAddress } from "./model/address";
import { buildModel } from "./model/canonical";
import { intersectPorts, parsePortList, subtractPorts, unionPorts } from "./model/ports";
import {
  Address,
  CATEGORIES,
  Category,
  EgressModel,
  Endpoint,
  EndpointSet,
  INSTANCES,
  Instance,
  Origin,
  REGIONS,
  Region,
} from "./model/types";
import { LoadOptions, OptionSpelling, ServiceData, loadServiceData, normalizeLoadOptions } from "./service/source";
import { ConfigurationError } from "./errors";

/** Filters that pick which endpoints of the merged data make up the model. */
export interface FilterOptions {
  /** Tenant regions to include. @default ["NA", "EU", "AP"] */
  readonly regions?: readonly Region[];
  /** Features to include. @default every feature marked required in the catalog */
  readonly features?: readonly string[];
  /** Features to add to `features` (or to the defaults when `features` is not given), e.g. ["apple"]. @default [] */
  readonly addFeatures?: readonly string[];
  /** Features to leave out (applied after `features` and `addFeatures`). @default [] */
  readonly excludeFeatures?: readonly string[];
  /** Categories to keep. @default every category */
  readonly categories?: readonly Category[];
  /** Keep only endpoints that the service or catalog marks as required. @default false */
  readonly requiredOnly?: boolean;
  /** Keep IPv6 prefixes. @default true */
  readonly ipv6?: boolean;
  /** Include every Microsoft 365 Common set, not just those the Intune page names as dependencies. @default false */
  readonly includeMicrosoft365Common?: boolean;
  /** Peer ranges (CIDRs) for the opt-in `delivery-optimization-peering` feature. @default [] */
  readonly deliveryOptimizationPeers?: readonly string[];
}

export interface ResolveOptions extends LoadOptions, FilterOptions {}

export interface ResolveResult {
  readonly model: EgressModel;
  readonly warnings: readonly string[];
  /** The validated service data the model was built from (for drift and reports). */
  readonly serviceData: ServiceData;
}

/** One reason an address is in the model: one service set or one catalog entry naming it. */
interface Contribution {
  readonly address: Address;
  readonly feature: string;
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  readonly category: Category;
  readonly required: boolean;
  readonly origin: Origin;
}

/** Every feature name a filter accepts. */
export const KNOWN_FEATURES: readonly string[] = [
  ...FEATURES.map((f) => f.id),
  UNCATALOGUED_FEATURE,
  MICROSOFT_365_COMMON_FEATURE,
];

/** The catalog's knowledge of each address, from every catalog entry, whichever feature it is filed under. */
interface AddressFacts {
  regions: Set<Region>;
  tlsInspectionUnsupported: boolean;
  serviceTag?: string;
}

interface ParsedCatalogEntry extends CatalogEntry {
  readonly parsed: Address;
}

const parsedCatalogs = new Map<Instance, readonly ParsedCatalogEntry[]>();

/** An instance's catalog with every address validated like service data (once per process). */
export function catalogEntries(instance: Instance = "Worldwide"): readonly ParsedCatalogEntry[] {
  let parsed = parsedCatalogs.get(instance);
  if (!parsed) {
    parsed = catalogFor(instance).map((entry) => ({ ...entry, parsed: parseAddress(entry.address) }));
    parsedCatalogs.set(instance, parsed);
  }
  return parsed;
}

/** The features an instance's page (and its service data) documents; the others are left out there. */
export function documentedFeatures(instance: Instance): Set<string> {
  return new Set([
    ...catalogFor(instance).map((e) => e.feature),
    ...(instance === "Worldwide" ? Object.values(SERVICE_SET_FEATURES) : ["authentication"]),
    "delivery-optimization-peering",
    UNCATALOGUED_FEATURE,
    MICROSOFT_365_COMMON_FEATURE,
  ]);
}

function catalogFacts(entries: readonly ParsedCatalogEntry[]): Map<string, AddressFacts> {
  const facts = new Map<string, AddressFacts>();
  for (const entry of entries) {
    const known = facts.get(entry.parsed.value) ?? { regions: new Set<Region>(), tlsInspectionUnsupported: false };
    for (const region of entry.regions ?? REGIONS) known.regions.add(region);
    known.tlsInspectionUnsupported ||= entry.tlsInspectionUnsupported ?? false;
    if (entry.serviceTag) known.serviceTag = entry.serviceTag;
    facts.set(entry.parsed.value, known);
  }
  return facts;
}

function checkFeatureNames(names: readonly string[], option: string): void {
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string"))
    throw new ConfigurationError(`${option} must be a list of feature names, got ${JSON.stringify(names)}.`);
  const unknown = names.filter((n) => !KNOWN_FEATURES.includes(n));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `${option}: unknown feature${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}. Known features: ${KNOWN_FEATURES.join(", ")}.`,
    );
  }
}

/** Checks filter options (names of features, regions, categories) without loading anything. */
export function checkFilters(options: FilterOptions, spell: OptionSpelling = (o) => o): void {
  checkFeatureNames(options.features ?? [], spell("features"));
  checkFeatureNames(options.addFeatures ?? [], spell("addFeatures"));
  checkFeatureNames(options.excludeFeatures ?? [], spell("excludeFeatures"));
  const badRegions = (options.regions ?? []).filter((r) => !REGIONS.includes(r));
  if (badRegions.length > 0)
    throw new ConfigurationError(
      `${spell("regions")}: unknown region ${badRegions.join(", ")}. Regions are ${REGIONS.join(", ")}.`,
    );
  if (options.regions && options.regions.length === 0)
    throw new ConfigurationError(`${spell("regions")} is empty; give at least one of ${REGIONS.join(", ")}.`);
  const badCategories = (options.categories ?? []).filter((c) => !CATEGORIES.includes(c));
  if (badCategories.length > 0)
    throw new ConfigurationError(
      `${spell("categories")}: unknown category ${badCategories.join(", ")}. Categories are ${CATEGORIES.join(", ")}.`,
    );
}

/**
 * Checks every model option (filters, instance, data source, fallback, brake, service URL) before anything is
 * fetched. The components and the CLI both call it, each spelling the options as its users write them.
 */
export function checkResolveOptions(options: ResolveOptions, spell: OptionSpelling = (o) => o): void {
  checkFilters(options, spell);
  normalizeLoadOptions(options, spell);
}

/** The features a filter selects: the explicit list, or every required feature, minus the exclusions. */
export function selectedFeatures(options: FilterOptions): Set<string> {
  const base =
    options.features && options.features.length > 0
      ? options.features
      : [...FEATURES.filter((f) => f.required).map((f) => f.id), UNCATALOGUED_FEATURE, MICROSOFT_365_COMMON_FEATURE];
  const excluded = new Set(options.excludeFeatures ?? []);
  return new Set([...base, ...(options.addFeatures ?? [])].filter((f) => !excluded.has(f)));
}

function serviceContributions(data: ServiceData, options: FilterOptions, warnings: string[]): Contribution[] {
  const worldwide = data.instance === "Worldwide";
  const dependencies = COMMON_DEPENDENCIES[data.instance];
  const requestedAreas = new Set(data.serviceAreas.map((a) => a.toLowerCase()));
  const out: Contribution[] = [];
  for (const set of data.sets) {
    const isCommon = set.serviceArea.toLowerCase() === "common";
    if (isCommon && !options.includeMicrosoft365Common && !dependencies.includes(set.id)) continue;
    if (!isCommon && !requestedAreas.has(set.serviceArea.toLowerCase())) continue;
    // A sovereign instance's dependency sets are its sign-in and Graph sets (see COMMON_DEPENDENCIES).
    let feature = worldwide
      ? SERVICE_SET_FEATURES[set.id]
      : isCommon && dependencies.includes(set.id)
        ? "authentication"
        : undefined;
    if (!feature && isCommon) {
      feature = MICROSOFT_365_COMMON_FEATURE;
    } else if (!feature) {
      feature = UNCATALOGUED_FEATURE;
      if (worldwide && !isCommon) {
        warnings.push(
          `Endpoint set ${set.id} (${set.serviceArea}) is not in the Intune catalog; it is kept under the feature "${UNCATALOGUED_FEATURE}"${set.required ? "" : " only if you select that feature (the service marks it optional)"}. Report it so the catalog can file it.`,
        );
      }
    }
    out.push(...setContributions(set, feature));
  }
  return out;
}

function setContributions(set: EndpointSet, feature: string): Contribution[] {
  const parts = [{ feature, tcpPorts: set.tcpPorts, udpPorts: set.udpPorts }];
  for (const split of SERVICE_SET_PORT_FEATURES.filter(
    (s) => s.setId === set.id && feature === SERVICE_SET_FEATURES[set.id],
  )) {
    const base = parts[0];
    if (!base) break;
    parts.push({
      feature: split.feature,
      tcpPorts: intersectPorts(base.tcpPorts, split.tcpPorts),
      udpPorts: intersectPorts(base.udpPorts, split.udpPorts),
    });
    parts[0] = {
      feature,
      tcpPorts: subtractPorts(base.tcpPorts, split.tcpPorts),
      udpPorts: subtractPorts(base.udpPorts, split.udpPorts),
    };
  }
  return parts
    .filter((p) => p.tcpPorts.length + p.udpPorts.length > 0)
    .flatMap((p) =>
      [...set.urls, ...set.ips].map((address) => ({
        address,
        feature: p.feature,
        tcpPorts: p.tcpPorts,
        udpPorts: p.udpPorts,
        category: set.category,
        required: set.required,
        origin: { kind: "service" as const, setId: set.id },
      })),
    );
}

function catalogContributions(entries: readonly ParsedCatalogEntry[]): Contribution[] {
  return entries.map((entry) => ({
    address: entry.parsed,
    feature: entry.feature,
    tcpPorts: parsePortList(entry.tcpPorts ?? ""),
    udpPorts: parsePortList(entry.udpPorts ?? ""),
    category: entry.category,
    required: entry.required,
    origin: { kind: "catalog", feature: entry.feature },
  }));
}

function peeringContributions(peers: readonly string[]): Contribution[] {
  return peers.map((peer) => {
    const address = parseAddress(peer);
    if (address.form !== "cidr4" && address.form !== "cidr6") {
      throw new ConfigurationError(
        `deliveryOptimizationPeers takes IP ranges; ${JSON.stringify(peer)} is a host name.`,
      );
    }
    return {
      address,
      feature: "delivery-optimization-peering",
      tcpPorts: [...DELIVERY_OPTIMIZATION_PEERING_PORTS.tcp],
      udpPorts: [...DELIVERY_OPTIMIZATION_PEERING_PORTS.udp],
      category: "Default" as const,
      required: false,
      origin: { kind: "catalog" as const, feature: "delivery-optimization-peering" },
    };
  });
}

function higherCategory(a: Category, b: Category): Category {
  return CATEGORIES.indexOf(a) >= CATEGORIES.indexOf(b) ? a : b;
}

/**
 * Builds the model from validated service data and the catalog. Pure: no I/O. Every address appears once; ports,
 * features and origins are merged from every selected contribution, and the higher category wins
 * (Optimize > Allow > Default).
 */
export function resolveModel(
  data: ServiceData,
  options: FilterOptions = {},
): { model: EgressModel; warnings: string[] } {
  checkFilters(options);
  const warnings: string[] = [...data.warnings];
  const entries = catalogEntries(data.instance);
  const facts = catalogFacts(entries);
  const documented = documentedFeatures(data.instance);
  for (const feature of [...(options.features ?? []), ...(options.addFeatures ?? [])]) {
    if (!documented.has(feature))
      warnings.push(
        `${data.instance}: ${catalogPageFor(data.instance)} lists nothing for the feature ${feature}, so it is left out: the Worldwide endpoints are not valid there by default.`,
      );
  }
  const features = selectedFeatures(options);
  const peers = options.deliveryOptimizationPeers ?? [];
  if (features.has("delivery-optimization-peering") && peers.length === 0) {
    throw new ConfigurationError(
      `The feature delivery-optimization-peering needs deliveryOptimizationPeers: the IP ranges of the devices that may peer (TCP ${DELIVERY_OPTIMIZATION_PEERING_PORTS.tcp.join(",")}, UDP ${DELIVERY_OPTIMIZATION_PEERING_PORTS.udp.join(",")}). Peering with the whole Internet is not generated.`,
    );
  }
  // Optional sets the catalog does not file (e.g. Common set 50, *.microsoft.com) come in only when asked for by name.
  const serviceDefined = new Set([UNCATALOGUED_FEATURE, MICROSOFT_365_COMMON_FEATURE]);
  const named = new Set([...(options.features ?? []), ...(options.addFeatures ?? [])]);
  const regions = new Set(options.regions ?? REGIONS);
  const contributions = [
    ...serviceContributions(data, options, warnings),
    ...catalogContributions(entries),
    ...(features.has("delivery-optimization-peering") ? peeringContributions(peers) : []),
  ].filter(
    (c) =>
      features.has(c.feature) &&
      (c.required || !options.requiredOnly) &&
      (!serviceDefined.has(c.feature) || c.required || named.has(c.feature)) &&
      (options.ipv6 !== false || c.address.form !== "cidr6"),
  );

  const merged = new Map<string, { address: Address; parts: Contribution[] }>();
  for (const c of contributions) {
    const entry = merged.get(c.address.value) ?? { address: c.address, parts: [] };
    entry.parts.push(c);
    merged.set(c.address.value, entry);
  }
  const endpoints: Endpoint[] = [];
  for (const { address, parts } of merged.values()) {
    const known = facts.get(address.value);
    const endpointRegions = known ? [...known.regions] : [...REGIONS];
    if (!endpointRegions.some((r) => regions.has(r))) continue;
    const endpoint: Endpoint = {
      address: address.value,
      form: address.form,
      type: endpointType(address.form),
      tcpPorts: unionPorts(...parts.map((p) => p.tcpPorts)),
      udpPorts: unionPorts(...parts.map((p) => p.udpPorts)),
      category: parts.map((p) => p.category).reduce(higherCategory),
      required: parts.some((p) => p.required),
      features: parts.map((p) => p.feature),
      regions: endpointRegions,
      tlsInspectionUnsupported: known?.tlsInspectionUnsupported ?? false,
      ...(known?.serviceTag ? { serviceTag: known.serviceTag } : {}),
      origins: parts.map((p) => p.origin),
    };
    if (endpoint.tcpPorts.length + endpoint.udpPorts.length === 0) continue;
    endpoints.push(endpoint);
  }
  const categories = options.categories;
  const kept = categories ? endpoints.filter((e) => categories.includes(e.category)) : endpoints;
  if (kept.length === 0) {
    throw new ConfigurationError(
      "The filters leave no endpoints; an empty rule set would cut managed devices off. Widen regions, features or categories.",
    );
  }
  return { model: buildModel(data.instance, data.version, data.source, kept), warnings };
}

/**
 * Loads the service data (live, cache or snapshot, see {@link LoadOptions}), merges it with the Intune catalog and
 * applies the filters. The one entry point the CLI and the components use.
 */
export async function resolveIntuneEndpoints(options: ResolveOptions = {}): Promise<ResolveResult> {
  checkResolveOptions(options);
  const serviceData = await loadServiceData(options);
  const { model, warnings } = resolveModel(serviceData, options);
  return { model, warnings, serviceData };
}

/** The instance names, checked. */
export function parseInstance(value: string): Instance {
  const match = INSTANCES.find((i) => i.toLowerCase() === value.toLowerCase());
  if (!match)
    throw new ConfigurationError(`Unknown instance ${JSON.stringify(value)}. Instances are ${INSTANCES.join(", ")}.`);
  return match;
}
