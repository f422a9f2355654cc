/**
 * The raw-data format: the `/endpoints` body with what is known about it. One format for the embedded snapshot, the
 * on-disk cache and `intune-egress snapshot --raw-out`, and the key its service areas are filed under.
 */
import { ServiceDataError } from "../errors";
import { INSTANCES, Instance } from "../model/types";
import { isObject, isServiceVersion } from "../model/values";

/**
 * Raw web-service data with what is known about it. The embedded snapshot, the on-disk cache and
 * `intune-egress snapshot --raw-out` all use this shape; `endpointSets` is the `/endpoints` body, unparsed, and is
 * validated like a live response every time it is read.
 */
export interface RawServiceData {
  readonly instance: Instance;
  readonly serviceAreas: readonly string[];
  /** Service version (YYYYMMDDNN), or null when it was not recorded. */
  readonly version: string | null;
  /** When the data was fetched or recorded (ISO date or date-time). */
  readonly recordedAt: string;
  /** Free text: where the data comes from. */
  readonly source: string;
  readonly endpointSets: unknown;
}

/** Checks the envelope of a raw-data file; the endpoint sets inside are validated by the parser later. */
export function parseRawServiceData(value: unknown, origin: string): RawServiceData {
  if (!isObject(value)) throw new ServiceDataError(`${origin}: not a JSON object`);
  const instance = INSTANCES.find((i) => i === value.instance);
  if (!instance)
    throw new ServiceDataError(
      `${origin}: instance ${JSON.stringify(value.instance)} is not one of ${INSTANCES.join(", ")}`,
    );
  const areas = value.serviceAreas;
  if (!Array.isArray(areas) || !areas.every((a) => typeof a === "string" && /^[A-Za-z]+$/.test(a))) {
    throw new ServiceDataError(`${origin}: serviceAreas is not a list of service area names`);
  }
  const version = value.version;
  if (version !== null && !isServiceVersion(version)) {
    throw new ServiceDataError(`${origin}: version ${JSON.stringify(version)} is neither null nor a 10-digit version`);
  }
  if (typeof value.recordedAt !== "string" || typeof value.source !== "string") {
    throw new ServiceDataError(`${origin}: recordedAt and source must be strings`);
  }
  return {
    instance,
    serviceAreas: areas as string[],
    version,
    recordedAt: value.recordedAt,
    source: value.source,
    endpointSets: value.endpointSets,
  };
}

/** Canonical key of a service-area list: sorted, without the always-present Common. */
export function serviceAreasKey(serviceAreas: readonly string[]): string {
  const areas = [...new Set(serviceAreas.filter((a) => a.toLowerCase() !== "common"))].sort();
  return areas.length === 0 ? "Common" : areas.join(",");
}

/** Short description of raw data for warnings: "Worldwide MEM version 2025073100" or "... recorded 2026-05-29". */
export function describeRawData(data: RawServiceData): string {
  const version = data.version ? `version ${data.version}` : "service version not recorded";
  return `${data.instance} ${serviceAreasKey(data.serviceAreas)}, ${version}, recorded ${data.recordedAt.slice(0, 10)}`;
}
