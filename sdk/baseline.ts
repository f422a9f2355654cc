/**
 * The baseline document: a resolved model with the filters that produced it. `intune-egress snapshot --out` writes it,
 * the IntuneEgress component exports it as `modelJson`, and `intune-egress drift --baseline` reads it back, from the
 * file itself or from `pulumi stack output --json`. A baseline is a file someone could edit, so it is validated like
 * service data, and its hash must match its endpoints.
 */
import { parseAddress } from "./model/address";
import { buildModel } from "./model/canonical";
import { parsePortList } from "./model/ports";
import { CATEGORIES, EgressModel, Endpoint, INSTANCES, Instance, ModelSource, Origin, Region } from "./model/types";
import { FilterOptions } from "./resolve";
import { ServiceDataError } from "./errors";
import { isObject, isServiceVersion } from "./model/values";

export const BASELINE_KIND = "intune-egress-model";

/** The filter options a baseline records. */
const RECORDED_FILTER_KEYS = [
  "regions",
  "features",
  "addFeatures",
  "excludeFeatures",
  "categories",
  "requiredOnly",
  "ipv6",
  "includeMicrosoft365Common",
  "deliveryOptimizationPeers",
] as const;

/** The filters a model was resolved with, recorded so drift compares like with like. */
export type RecordedFilters = { readonly instance: Instance } & Pick<
  FilterOptions,
  (typeof RECORDED_FILTER_KEYS)[number]
>;

export interface BaselineDocument {
  readonly kind: typeof BASELINE_KIND;
  readonly formatVersion: 1;
  readonly filters: RecordedFilters;
  readonly model: EgressModel;
  readonly createdAt?: string;
  readonly warnings?: readonly string[];
  /**
   * What the rules were when the baseline was taken: the sources compiled for and each target's rules hash
   * (informational: drift compiles both sides again with the options it is given).
   */
  readonly rules?: { readonly sourceAddresses: readonly string[]; readonly hashes: Readonly<Record<string, string>> };
}

export interface Baseline {
  readonly model: EgressModel;
  readonly filters: RecordedFilters;
  /** Where it was found: the file itself, or the stack output with this key. */
  readonly foundIn: string;
}

/** The filters worth recording, without undefined values. */
export function recordFilters(instance: Instance, filters: FilterOptions): RecordedFilters {
  const out: Record<string, unknown> = { instance };
  for (const key of RECORDED_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) out[key] = Array.isArray(value) ? [...value] : value;
  }
  return out as unknown as RecordedFilters;
}

export function baselineDocument(
  model: EgressModel,
  filters: RecordedFilters,
  extra: Pick<BaselineDocument, "createdAt" | "warnings" | "rules"> = {},
): BaselineDocument {
  return { kind: BASELINE_KIND, formatVersion: 1, filters, model, ...extra };
}

function fail(origin: string, message: string): never {
  throw new ServiceDataError(`${origin}: ${message}`);
}

function stringList(value: unknown, origin: string, field: string, pattern: RegExp): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && pattern.test(v)))
    fail(origin, `${field} is not a list of valid names`);
  return value as string[];
}

function parseOrigin(value: unknown, origin: string): Origin {
  if (
    isObject(value) &&
    value.kind === "service" &&
    typeof value.setId === "number" &&
    Number.isSafeInteger(value.setId) &&
    value.setId > 0
  ) {
    return { kind: "service", setId: value.setId };
  }
  if (
    isObject(value) &&
    value.kind === "catalog" &&
    typeof value.feature === "string" &&
    /^[a-z0-9-]{1,60}$/.test(value.feature)
  ) {
    return { kind: "catalog", feature: value.feature };
  }
  return fail(
    origin,
    `an origin is neither {kind: service, setId} nor {kind: catalog, feature}: ${JSON.stringify(value)}`,
  );
}

function parseEndpoint(value: unknown, origin: string): Endpoint {
  if (!isObject(value)) fail(origin, "an endpoint is not an object");
  let address;
  try {
    address = parseAddress(value.address);
  } catch (error) {
    fail(
      origin,
      `endpoint ${JSON.stringify(value.address)} is not a valid address (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const where = `${origin}: endpoint ${address.value}`;
  if (value.address !== address.value || value.form !== address.form)
    throw new ServiceDataError(`${where} is not in canonical form`);
  const ports = (field: "tcpPorts" | "udpPorts"): string[] => {
    const list = value[field];
    if (!Array.isArray(list) || !list.every((p) => typeof p === "string"))
      throw new ServiceDataError(`${where}: ${field} is not a list`);
    const canonical = parsePortList(list.join(","));
    if (canonical.join(",") !== list.join(",")) throw new ServiceDataError(`${where}: ${field} is not canonical`);
    return canonical;
  };
  const category = CATEGORIES.find((c) => c === value.category);
  if (!category) throw new ServiceDataError(`${where}: category ${JSON.stringify(value.category)} is unknown`);
  if (typeof value.required !== "boolean" || typeof value.tlsInspectionUnsupported !== "boolean")
    throw new ServiceDataError(`${where}: required and tlsInspectionUnsupported must be booleans`);
  const regions = stringList(value.regions, where, "regions", /^(NA|EU|AP)$/) as Region[];
  if (
    value.serviceTag !== undefined &&
    (typeof value.serviceTag !== "string" || !/^[A-Za-z0-9.]{1,80}$/.test(value.serviceTag))
  )
    throw new ServiceDataError(`${where}: serviceTag is not a tag name`);
  if (!Array.isArray(value.origins)) throw new ServiceDataError(`${where}: origins is not a list`);
  return {
    address: address.value,
    form: address.form,
    type:
      address.form === "cidr4" || address.form === "cidr6"
        ? address.form
        : address.form === "fqdn"
          ? "fqdn"
          : "wildcard",
    tcpPorts: ports("tcpPorts"),
    udpPorts: ports("udpPorts"),
    category,
    required: value.required,
    features: stringList(value.features, where, "features", /^[a-z0-9-]{1,60}$/),
    regions,
    tlsInspectionUnsupported: value.tlsInspectionUnsupported,
    ...(value.serviceTag !== undefined ? { serviceTag: value.serviceTag as string } : {}),
    origins: value.origins.map((o) => parseOrigin(o, where)),
  };
}

/** Validates a model read from a file; its recorded hash must match its endpoints. */
export function parseModel(value: unknown, origin: string): EgressModel {
  if (!isObject(value)) fail(origin, "the model is not an object");
  const instance = INSTANCES.find((i) => i === value.instance);
  if (!instance) fail(origin, `instance ${JSON.stringify(value.instance)} is unknown`);
  if (value.version !== null && !isServiceVersion(value.version))
    fail(origin, `version ${JSON.stringify(value.version)} is neither null nor a 10-digit version`);
  const source = (["live", "cache", "snapshot"] as const).find((s) => s === value.source);
  if (!source) fail(origin, `source ${JSON.stringify(value.source)} is unknown`);
  if (!Array.isArray(value.endpoints) || value.endpoints.length === 0) fail(origin, "the model holds no endpoints");
  const model = buildModel(
    instance,
    value.version as string | null,
    source as ModelSource,
    value.endpoints.map((e) => parseEndpoint(e, origin)),
  );
  if (model.hash !== value.hash)
    fail(
      origin,
      `the recorded hash ${String(value.hash).slice(0, 12)}… does not match the endpoints (${model.hash.slice(0, 12)}…); the file was changed by hand or is damaged`,
    );
  return model;
}

function parseFilters(value: unknown, instance: Instance, origin: string): RecordedFilters {
  if (value === undefined) return { instance };
  if (!isObject(value)) fail(origin, "filters is not an object");
  const filters: Record<string, unknown> = { instance };
  if (value.regions !== undefined)
    filters.regions = stringList(value.regions, origin, "filters.regions", /^(NA|EU|AP)$/);
  if (value.features !== undefined)
    filters.features = stringList(value.features, origin, "filters.features", /^[a-z0-9-]{1,60}$/);
  if (value.addFeatures !== undefined)
    filters.addFeatures = stringList(value.addFeatures, origin, "filters.addFeatures", /^[a-z0-9-]{1,60}$/);
  if (value.excludeFeatures !== undefined)
    filters.excludeFeatures = stringList(value.excludeFeatures, origin, "filters.excludeFeatures", /^[a-z0-9-]{1,60}$/);
  if (value.categories !== undefined)
    filters.categories = stringList(value.categories, origin, "filters.categories", /^(Optimize|Allow|Default)$/);
  if (value.deliveryOptimizationPeers !== undefined)
    filters.deliveryOptimizationPeers = stringList(
      value.deliveryOptimizationPeers,
      origin,
      "filters.deliveryOptimizationPeers",
      /^[0-9a-fA-F:./]+$/,
    );
  for (const key of ["requiredOnly", "ipv6", "includeMicrosoft365Common"] as const) {
    if (value[key] !== undefined) {
      if (typeof value[key] !== "boolean") fail(origin, `filters.${key} is not a boolean`);
      filters[key] = value[key];
    }
  }
  return filters as unknown as RecordedFilters;
}

function fromDocument(value: Record<string, unknown>, origin: string, foundIn: string): Baseline {
  if (value.formatVersion !== 1)
    fail(origin, `formatVersion ${JSON.stringify(value.formatVersion)} is not supported; this version reads 1`);
  const model = parseModel(value.model, origin);
  return { model, filters: parseFilters(value.filters, model.instance, origin), foundIn };
}

/** Finds baseline documents in a stack's outputs: a `modelJson` string or object, at most three levels down. */
function findInOutputs(
  value: unknown,
  path: string,
  found: Array<{ path: string; doc: Record<string, unknown> }>,
  depth = 0,
): void {
  if (depth > 3) return;
  let candidate = value;
  if (typeof candidate === "string" && candidate.trimStart().startsWith("{")) {
    try {
      candidate = JSON.parse(candidate);
    } catch {
      return;
    }
  }
  if (!isObject(candidate)) return;
  if (candidate.kind === BASELINE_KIND) {
    found.push({ path, doc: candidate });
    return;
  }
  for (const [key, inner] of Object.entries(candidate))
    findInOutputs(inner, path ? `${path}.${key}` : key, found, depth + 1);
}

/**
 * Reads a baseline: the output of `intune-egress snapshot --out`, or `pulumi stack output --json` of a stack that
 * exports an IntuneEgress `modelJson`. With several IntuneEgress outputs in one stack, `outputKey` picks one.
 */
export function readBaseline(json: unknown, file: string, outputKey?: string): Baseline {
  if (isObject(json) && json.kind === BASELINE_KIND) return fromDocument(json, file, "file");
  const found: Array<{ path: string; doc: Record<string, unknown> }> = [];
  findInOutputs(json, "", found);
  const picked = outputKey ? found.filter((f) => f.path === outputKey) : found;
  if (picked.length === 1 && picked[0])
    return fromDocument(picked[0].doc, `${file} (stack output ${picked[0].path})`, `stack output ${picked[0].path}`);
  if (picked.length > 1) {
    fail(
      file,
      `holds several IntuneEgress models (${picked.map((f) => f.path).join(", ")}); pick one with --output-key`,
    );
  }
  if (outputKey && found.length > 0)
    fail(file, `has no IntuneEgress model under the key ${outputKey}; it has ${found.map((f) => f.path).join(", ")}`);
  return fail(
    file,
    "is neither an `intune-egress snapshot --out` file nor `pulumi stack output --json` of a stack that exports an IntuneEgress modelJson (e.g. `export const intuneModel = egress.modelJson`)",
  );
}
