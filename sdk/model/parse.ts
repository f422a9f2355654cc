import { parseAddress } from "./address";
import { parsePortList } from "./ports";
import { Address, CATEGORIES, Category, EndpointSet, Instance } from "./types";
import { AddressError, PortError, ServiceDataError } from "../errors";
import { VERSION_PATTERN, isObject, quoteWire } from "./values";

type Json = unknown;

const SERVICE_AREA = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const DATE = /^\d{8}$/;
const MAX_NOTE_LENGTH = 2000;

/** Removes control characters from free text (notes) so it can't break a terminal or a report. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").slice(0, MAX_NOTE_LENGTH);
}

function where(setId: number | undefined, index: number): string {
  return setId === undefined ? `endpoint set #${index + 1}` : `endpoint set ${setId}`;
}

function parseAddresses(values: Json, field: "urls" | "ips", label: string): Address[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) throw new ServiceDataError(`${label}: "${field}" is not an array`);
  return values.map((value) => {
    try {
      const address = parseAddress(value);
      const isCidr = address.form === "cidr4" || address.form === "cidr6";
      if (field === "ips" && !isCidr) {
        throw new AddressError(String(value), "the ips list may only hold IP prefixes");
      }
      if (field === "urls" && isCidr) {
        throw new AddressError(String(value), "the urls list may only hold host names");
      }
      return address;
    } catch (error) {
      if (error instanceof AddressError) {
        throw new ServiceDataError(
          `${label}: ${field.slice(0, -1)} ${quoteWire(error.value)} rejected (${error.reason})`,
        );
      }
      throw error;
    }
  });
}

function parsePorts(value: Json, field: string, label: string): string[] {
  try {
    return parsePortList(value);
  } catch (error) {
    if (error instanceof PortError) throw new ServiceDataError(`${label}: ${field} ${error.message}`);
    throw error;
  }
}

function parseCategory(value: Json, label: string): Category {
  const category = CATEGORIES.find((c) => c === value);
  if (!category) {
    throw new ServiceDataError(`${label}: category ${quoteWire(value)} is not one of ${CATEGORIES.join(", ")}`);
  }
  return category;
}

function parseBoolean(value: Json, field: string, label: string, lenient = false): boolean {
  if (typeof value === "boolean") return value;
  if (lenient && (value === "true" || value === "false")) return value === "true";
  throw new ServiceDataError(`${label}: "${field}" must be true or false, got ${quoteWire(value)}`);
}

function parseSetId(value: Json, label: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new ServiceDataError(`${label}: id ${quoteWire(value)} is not a positive integer`);
  }
  return value;
}

/** Validates one endpoint-set record of an `/endpoints` response. */
export function parseEndpointSet(record: Json, index = 0): EndpointSet {
  if (!isObject(record)) throw new ServiceDataError(`${where(undefined, index)} is not an object`);
  const id = parseSetId(record.id, where(undefined, index));
  const label = where(id, index);
  const serviceArea = record.serviceArea;
  if (typeof serviceArea !== "string" || !SERVICE_AREA.test(serviceArea)) {
    throw new ServiceDataError(`${label}: serviceArea ${quoteWire(serviceArea)} is not a service area name`);
  }
  const displayName = record.serviceAreaDisplayName;
  if (displayName !== undefined && typeof displayName !== "string") {
    throw new ServiceDataError(`${label}: serviceAreaDisplayName is not a string`);
  }
  const notes = record.notes;
  if (notes !== undefined && typeof notes !== "string") throw new ServiceDataError(`${label}: notes is not a string`);
  const set: EndpointSet = {
    id,
    serviceArea,
    category: parseCategory(record.category, label),
    required: parseBoolean(record.required, "required", label),
    expressRoute: parseBoolean(record.expressRoute ?? false, "expressRoute", label),
    tcpPorts: parsePorts(record.tcpPorts, "tcpPorts", label),
    udpPorts: parsePorts(record.udpPorts, "udpPorts", label),
    urls: parseAddresses(record.urls, "urls", label),
    ips: parseAddresses(record.ips, "ips", label),
    ...(displayName !== undefined ? { serviceAreaDisplayName: cleanText(displayName) } : {}),
    ...(notes ? { notes: cleanText(notes) } : {}),
  };
  if (set.urls.length + set.ips.length > 0 && set.tcpPorts.length + set.udpPorts.length === 0) {
    throw new ServiceDataError(`${label}: it lists addresses but no TCP or UDP ports`);
  }
  return set;
}

/**
 * The service areas a response for this instance must contain. The sovereign instances (USGovDoD, USGovGCCHigh,
 * China) publish no MEM sets at all (Intune's endpoints there come from their own pages), so a MEM request returns
 * Common only; for Worldwide a MEM response without MEM sets is broken.
 */
export function expectedServiceAreas(instance: Instance, areas: readonly string[]): string[] {
  return areas.filter((a) => instance === "Worldwide" || a.toLowerCase() !== "mem");
}

/**
 * Validates a whole `/endpoints` response. It must be a non-empty array of endpoint sets with unique ids; when
 * `expectServiceAreas` is given, each of those areas must appear (a MEM request that returns no MEM set is broken).
 */
export function parseEndpointsResponse(body: Json, expectServiceAreas: readonly string[] = []): EndpointSet[] {
  if (!Array.isArray(body)) {
    throw new ServiceDataError(
      `the endpoints response is not a JSON array (got ${isObject(body) ? "an object" : typeof body})`,
    );
  }
  if (body.length === 0) throw new ServiceDataError("the endpoints response is an empty array");
  const sets = body.map((record, index) => parseEndpointSet(record, index));
  const seen = new Set<number>();
  for (const set of sets) {
    if (seen.has(set.id)) throw new ServiceDataError(`endpoint set ${set.id} appears twice in the response`);
    seen.add(set.id);
  }
  for (const area of expectServiceAreas) {
    if (area !== "Common" && !sets.some((s) => s.serviceArea.toLowerCase() === area.toLowerCase())) {
      throw new ServiceDataError(`the endpoints response holds no ${area} endpoint set although ${area} was requested`);
    }
  }
  return sets.sort((a, b) => a.id - b.id);
}

/** A `/version/{instance}` answer. */
export interface VersionInfo {
  readonly instance: string;
  readonly latest: string;
}

/** Validates a `/version/{instance}` response. */
export function parseVersionResponse(body: Json, instance: Instance): VersionInfo {
  const record = Array.isArray(body)
    ? body.find((r) => isObject(r) && String(r.instance).toLowerCase() === instance.toLowerCase())
    : body;
  if (!isObject(record)) throw new ServiceDataError(`the version response holds no record for ${instance}`);
  const latest = record.latest;
  if (typeof latest !== "string" || !VERSION_PATTERN.test(latest)) {
    throw new ServiceDataError(`the version response's "latest" ${quoteWire(latest)} is not a 10-digit version`);
  }
  if (typeof record.instance !== "string" || record.instance.toLowerCase() !== instance.toLowerCase()) {
    throw new ServiceDataError(`the version response is for ${quoteWire(record.instance)}, not ${instance}`);
  }
  return { instance, latest };
}

/** One record of a `/changes` response: what changed in one endpoint set in one version. */
export interface ChangeRecord {
  readonly id: number;
  readonly endpointSetId: number;
  readonly disposition: "add" | "change" | "remove";
  readonly version: string;
  readonly impact?: string;
  /** YYYYMMDD on which the additions go live, when the service gives it. */
  readonly effectiveDate?: string;
  readonly added: readonly Address[];
  readonly removed: readonly Address[];
  readonly serviceArea?: string;
}

/** Validates a `/changes/{instance}/{version}` response. */
export function parseChangesResponse(body: Json): ChangeRecord[] {
  if (!Array.isArray(body)) throw new ServiceDataError("the changes response is not a JSON array");
  return body.map((record, index): ChangeRecord => {
    const label = `change record #${index + 1}`;
    if (!isObject(record)) throw new ServiceDataError(`${label} is not an object`);
    const id = parseSetId(record.id, label);
    const endpointSetId = parseSetId(record.endpointSetId, `change record ${id}`);
    const where = `change record ${id} (endpoint set ${endpointSetId})`;
    const disposition = String(record.disposition).toLowerCase();
    if (disposition !== "add" && disposition !== "change" && disposition !== "remove") {
      throw new ServiceDataError(`${where}: disposition ${quoteWire(record.disposition)} is not Add, Change or Remove`);
    }
    if (typeof record.version !== "string" || !VERSION_PATTERN.test(record.version)) {
      throw new ServiceDataError(`${where}: version ${quoteWire(record.version)} is not a 10-digit version`);
    }
    const add = record.add === undefined ? {} : record.add;
    const remove = record.remove === undefined ? {} : record.remove;
    if (!isObject(add) || !isObject(remove)) throw new ServiceDataError(`${where}: add/remove is not an object`);
    const effectiveDate = add.effectiveDate;
    if (effectiveDate !== undefined && (typeof effectiveDate !== "string" || !DATE.test(effectiveDate))) {
      throw new ServiceDataError(`${where}: effectiveDate ${quoteWire(effectiveDate)} is not YYYYMMDD`);
    }
    const impact = record.impact;
    if (impact !== undefined && (typeof impact !== "string" || !/^[A-Za-z]{1,60}$/.test(impact))) {
      throw new ServiceDataError(`${where}: impact ${quoteWire(impact)} is not a known word`);
    }
    const current = isObject(record.current) ? record.current : undefined;
    const serviceArea = current?.serviceArea;
    return {
      id,
      endpointSetId,
      disposition,
      version: record.version,
      ...(impact !== undefined ? { impact } : {}),
      ...(effectiveDate !== undefined ? { effectiveDate } : {}),
      added: [...parseAddresses(add.urls, "urls", where), ...parseAddresses(add.ips, "ips", where)],
      removed: [...parseAddresses(remove.urls, "urls", where), ...parseAddresses(remove.ips, "ips", where)],
      ...(typeof serviceArea === "string" && SERVICE_AREA.test(serviceArea) ? { serviceArea } : {}),
    };
  });
}
