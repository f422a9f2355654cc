import { embeddedSnapshot } from "../../sdk/catalog/snapshot";
import { endpointType, parseAddress } from "../../sdk/model/address";
import { buildModel } from "../../sdk/model/canonical";
import { parseEndpointsResponse } from "../../sdk/model/parse";
import { EgressModel, Endpoint } from "../../sdk/model/types";
import { FilterOptions, resolveModel } from "../../sdk/resolve";
import { ServiceData } from "../../sdk/service/source";
import { readFixtureJson } from "./fakeService";

/** An endpoint with sensible defaults: TCP 443, feature core, every region. */
export function endpoint(address: string, extra: Partial<Omit<Endpoint, "address" | "form" | "type">> = {}): Endpoint {
  const parsed = parseAddress(address);
  return {
    address: parsed.value,
    form: parsed.form,
    type: endpointType(parsed.form),
    tcpPorts: ["443"],
    udpPorts: [],
    category: "Default",
    required: true,
    features: ["core"],
    regions: ["NA", "EU", "AP"],
    tlsInspectionUnsupported: false,
    origins: [{ kind: "catalog", feature: (extra.features ?? ["core"])[0] ?? "core" }],
    ...extra,
  };
}

/** A canonical model of the given endpoints. */
export function modelOf(endpoints: readonly Endpoint[]): EgressModel {
  return buildModel("Worldwide", "2025073100", "live", endpoints);
}

/** The model resolved from a recorded MEM response (as if the service had served it). */
export function modelFromFixture(
  file: string,
  options: FilterOptions = {},
  version: string | null = null,
): EgressModel {
  const raw = embeddedSnapshot("Worldwide", ["MEM"]);
  if (!raw) throw new Error("no snapshot");
  const sets = parseEndpointsResponse(readFixtureJson(file), ["MEM"]);
  const data: ServiceData = {
    instance: "Worldwide",
    serviceAreas: ["MEM"],
    version,
    source: "live",
    sets,
    raw,
    warnings: [],
  };
  return resolveModel(data, options).model;
}

/** Every recorded MEM response, oldest first, with its version when known. */
export const MEM_FIXTURES_IN_ORDER: ReadonlyArray<{ file: string; version: string | null }> = [
  { file: "worldwide-mem-2025-04-09.json", version: null },
  { file: "worldwide-mem-2025043000.json", version: "2025043000" },
  { file: "worldwide-mem-2025053000.json", version: "2025053000" },
  { file: "worldwide-mem-2025063000.json", version: "2025063000" },
  { file: "worldwide-mem-2025073100.json", version: "2025073100" },
  { file: "worldwide-mem-2025082900.json", version: "2025082900" },
  { file: "worldwide-mem-2025-09-29.json", version: null },
  { file: "worldwide-mem-2026-03-31.json", version: null },
  { file: "worldwide-mem-2026-05-29.json", version: null },
];
