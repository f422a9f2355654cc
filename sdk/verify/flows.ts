/**
 * The verification set: the flows a target's rules are evaluated on. Every model endpoint becomes sample flows (each
 * port and protocol, sample names for wildcards, the first and last usable addresses of prefixes) from each source
 * family; a fixed list of probes must be denied; users add their own flows.
 */
import { ConfigurationError } from "../errors";
import { nameMatches, parseAddress, wildcardPattern } from "../model/address";
import { portRange } from "../model/ports";
import { EgressModel, Endpoint } from "../model/types";
import { Sources } from "../targets/sources";
import { Family, ipFamily, usableAddresses } from "../model/ip";

/** What the client sends first: a TLS ClientHello (with the SNI), an HTTP request (with the Host), or raw bytes. */
export type FlowApp = "tls" | "http" | "raw";

export interface Flow {
  readonly protocol: "tcp" | "udp";
  readonly port: number;
  readonly app: FlowApp;
  /** The name the client asks for (SNI, Host, or the DNS name it resolved), when it connects to a name. */
  readonly host?: string;
  /** The destination address; for a name, an address outside every listed prefix (it can't be known). */
  readonly destination: string;
  readonly source: string;
  readonly family: Family;
}

/** A flow for reports: `tcp/443 manage.microsoft.com from 10.0.0.1`. */
export function describeFlow(flow: Flow): string {
  return `${flow.protocol}/${flow.port} ${flow.host ?? flow.destination} from ${flow.source}`;
}

/** Addresses that stand for "a name's address", outside every listed prefix (documentation ranges). */
export const UNKNOWN_ADDRESS: Readonly<Record<Family, string>> = { 4: "203.0.113.10", 6: "2001:db8:ffff::10" };

export interface EndpointSample {
  readonly endpoint: Endpoint;
  /** The flows the model allows, from each source family present. */
  readonly flows: readonly Flow[];
  /** Flows whose family no source has: not applicable. */
  readonly notApplicable: readonly Flow[];
  /** Flows just beyond the endpoint (a wildcard's apex, a name deeper than a one-label `*`): allowed means widened. */
  readonly beyond: readonly Flow[];
}

export interface Probe {
  readonly label: string;
  readonly flow: Flow;
}

export interface VerificationSet {
  readonly endpoints: readonly EndpointSample[];
  readonly probes: readonly Probe[];
}

/** The source address of each family present: the first usable address of the first prefix. */
export function sourceAddressByFamily(sources: Sources): Partial<Record<Family, string>> {
  const out: Partial<Record<Family, string>> = {};
  if (sources.v4[0]) out[4] = usableAddresses(sources.v4[0])[0];
  if (sources.v6[0]) out[6] = usableAddresses(sources.v6[0])[0];
  return out;
}

function portSamples(spec: string): number[] {
  const { from, to } = portRange(spec);
  return to === from ? [from] : [from, to];
}

function appFor(protocol: "tcp" | "udp", port: number, toName: boolean): FlowApp {
  if (protocol === "udp" || !toName) return "raw";
  return port === 80 ? "http" : "tls";
}

/** Sample names for a name endpoint: the name itself, or two names a wildcard matches, and names just beyond it. */
export function sampleNames(endpoint: Pick<Endpoint, "address" | "form">): { inside: string[]; beyond: string[] } {
  if (endpoint.form === "fqdn") return { inside: [endpoint.address], beyond: [] };
  const { head, tail } = wildcardPattern({ value: endpoint.address, form: endpoint.form });
  switch (endpoint.form) {
    case "subdomains":
      return { inside: [`sample${tail}`, `deeper.sample${tail}`], beyond: [tail.slice(1)] };
    case "prefix":
      return { inside: [`sample${tail}`, tail.replace(/^\./, "")], beyond: [`deeper.sample${tail}`] };
    default:
      return { inside: [`${head}sample${tail}`], beyond: [`${head}deeper.sample${tail}`] };
  }
}

function flowsTo(
  destination: { host?: string; address?: string },
  protocol: "tcp" | "udp",
  ports: readonly string[],
  families: readonly Family[],
  sources: Partial<Record<Family, string>>,
): Flow[] {
  const out: Flow[] = [];
  for (const family of families) {
    for (const spec of ports) {
      for (const port of portSamples(spec)) {
        out.push({
          protocol,
          port,
          app: appFor(protocol, port, destination.host !== undefined),
          ...(destination.host !== undefined ? { host: destination.host } : {}),
          destination: destination.address ?? UNKNOWN_ADDRESS[family],
          source: sources[family] ?? (family === 4 ? "0.0.0.0" : "::"),
          family,
        });
      }
    }
  }
  return out;
}

function endpointSample(endpoint: Endpoint, sources: Partial<Record<Family, string>>): EndpointSample {
  const present = ([4, 6] as const).filter((f) => sources[f] !== undefined);
  const both = (destination: { host?: string; address?: string }, families: readonly Family[]) => [
    ...flowsTo(destination, "tcp", endpoint.tcpPorts, families, sources),
    ...flowsTo(destination, "udp", endpoint.udpPorts, families, sources),
  ];
  if (endpoint.form === "cidr4" || endpoint.form === "cidr6") {
    const family: Family = endpoint.form === "cidr4" ? 4 : 6;
    const flows = usableAddresses(endpoint.address).flatMap((address) => both({ address }, [family]));
    return present.includes(family)
      ? { endpoint, flows, notApplicable: [], beyond: [] }
      : { endpoint, flows: [], notApplicable: flows, beyond: [] };
  }
  const { inside, beyond } = sampleNames(endpoint);
  return {
    endpoint,
    flows: inside.flatMap((host) => both({ host }, present)),
    notApplicable: [],
    beyond: beyond.flatMap((host) => both({ host }, present)),
  };
}

/** Whether a model endpoint covers a name (to keep probes that the model itself allows out of the probe list). */
function modelCovers(model: EgressModel, host: string): boolean {
  return model.endpoints.some((e) => nameMatches({ value: e.address, form: e.form }, host));
}

/** The fixed probes: look-alike names, unlisted apexes and names, documentation IPs, wrong ports, raw TCP and UDP. */
function probes(model: EgressModel, sources: Partial<Record<Family, string>>): Probe[] {
  const names = model.endpoints.filter((e) => e.form === "fqdn").map((e) => e.address);
  const anchor = names.find((n) => n.startsWith("manage.")) ?? names[0];
  const out: Probe[] = [];
  const add = (
    label: string,
    destination: { host?: string; address?: string },
    protocol: "tcp" | "udp",
    port: number,
  ) => {
    if (destination.host !== undefined && modelCovers(model, destination.host)) return;
    const family = destination.address !== undefined ? ipFamily(destination.address) : undefined;
    const families = family !== undefined ? [family] : ([4, 6] as const);
    for (const flow of flowsTo(
      destination,
      protocol,
      [String(port)],
      families.filter((f) => sources[f]),
      sources,
    ))
      out.push({ label, flow });
  };
  if (anchor !== undefined) {
    add("look-alike: listed name under an unlisted suffix", { host: `${anchor}.example.net` }, "tcp", 443);
    add("look-alike: listed name with a prefix", { host: `x${anchor}` }, "tcp", 443);
    add(
      "look-alike: listed label under an unlisted parent",
      { host: `${anchor.split(".")[0]}.example.org` },
      "tcp",
      443,
    );
    add("wrong port on a listed name", { host: anchor }, "tcp", 8443);
  }
  for (const e of model.endpoints.filter((x) => x.form === "subdomains"))
    add(`apex of ${e.address}, not itself listed`, { host: e.address.slice(2) }, "tcp", 443);
  add("unlisted name", { host: "www.example.com" }, "tcp", 443);
  add("unlisted name over HTTP", { host: "www.example.com" }, "tcp", 80);
  for (const address of ["192.0.2.1", "198.51.100.1", "2001:db8::1"])
    add("documentation address", { address }, "tcp", 443);
  for (const address of ["192.0.2.1", "2001:db8::1"]) {
    add("raw TCP 22", { address }, "tcp", 22);
    add("raw UDP 53", { address }, "udp", 53);
    add("raw UDP 443", { address }, "udp", 443);
  }
  return out;
}

/**
 * A user's flow, `PROTO:PORT:HOST_OR_IP` (`tcp:443:www.example.com`, `udp:53:8.8.8.8`), from each source family
 * that can carry it.
 */
export function parseUserFlow(text: string, sources: Partial<Record<Family, string>>): Probe[] {
  const match = /^(tcp|udp):(\d{1,5}):(.+)$/i.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match || !(port >= 1 && port <= 65535))
    throw new ConfigurationError(
      `--flow ${JSON.stringify(text)} is not PROTO:PORT:HOST_OR_IP (e.g. tcp:443:www.example.com or udp:53:192.0.2.1).`,
    );
  const protocol = (match[1] as string).toLowerCase() as "tcp" | "udp";
  const target = match[3] as string;
  const family = ipFamily(target);
  let destination: { host?: string; address?: string };
  if (family !== undefined) destination = { address: target };
  else {
    const parsed = (() => {
      try {
        return parseAddress(target);
      } catch {
        return undefined;
      }
    })();
    if (parsed?.form !== "fqdn")
      throw new ConfigurationError(
        `--flow ${JSON.stringify(text)}: ${JSON.stringify(target)} is not a host name or an IP address.`,
      );
    destination = { host: parsed.value };
  }
  const families = (family !== undefined ? [family] : ([4, 6] as const)).filter((f) => sources[f] !== undefined);
  if (families.length === 0)
    throw new ConfigurationError(
      `--flow ${JSON.stringify(text)}: no source address is IPv${family}, so no flow can carry it.`,
    );
  return flowsTo(destination, protocol, [String(port)], families, sources).map((flow) => ({
    label: `your flow ${text}`,
    flow,
  }));
}

/** The verification set of a model for the given sources, with the user's flows added to the probes. */
export function verificationSet(
  model: EgressModel,
  sources: Sources,
  userFlows: readonly string[] = [],
): VerificationSet {
  const bySource = sourceAddressByFamily(sources);
  return {
    endpoints: model.endpoints.map((e) => endpointSample(e, bySource)),
    probes: [...probes(model, bySource), ...userFlows.flatMap((f) => parseUserFlow(f, bySource))],
  };
}
