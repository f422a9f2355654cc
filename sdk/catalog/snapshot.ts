/** The snapshots the package embeds: the fallback when neither the service nor the cache can be used. */
import { Instance } from "../model/types";
import { RawServiceData, parseRawServiceData, serviceAreasKey } from "../service/rawData";
import chinaMem from "./snapshot/china-mem.json";
import usGovDodMem from "./snapshot/usgovdod-mem.json";
import usGovGccHighMem from "./snapshot/usgovgcchigh-mem.json";
import worldwideMem from "./snapshot/worldwide-mem.json";

/** One snapshot per instance: what the service returns for ServiceAreas=MEM there (Common only in the sovereign ones). */
const EMBEDDED: readonly RawServiceData[] = [
  parseRawServiceData(worldwideMem, "embedded snapshot worldwide-mem.json"),
  parseRawServiceData(usGovDodMem, "embedded snapshot usgovdod-mem.json"),
  parseRawServiceData(usGovGccHighMem, "embedded snapshot usgovgcchigh-mem.json"),
  parseRawServiceData(chinaMem, "embedded snapshot china-mem.json"),
];

/** The embedded snapshot for this instance and these service areas, if the package ships one. */
export function embeddedSnapshot(instance: Instance, serviceAreas: readonly string[]): RawServiceData | undefined {
  const key = serviceAreasKey(serviceAreas);
  return EMBEDDED.find((s) => s.instance === instance && serviceAreasKey(s.serviceAreas) === key);
}
