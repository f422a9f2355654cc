import { embeddedSnapshot } from "../catalog/snapshot";
import { ChangeRecord, expectedServiceAreas, parseEndpointsResponse } from "../model/parse";
import { EndpointSet, INSTANCES, Instance, ModelSource } from "../model/types";
import { EndpointCache, resolveCacheDir } from "./cache";
import { EndpointsServiceClient, ServiceClientOptions, defaultServiceUrl, normaliseServiceUrl } from "./client";
import { ConfigurationError, RemovalBrakeError, ServiceDataError, ServiceUnavailableError } from "../errors";
import { RawServiceData, describeRawData, serviceAreasKey } from "./rawData";

/** Where to take the service data from. */
export const DATA_SOURCES = ["auto", "live", "cache", "snapshot"] as const;
export type DataSource = (typeof DATA_SOURCES)[number];
/** The last resort when the service can't be used: `fail`, the `cache`, or the cache then the embedded `snapshot`. */
export const ON_UNAVAILABLE = ["fail", "cache", "snapshot"] as const;
export type OnUnavailable = (typeof ON_UNAVAILABLE)[number];

export const DEFAULT_MAX_REMOVAL_RATIO = 0.25;

export interface LoadOptions {
  /** @default "Worldwide" */
  readonly instance?: Instance;
  /** Service areas to request; the service always adds Common. @default ["MEM"] */
  readonly serviceAreas?: readonly string[];
  /** @default INTUNE_EGRESS_SERVICE_URL, else https://endpoints.office.com */
  readonly serviceUrl?: string;
  /** @default INTUNE_EGRESS_CACHE_DIR, else ~/.cache/intune-egress */
  readonly cacheDir?: string;
  /** `auto` tries the service and falls back per `onUnavailable`; `live` never falls back; `cache` and `snapshot`
   * don't touch the network. @default "auto" */
  readonly source?: DataSource;
  /** @default "snapshot" (the cache first, then the embedded snapshot) */
  readonly onUnavailable?: OnUnavailable;
  /**
   * Largest share of the last known good data's addresses that a newly fetched version may remove before the load
   * fails (the safety brake). 1 turns the brake off. @default 0.25
   */
  readonly maxRemovalRatio?: number;
  /** HTTP tuning (timeouts, retries); mostly for tests. */
  readonly http?: Partial<Omit<ServiceClientOptions, "serviceUrl" | "clientRequestId">>;
  /** Progress messages. */
  readonly onProgress?: (message: string) => void;
}

/** How an option is spelled to the user who gave it: `maxRemovalRatio`, `--max-removal-ratio`, ... */
export type OptionSpelling = (option: string) => string;

/** The load options with every default applied. */
export interface NormalizedLoadOptions {
  readonly instance: Instance;
  readonly serviceAreas: readonly string[];
  readonly source: DataSource;
  readonly onUnavailable: OnUnavailable;
  readonly maxRemovalRatio: number;
}

/**
 * Checks the load options and applies their defaults, once. Errors spell each option as the caller's API does
 * (`spell`), so a component user reads `maxRemovalRatio` and a CLI user `--max-removal-ratio`.
 */
export function normalizeLoadOptions(options: LoadOptions, spell: OptionSpelling = (o) => o): NormalizedLoadOptions {
  const instance = options.instance ?? "Worldwide";
  if (!INSTANCES.includes(instance))
    throw new ConfigurationError(
      `${spell("instance")} ${JSON.stringify(instance)} is not one of ${INSTANCES.join(", ")}.`,
    );
  const source = options.source ?? "auto";
  if (!DATA_SOURCES.includes(source))
    throw new ConfigurationError(
      `${spell("source")} ${JSON.stringify(source)} is not one of ${DATA_SOURCES.join(", ")}.`,
    );
  const onUnavailable = options.onUnavailable ?? "snapshot";
  if (!ON_UNAVAILABLE.includes(onUnavailable))
    throw new ConfigurationError(
      `${spell("onUnavailable")} ${JSON.stringify(onUnavailable)} is not one of ${ON_UNAVAILABLE.join(", ")}.`,
    );
  const maxRemovalRatio = options.maxRemovalRatio ?? DEFAULT_MAX_REMOVAL_RATIO;
  if (typeof maxRemovalRatio !== "number" || !(maxRemovalRatio >= 0 && maxRemovalRatio <= 1))
    throw new ConfigurationError(
      `${spell("maxRemovalRatio")} must be a number from 0 to 1 (1 turns the brake off), got ${typeof maxRemovalRatio === "number" ? String(maxRemovalRatio) : JSON.stringify(maxRemovalRatio)}.`,
    );
  if (options.serviceUrl !== undefined) normaliseServiceUrl(options.serviceUrl);
  return {
    instance,
    serviceAreas: options.serviceAreas ?? ["MEM"],
    source,
    onUnavailable: source === "live" ? "fail" : onUnavailable,
    maxRemovalRatio,
  };
}

/** Validated service data and how it was obtained. */
export interface ServiceData {
  readonly instance: Instance;
  readonly serviceAreas: readonly string[];
  readonly version: string | null;
  readonly source: ModelSource;
  readonly sets: readonly EndpointSet[];
  readonly raw: RawServiceData;
  readonly warnings: readonly string[];
}

/** The distinct addresses of a list of sets. */
export function setAddresses(sets: readonly EndpointSet[]): Set<string> {
  return new Set(sets.flatMap((s) => [...s.urls, ...s.ips].map((a) => a.value)));
}

/** Throws {@link RemovalBrakeError} when `next` removes more than `maxRatio` of `previous`'s addresses. */
export function checkRemovalBrake(previous: Set<string>, next: Set<string>, maxRatio: number, against: string): void {
  if (maxRatio >= 1 || previous.size === 0) return;
  const removed = [...previous].filter((a) => !next.has(a)).sort();
  const ratio = removed.length / previous.size;
  if (ratio > maxRatio) throw new RemovalBrakeError(removed, previous.size, ratio, maxRatio, against);
}

function parseRaw(raw: RawServiceData, what: string): EndpointSet[] {
  try {
    return parseEndpointsResponse(raw.endpointSets, expectedServiceAreas(raw.instance, raw.serviceAreas));
  } catch (error) {
    if (error instanceof ServiceDataError) throw new ServiceDataError(`${what}: ${error.message}`);
    throw error;
  }
}

/** The HTTP client for these options, with this machine's clientrequestid from the cache dir. */
function serviceClient(
  options: LoadOptions,
  cache: EndpointCache,
): { client: EndpointsServiceClient; requestId: { id: string; persisted: boolean } } {
  const requestId = cache.clientRequestId();
  const client = new EndpointsServiceClient({
    ...options.http,
    serviceUrl: options.serviceUrl,
    clientRequestId: requestId.id,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { client, requestId };
}

const memo = new Map<string, Promise<ServiceData>>();

/** Forgets every memoized load (tests use it to start fresh). */
export function clearServiceDataMemo(): void {
  memo.clear();
}

/**
 * Loads the service data once per process for each distinct set of options: many components in one program share one
 * fetch. A run whose version has not moved makes exactly one `/version` request and reads `/endpoints` from the cache.
 */
export function loadServiceData(options: LoadOptions = {}): Promise<ServiceData> {
  const o = normalizeLoadOptions(options);
  const key = JSON.stringify({
    instance: o.instance,
    areas: serviceAreasKey(o.serviceAreas),
    url: o.source === "cache" || o.source === "snapshot" ? null : defaultServiceUrl(options.serviceUrl),
    cache: resolveCacheDir(options.cacheDir),
    source: o.source,
    onUnavailable: o.onUnavailable,
    brake: o.maxRemovalRatio,
  });
  let pending = memo.get(key);
  if (!pending) {
    pending = loadUncached(options);
    memo.set(key, pending);
  }
  return pending;
}

async function loadUncached(options: LoadOptions): Promise<ServiceData> {
  const { instance, serviceAreas, source, onUnavailable, maxRemovalRatio } = normalizeLoadOptions(options);
  const cache = new EndpointCache(resolveCacheDir(options.cacheDir));
  const progress = options.onProgress ?? (() => undefined);
  const areasLabel = serviceAreasKey(serviceAreas);

  /** The cache's damaged files, as warnings: a damaged cache is reported, never silently skipped. */
  const damageNotes = () =>
    [...new Set(cache.damaged)].map((d) => `the endpoint cache in ${cache.dir} is damaged and was not used: ${d}`);
  const fromCache = (warning?: string): ServiceData | undefined => {
    const raw = cache.readLatest(instance, serviceAreas);
    if (!raw) return undefined;
    let sets: EndpointSet[];
    try {
      sets = parseRaw(raw, `cache file for ${describeRawData(raw)}`);
    } catch (error) {
      if (!(error instanceof ServiceDataError)) throw error;
      cache.damaged.push(error.message);
      return undefined;
    }
    const warnings = warning ? [`${warning}; using the cached endpoint data (${describeRawData(raw)})`] : [];
    return { instance, serviceAreas, version: raw.version, source: "cache", sets, raw, warnings };
  };
  const fromSnapshot = (warning?: string): ServiceData | undefined => {
    const raw = embeddedSnapshot(instance, serviceAreas);
    if (!raw) return undefined;
    const sets = parseRaw(raw, "embedded snapshot");
    const warnings = warning ? [`${warning}; using the embedded snapshot (${describeRawData(raw)})`] : [];
    return { instance, serviceAreas, version: raw.version, source: "snapshot", sets, raw, warnings };
  };

  if (source === "cache") {
    const data = fromCache();
    if (!data && cache.damaged.length > 0)
      throw new ConfigurationError(
        `The cached endpoint data for ${instance} ${areasLabel} in ${cache.dir} is damaged: ${cache.damaged.join("; ")}. Delete the cache folder, or run once with the service reachable.`,
      );
    if (!data)
      throw new ConfigurationError(
        `No cached endpoint data for ${instance} ${areasLabel} in ${cache.dir}. Run once with the service reachable, or use the snapshot source.`,
      );
    return data;
  }
  if (source === "snapshot") {
    const data = fromSnapshot();
    if (!data)
      throw new ConfigurationError(
        `The package embeds no snapshot for ${instance} ${areasLabel}; it has one for MEM in each instance (Worldwide, USGovDoD, USGovGCCHigh, China).`,
      );
    return data;
  }

  const { client, requestId } = serviceClient(options, cache);
  const notes: string[] = requestId.persisted
    ? []
    : [`the cache dir ${cache.dir} is not writable; the client request id and endpoint data are not kept between runs`];
  try {
    const live = await loadLive({ client, cache, instance, serviceAreas, maxRemovalRatio, progress, notes, requestId });
    return { ...live, warnings: [...live.warnings, ...damageNotes()] };
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError) && !(error instanceof ServiceDataError)) throw error;
    const reason =
      error instanceof ServiceUnavailableError
        ? `The endpoints service is unreachable (${error.reason})`
        : `The endpoints service returned data that failed validation (${error.message})`;
    if (onUnavailable === "fail") throw error;
    const cached = fromCache(reason);
    if (cached) return { ...cached, warnings: [...notes, ...damageNotes(), ...cached.warnings] };
    if (onUnavailable === "snapshot") {
      const snapshot = fromSnapshot(reason);
      if (snapshot) return { ...snapshot, warnings: [...notes, ...damageNotes(), ...snapshot.warnings] };
    }
    throw new ServiceUnavailableError(
      `${reason}, and there is no ${onUnavailable === "cache" ? "cached data" : "cached data or embedded snapshot"} for ${instance} ${areasLabel} to fall back on`,
      client.serviceUrl,
    );
  }
}

interface LiveContext {
  readonly client: EndpointsServiceClient;
  readonly cache: EndpointCache;
  readonly instance: Instance;
  readonly serviceAreas: readonly string[];
  readonly maxRemovalRatio: number;
  readonly progress: (message: string) => void;
  readonly notes: string[];
  readonly requestId: { readonly persisted: boolean };
}

/**
 * The live path: the /version gate, then the cached copy of that version or a download, checked by the brake against
 * the last known good data before it is cached and used.
 */
async function loadLive(ctx: LiveContext): Promise<ServiceData> {
  const { client, cache, instance, serviceAreas, progress, notes } = ctx;
  const areasLabel = serviceAreasKey(serviceAreas);
  const { latest } = await client.getVersion(instance);
  const cached = cache.read(instance, serviceAreas, latest);
  if (cached) {
    progress(`endpoint data ${instance} ${areasLabel} version ${latest} is current (cached)`);
    const sets = parseRaw(cached, `cache file for ${describeRawData(cached)}`);
    return { instance, serviceAreas, version: latest, source: "live", sets, raw: cached, warnings: notes };
  }
  progress(`version ${latest} is new; downloading the endpoint data`);
  const { sets, body } = await client.getEndpoints(instance, serviceAreas);
  const raw: RawServiceData = {
    instance,
    serviceAreas: [...serviceAreas],
    version: latest,
    recordedAt: new Date().toISOString(),
    source: `${client.serviceUrl}/endpoints/${instance}`,
    endpointSets: body,
  };
  const previous = cache.readLatest(instance, serviceAreas) ?? embeddedSnapshot(instance, serviceAreas);
  if (previous) {
    const against = `the last known good data (${describeRawData(previous)})`;
    checkRemovalBrake(setAddresses(parseRaw(previous, against)), setAddresses(sets), ctx.maxRemovalRatio, against);
  }
  const writeError = cache.write(raw);
  if (writeError && ctx.requestId.persisted)
    notes.push(`could not write the endpoint cache in ${cache.dir}: ${writeError.message}`);
  return { instance, serviceAreas, version: latest, source: "live", sets, raw, warnings: notes };
}

/**
 * The changes Microsoft published after `sinceVersion` (`/changes/{instance}/{version}`), validated. Throws when the
 * service can't be reached: there is nothing to fall back on for changes.
 */
export async function loadChanges(options: LoadOptions, sinceVersion: string): Promise<ChangeRecord[]> {
  const { client } = serviceClient(options, new EndpointCache(resolveCacheDir(options.cacheDir)));
  return client.getChanges(options.instance ?? "Worldwide", sinceVersion, options.serviceAreas ?? ["MEM"]);
}
