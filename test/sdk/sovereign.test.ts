/**
 * The sovereign clouds: for USGovGCCHigh, USGovDoD and China, the model built from the embedded snapshot (the
 * service's Common sets) and the sovereign catalog holds every address of its Microsoft page (read from the page
 * facts in test/fixtures/reference), no Worldwide-only name, and every decision of the catalog README; it compiles
 * and verifies for all three targets, and Suricata accepts its AWS rules.
 */
import * as fs from "fs";
import * as path from "path";
import { CATALOG } from "../../sdk/catalog/catalog";
import { embeddedSnapshot } from "../../sdk/catalog/snapshot";
import { parseAddress } from "../../sdk/model/address";
import { parseEndpointsResponse } from "../../sdk/model/parse";
import { EgressModel, Instance } from "../../sdk/model/types";
import { KNOWN_FEATURES, resolveModel } from "../../sdk/resolve";
import { ServiceData } from "../../sdk/service/source";
import { AwsRuleGroup } from "../../sdk/targets";
import { compileAndVerify } from "../../sdk/verify/targets";
import { readFixtureJson } from "../helpers/fakeService";
import { checkRules, describeWithSuricata } from "../helpers/suricata";

const PAGE = fs.readFileSync(path.resolve(__dirname, "../fixtures/reference/intune-sovereign-endpoints.md"), "utf8");
const US_SECTION = PAGE.split("## US government")[1]?.split("## China")[0] ?? "";
const CHINA_SECTION = PAGE.split("## China")[1]?.split("## Contradictions")[0] ?? "";

/** Every host name (in backticks) and every IP or prefix a page section names, canonical. */
function pageAddresses(section: string): { names: string[]; ips: string[] } {
  const names = [...section.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1] as string)
    // Host names: a dot, no path, no file name, and lower case (the service-tag name has capitals).
    .filter(
      (t) => t.includes(".") && !t.startsWith(".") && !t.includes("/") && !t.endsWith(".md") && t === t.toLowerCase(),
    )
    .map((t) => t.toLowerCase());
  const ips = [...section.matchAll(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:\/\d{1,2})?\b/g)].map(
    (m) => parseAddress(m[0].includes("/") ? m[0] : `${m[0]}/32`).value,
  );
  return { names: [...new Set(names)], ips: [...new Set(ips)] };
}

/** The decisions that keep a page's name out of the model, each recorded in sdk/catalog/README.md. */
const DECIDED_OUT: Record<string, string[]> = {
  China: ["graph.chinacloudapi.us", "*.ecs.gov.teams.microsoft.us"],
  US: [],
};

const SOVEREIGN: ReadonlyArray<[Instance, string, string]> = [
  ["USGovGCCHigh", "usgovgcchigh", "US"],
  ["USGovDoD", "usgovdod", "US"],
  ["China", "china", "China"],
];

function model(instance: Instance, features?: readonly string[]): { model: EgressModel; warnings: string[] } {
  const raw = embeddedSnapshot(instance, ["MEM"]);
  if (!raw) throw new Error(`no snapshot for ${instance}`);
  const data: ServiceData = {
    instance,
    serviceAreas: ["MEM"],
    version: null,
    source: "snapshot",
    sets: parseEndpointsResponse(raw.endpointSets),
    raw,
    warnings: [],
  };
  return resolveModel(data, features ? { features } : {});
}

/** Every feature the instance's page documents, so that opt-in ones (portals, EPM) are in too. */
const everything = (instance: Instance) =>
  KNOWN_FEATURES.filter((f) =>
    instance === "China"
      ? ["core", "authentication", "win32-apps", "macos-apps", "portals"].includes(f)
      : [
          "core",
          "authentication",
          "win32-apps",
          "diagnostics",
          "defender-security-settings",
          "endpoint-privilege-management",
          "device-attestation",
          "feature-deployment",
          "portals",
        ].includes(f),
  );

/** Names the Worldwide catalog and Worldwide service data hold. */
const WORLDWIDE_NAMES = new Set([
  ...CATALOG.map((e) => parseAddress(e.address).value),
  ...parseEndpointsResponse(readFixtureJson("worldwide-mem-2026-05-29.json"), ["MEM"]).flatMap((s) =>
    s.urls.map((u) => u.value),
  ),
]);

describe.each(SOVEREIGN)("%s", (instance, file, page) => {
  const section = page === "US" ? US_SECTION : CHINA_SECTION;
  const facts = pageAddresses(section);
  const full = model(instance, everything(instance)).model;
  const addresses = new Set(full.endpoints.map((e) => e.address));

  test("the page facts were read (a guard against an empty comparison)", () => {
    expect([facts.names.length, facts.ips.length]).toEqual(page === "US" ? [20, 24] : [16, 10]);
  });

  test("the model holds every address of its page, but for the recorded decisions", () => {
    const expected = [...facts.names, ...facts.ips].filter((a) => !(DECIDED_OUT[page] ?? []).includes(a));
    expect(expected.filter((a) => !addresses.has(a))).toEqual([]);
  });

  test("no Worldwide-only name: every Worldwide name in the model is one its page names", () => {
    const leaked = [...addresses].filter((a) => WORLDWIDE_NAMES.has(a) && !facts.names.includes(a));
    expect(leaked).toEqual([]);
    expect(addresses.has("*.manage.microsoft.com")).toBe(false);
    expect(addresses.has("login.microsoftonline.com")).toBe(false);
  });

  test("the embedded snapshot is the recorded response's Common sets (what ServiceAreas=MEM returns there)", () => {
    const recorded = readFixtureJson<Array<{ id: number; serviceArea: string }>>(`${file}-2026-02-22.json`);
    const raw = embeddedSnapshot(instance, ["MEM"]);
    expect((raw?.endpointSets as Array<{ id: number }>).map((s) => s.id)).toEqual(
      recorded.filter((s) => s.serviceArea === "Common").map((s) => s.id),
    );
    expect(raw).toMatchObject({ instance, version: null, recordedAt: "2026-02-22" });
  });

  test("asking for a feature the page does not document warns, names it, and adds nothing", () => {
    const asked = model(instance, ["core", "autopilot"]);
    const plain = model(instance, ["core"]);
    const pageName =
      page === "US" ? "the US government Intune endpoints page" : "the China (21Vianet) Intune endpoints page";
    expect(asked.warnings).toEqual([
      `${instance}: ${pageName} lists nothing for the feature autopilot, so it is left out: the Worldwide endpoints are not valid there by default.`,
    ]);
    expect(asked.model.hash).toBe(plain.model.hash);
  });

  test("compiles for all three targets within their limits, and verifies", () => {
    const defaults = model(instance).model;
    const { compiled, verification } = compileAndVerify(defaults, {
      sourceAddresses: ["10.20.0.0/16"],
      azureFirewall: { dnsProxyEnabled: true },
      nsg: { denyInternetOutbound: true, useServiceTags: true },
      awsNetworkFirewall: { dropUnmatched: true },
    });
    expect(Object.keys(compiled).sort()).toEqual(["awsNetworkFirewall", "azureFirewall", "nsg"]);
    expect(verification["aws-network-firewall"]?.summary.probes.allowed).toBe(0);
    expect(verification["azure-firewall"]?.summary.probes.allowed).toBe(0);
    expect(
      compiled.azureFirewall?.coverage.enforced.some((e) => e.address.endsWith(page === "US" ? ".us" : ".cn")),
    ).toBe(true);
  });
});

describe("the recorded decisions", () => {
  const us = model("USGovGCCHigh", everything("USGovGCCHigh")).model;
  const china = model("China", everything("China")).model;
  const find = (m: EgressModel, address: string) => m.endpoints.find((e) => e.address === address);

  test("China: graph.chinacloudapi.us is read as graph.chinacloudapi.cn; the US ECS name is left out", () => {
    expect(find(china, "graph.chinacloudapi.cn")?.features).toEqual(["authentication"]);
    expect(find(china, "graph.chinacloudapi.us")).toBeUndefined();
    expect(find(china, "*.ecs.gov.teams.microsoft.us")).toBeUndefined();
  });

  test("US: the Front Door ranges (from the US Government service-tag file) carry the tag Azure Government resolves", () => {
    expect(
      us.endpoints.filter((e) => e.serviceTag === "AzureFrontDoor.MicrosoftSecurity").map((e) => e.address),
    ).toEqual(["51.54.53.136/29", "51.54.114.160/29", "62.11.173.176/29"]);
  });

  test("single IPs are /32 hosts; storage account names (no domain on the pages) are not addresses", () => {
    expect(find(us, "52.227.99.114/32")?.tcpPorts).toEqual(["80", "443"]);
    expect(us.endpoints.some((e) => e.address.includes("sovereignprodimedata"))).toBe(false);
    expect(china.endpoints.some((e) => e.address.includes("macsidecarprodap"))).toBe(false);
  });

  test("the apexes the pages require for proxy access are their own entries", () => {
    expect(find(us, "manage.microsoft.us")?.features).toEqual(["core"]);
    expect(find(china, "manage.microsoft.com")?.features).toEqual(["core"]);
  });

  test("TLS inspection is flagged where the US page says it is unsupported", () => {
    expect(
      us.endpoints
        .filter((e) => e.tlsInspectionUnsupported)
        .map((e) => e.address)
        .sort(),
    ).toEqual(["*.dm.microsoft.us", "*.manage.microsoft.us", "has.spserv.microsoft.com"]);
  });

  test("the service's Common set the page depends on comes in (US set 13, China set 17); other Common sets do not", () => {
    const origins = (m: EgressModel) =>
      [
        ...new Set(m.endpoints.flatMap((e) => e.origins.flatMap((o) => (o.kind === "service" ? [o.setId] : [])))),
      ].sort();
    expect(origins(us)).toEqual([13]);
    expect(origins(china)).toEqual([17]);
    expect(find(us, "login.microsoftonline-p.com")).toBeUndefined();
  });
});

describeWithSuricata("the sovereign AWS rules", () => {
  test.each(SOVEREIGN)("%s: suricata -T accepts every rule", (instance) => {
    const { compiled } = compileAndVerify(model(instance, everything(instance)).model, {
      sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"],
      awsNetworkFirewall: { dropUnmatched: true },
    });
    const rules = (compiled.awsNetworkFirewall?.ruleGroups ?? [])
      .map((g: AwsRuleGroup) => ("rulesString" in g.ruleGroup.rulesSource ? g.ruleGroup.rulesSource.rulesString : ""))
      .join("");
    expect(rules.split("\n").length).toBeGreaterThan(20);
    expect(checkRules(rules)).toEqual({ ok: true, errors: [] });
  });
});
