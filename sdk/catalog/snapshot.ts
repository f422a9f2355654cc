/** The snapshots the package embeds: the fallback when neither the service nor the cache can be used. */
import { Instance } from "../model/types";
import { RawServiceData, parseRawServiceData, serviceAreasKey } from "../service/rawData";
import worldwideMem from "./snapshot/worldwide-mem.json";
const EMBEDDED: readonly RawServiceData[] = [parseRawServiceData(worldwideMem, "embedded snapshot worldwide-mem.json")];

/** The embedded snapshot for this instance and these service areas, if the package ships one. */
export function embeddedSnapshot(instance: Instance, serviceAreas: readonly string[]): RawServiceData | undefined {
  const key = serviceAreasKey(serviceAreas);
  return EMBEDDED.find((s) => s.instance === instance && serviceAreasKey(s.serviceAreas) === key);
}
