/**
 * `npm run bench`: compile times, rule and prefix counts against a naive translation, and churn between recorded
 * versions. It prints figures; it asserts nothing (the tests do).
 *
 * The recorded responses come from INTUNE_EGRESS_FIXTURES, else the repository's test/fixtures/endpoints; without them
 * (an installed package ships no fixtures) only the embedded snapshot is measured.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { embeddedSnapshot } from "../sdk/catalog/snapshot";
import { CompileOptions, compileAwsNetworkFirewall, compileAzureFirewall, compileNsg } from "../sdk/targets";
import { diffModels, diffRules } from "../sdk/diff";
import { compileTargets } from "../sdk/targets";
import { compileAndVerify } from "../sdk/verify/targets";
import { endpointType, parseAddress } from "../sdk/model/address";
import { buildModel } from "../sdk/model/canonical";
import { parseEndpointsResponse } from "../sdk/model/parse";
import { EgressModel, Endpoint, EndpointSet } from "../sdk/model/types";
import { FilterOptions, KNOWN_FEATURES, resolveModel } from "../sdk/resolve";
import { ServiceData } from "../sdk/service/source";

const FIXTURES = process.env.INTUNE_EGRESS_FIXTURES ?? path.resolve(__dirname, "../../test/fixtures/endpoints");
const SOURCES = ["10.20.0.0/16", "fd00:20::/48"];
const OPTIONS: CompileOptions = {
  sourceAddresses: SOURCES,
  azureFirewall: { dnsProxyEnabled: true, ipv6: true, wildcardPolicy: "widen" },
  nsg: { useServiceTags: false },
  awsNetworkFirewall: {},
};

function fixture(name: string): unknown | undefined {
  const file = path.join(FIXTURES, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "")) : undefined;
}

function serviceData(sets: EndpointSet[], areas: string[]): ServiceData {
  const raw = embeddedSnapshot("Worldwide", ["MEM"]);
  if (!raw) throw new Error("no embedded snapshot");
  return { instance: "Worldwide", serviceAreas: areas, version: null, source: "snapshot", sets, raw, warnings: [] };
}

function memModel(body: unknown, filters: FilterOptions = {}): EgressModel {
  return resolveModel(serviceData(parseEndpointsResponse(body, ["MEM"]), ["MEM"]), filters).model;
}

/** The full Worldwide model: the default response (every area but MEM) plus the MEM sets captured the same day. */
function fullModel(defaultBody: unknown, memBody: unknown): EgressModel {
  const mem = parseEndpointsResponse(memBody, ["MEM"]).filter((s) => s.serviceArea === "MEM");
  const rest = parseEndpointsResponse(defaultBody);
  const areas = ["MEM", "Exchange", "SharePoint", "Skype"];
  return resolveModel(serviceData([...rest, ...mem], areas), {
    includeMicrosoft365Common: true,
    features: [...KNOWN_FEATURES].filter((f) => f !== "delivery-optimization-peering"),
  }).model;
}

/** The model ten times over: every name under ten new labels, every prefix moved into ten other ranges. */
function scaled(model: EgressModel, factor: number): EgressModel {
  const out: Endpoint[] = [];
  for (let i = 0; i < factor; i++) {
    for (const e of model.endpoints) {
      let address = e.address;
      if (i > 0) {
        if (e.type === "cidr4") {
          const [ip = "", len] = e.address.split("/");
          const octets = ip.split(".");
          address = `${(Number(octets[0]) + i * 11) % 223 || 1}.${octets.slice(1).join(".")}/${len}`;
        } else if (e.type === "cidr6") {
          address = e.address.replace(
            /^([0-9a-f]+):/,
            (_m, head: string) => `${(parseInt(head, 16) + i).toString(16)}:`,
          );
        } else {
          const star = e.address.indexOf("*");
          address = star < 0 ? `r${i}.${e.address}` : e.address.replace(/(\.[a-z0-9-]+\.[a-z0-9-]+)$/, `.r${i}$1`);
        }
      }
      const parsed = parseAddress(address);
      out.push({ ...e, address: parsed.value, form: parsed.form, type: endpointType(parsed.form) });
    }
  }
  const unique = new Map(out.map((e) => [e.address, e]));
  return buildModel(model.instance, model.version, model.source, [...unique.values()]);
}

function time(fn: () => unknown, runs: number): number {
  fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

function row(cells: Array<string | number>, widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 10) : String(c).padStart(widths[i] ?? 10)))
    .join("  ");
}

function compileTimes(label: string, model: EgressModel): void {
  const runs = model.endpoints.length > 5000 ? 3 : 20;
  const az = time(() => compileAzureFirewall(model, { ...OPTIONS.azureFirewall, sourceAddresses: SOURCES }), runs);
  const nsg = time(() => compileNsg(model, { ...OPTIONS.nsg, sourceAddresses: SOURCES }), runs);
  const aws = time(
    () => compileAwsNetworkFirewall(model, { ...OPTIONS.awsNetworkFirewall, sourceAddresses: SOURCES }),
    runs,
  );
  console.log(row([label, model.endpoints.length, az.toFixed(2), nsg.toFixed(2), aws.toFixed(2)], [34, 9, 12, 9, 9]));
}

/** One rule per endpoint set (or catalog feature) per port, with the set's prefixes, as a hand translation would. */
function naive(model: EgressModel): { azureRules: number; nsgRules: number; nsgPrefixes: number; awsRules: number } {
  const byOriginPort = new Map<string, { names: number; prefixes: number }>();
  let awsRules = 0;
  for (const e of model.endpoints) {
    const ports = [...e.tcpPorts.map((p) => `tcp/${p}`), ...e.udpPorts.map((p) => `udp/${p}`)];
    awsRules += ports.length;
    for (const origin of e.origins) {
      const set = origin.kind === "service" ? `set ${origin.setId}` : `feature ${origin.feature}`;
      for (const port of ports) {
        const entry = byOriginPort.get(`${set} ${port}`) ?? { names: 0, prefixes: 0 };
        if (e.type === "cidr4" || e.type === "cidr6") entry.prefixes += 1;
        else entry.names += 1;
        byOriginPort.set(`${set} ${port}`, entry);
      }
    }
  }
  const entries = [...byOriginPort.values()];
  return {
    azureRules: entries.reduce((n, e) => n + (e.names > 0 ? 1 : 0) + (e.prefixes > 0 ? 1 : 0), 0),
    nsgRules: entries.filter((e) => e.prefixes > 0).length,
    nsgPrefixes: entries.reduce((n, e) => n + e.prefixes, 0),
    awsRules,
  };
}

function counts(label: string, model: EgressModel): void {
  const compiled = compileTargets(model, OPTIONS);
  const n = naive(model);
  const azureRules =
    (compiled.azureFirewall?.stats.applicationRules ?? 0) + (compiled.azureFirewall?.stats.networkRules ?? 0);
  console.log(`\n${label}: ${model.endpoints.length} endpoints`);
  const w = [22, 10, 10, 14, 14];
  console.log(row(["target", "rules", "naive", "prefixes", "naive prefixes"], w));
  console.log(
    row(
      [
        "Azure Firewall",
        azureRules,
        n.azureRules,
        compiled.azureFirewall?.stats.destinationAddresses ?? 0,
        n.nsgPrefixes,
      ],
      w,
    ),
  );
  console.log(
    row(
      ["NSG", compiled.nsg?.stats.rules ?? 0, n.nsgRules, compiled.nsg?.stats.destinationPrefixes ?? 0, n.nsgPrefixes],
      w,
    ),
  );
  console.log(row(["AWS Network Firewall", compiled.awsNetworkFirewall?.stats.rules ?? 0, n.awsRules, "-", "-"], w));
  console.log(
    `  AWS capacity ${compiled.awsNetworkFirewall?.stats.capacity} (consumed ${compiled.awsNetworkFirewall?.stats.consumedCapacity}), Azure group bytes ${compiled.azureFirewall?.stats.groupBytes.join(", ")}`,
  );
}

function churn(files: string[]): void {
  console.log("\nChurn between consecutive recorded MEM versions (all three targets)");
  const w = [58, 10, 10, 10, 10];
  console.log(row(["versions", "endpoints", "rules", "total", "AWS cap."], w));
  let previous: { file: string; model: EgressModel } | undefined;
  for (const file of files) {
    const body = fixture(file);
    if (!body) continue;
    const model = memModel(body);
    if (previous) {
      const d = diffModels(previous.model, model);
      const a = compileTargets(previous.model, OPTIONS);
      const b = compileTargets(model, OPTIONS);
      const r = diffRules(a, b);
      const changedRules = r.added.length + r.removed.length + r.changed.length;
      const total = r.unchanged + changedRules;
      const capacity = `${a.awsNetworkFirewall?.stats.capacity}->${b.awsNetworkFirewall?.stats.capacity}`;
      console.log(
        row(
          [
            `${previous.file} -> ${file}`,
            d.added.length + d.removed.length + d.changed.length,
            changedRules,
            total,
            capacity,
          ],
          w,
        ),
      );
    }
    previous = { file, model };
  }
}

/**
 * Verification against compile: `verify` for all three targets (compile, build the verification set, evaluate every
 * flow) next to compiling alone. The goal is under ten times the compile.
 */
function verifyTimes(label: string, model: EgressModel): void {
  const runs = 10;
  const compile = time(() => compileTargets(model, OPTIONS), runs);
  const verify = time(() => compileAndVerify(model, OPTIONS), runs);
  const { verification } = compileAndVerify(model, OPTIONS);
  const flows = Object.values(verification).reduce(
    (n, v) =>
      n +
      (v?.samples.reduce((m, s) => m + s.sample.flows.length + s.sample.beyond.length, 0) ?? 0) +
      (v?.probes.length ?? 0),
    0,
  );
  console.log(
    row(
      [label, model.endpoints.length, flows, compile.toFixed(1), verify.toFixed(1), (verify / compile).toFixed(1)],
      [34, 9, 9, 12, 12, 9],
    ),
  );
}

function main(): void {
  console.log(
    `intune-egress benchmark (Node ${process.version}); fixtures: ${fs.existsSync(FIXTURES) ? FIXTURES : "not found, embedded snapshot only"}\n`,
  );
  const snapshot = embeddedSnapshot("Worldwide", ["MEM"]);
  const mem = memModel(fixture("worldwide-mem-2026-05-29.json") ?? snapshot?.endpointSets);
  const defaultBody = fixture("worldwide-2026-05-29.json");
  const memBody = fixture("worldwide-mem-2026-05-29.json");
  const full = defaultBody && memBody ? fullModel(defaultBody, memBody) : undefined;

  console.log("Compile time per target, ms per compile (mean)");
  console.log(row(["model", "endpoints", "Azure FW", "NSG", "AWS NFW"], [34, 9, 12, 9, 9]));
  compileTimes("MEM (Intune default features)", mem);
  if (full) {
    compileTimes("full Worldwide (all service areas)", full);
    compileTimes("full Worldwide x10", scaled(full, 10));
  } else {
    compileTimes("MEM x10", scaled(mem, 10));
  }

  console.log("\nVerification: compile and evaluate all three targets, ms (mean); goal: ratio under 10");
  console.log(row(["model", "endpoints", "flows", "compile", "verify", "ratio"], [34, 9, 9, 12, 12, 9]));
  verifyTimes("MEM (Intune default features)", mem);
  if (full) verifyTimes("full Worldwide (all service areas)", full);

  counts("MEM (Intune default features)", mem);
  if (full) counts("Full Worldwide (all service areas)", full);

  churn([
    "worldwide-mem-2025-04-09.json",
    "worldwide-mem-2025043000.json",
    "worldwide-mem-2025053000.json",
    "worldwide-mem-2025063000.json",
    "worldwide-mem-2025073100.json",
    "worldwide-mem-2025082900.json",
    "worldwide-mem-2025-09-29.json",
    "worldwide-mem-2026-03-31.json",
    "worldwide-mem-2026-05-29.json",
  ]);
}

main();
