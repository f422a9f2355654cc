import { EgressModel, Endpoint } from "../sdk/model/types";
import { table } from "../sdk/targets/text";
import { terminalText } from "./escape";

/** Each warning on stderr, one inert line each. */
export function writeWarnings(io: { stderr: (text: string) => void }, warnings: readonly string[]): void {
  for (const warning of warnings) io.stderr(`warning: ${terminalText(warning)}\n`);
}

export function portsLabel(endpoint: Pick<Endpoint, "tcpPorts" | "udpPorts">): string {
  const parts: string[] = [];
  if (endpoint.tcpPorts.length > 0) parts.push(`TCP ${endpoint.tcpPorts.join(",")}`);
  if (endpoint.udpPorts.length > 0) parts.push(`UDP ${endpoint.udpPorts.join(",")}`);
  return parts.join("; ");
}

export function describeModelHeader(model: EgressModel): string {
  const version = model.version ?? "not recorded";
  return `Intune endpoint model: ${model.instance}, service version ${version}, source ${model.source}, ${model.endpoints.length} endpoints\nhash ${model.hash}\n`;
}

/** The model for people: counts per feature and type, then every endpoint with its ports. */
export function modelTable(model: EgressModel): string {
  const types = ["fqdn", "wildcard", "cidr4", "cidr6"] as const;
  const counts = new Map<string, Record<(typeof types)[number], number>>();
  for (const endpoint of model.endpoints) {
    for (const feature of endpoint.features) {
      const row = counts.get(feature) ?? { fqdn: 0, wildcard: 0, cidr4: 0, cidr6: 0 };
      row[endpoint.type] += 1;
      counts.set(feature, row);
    }
  }
  const countRows = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([feature, row]) => [
      feature,
      ...types.map((t) => String(row[t])),
      String(types.reduce((n, t) => n + row[t], 0)),
    ]);
  const totals = types.map((t) => String(model.endpoints.filter((e) => e.type === t).length));
  let out = describeModelHeader(model) + "\n";
  out += table([
    ["FEATURE", "FQDN", "WILDCARD", "IPV4", "IPV6", "TOTAL"],
    ...countRows,
    ["(distinct endpoints)", ...totals, String(model.endpoints.length)],
  ]);
  out += "\n";
  out += table([
    ["ADDRESS", "PORTS", "CATEGORY", "REGIONS", "FEATURES", "NOTES"],
    ...model.endpoints.map((e) => [
      e.address,
      portsLabel(e),
      e.category,
      e.regions.length === 3 ? "all" : e.regions.join(","),
      e.features.join(","),
      [
        e.required ? "" : "optional",
        e.tlsInspectionUnsupported ? "no TLS inspection" : "",
        e.serviceTag ? `tag ${e.serviceTag}` : "",
      ]
        .filter((s) => s !== "")
        .join("; "),
    ]),
  ]);
  return out;
}
