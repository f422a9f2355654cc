import * as fs from "fs";
import * as path from "path";
import { CATALOG, FEATURES, INTUNE_COMMON_DEPENDENCIES, SERVICE_SET_FEATURES } from "../../sdk/catalog/catalog";
import { parseAddress } from "../../sdk/model/address";
import { parsePortList } from "../../sdk/model/ports";
import { KNOWN_FEATURES } from "../../sdk/resolve";

const DOC = fs.readFileSync(
  path.resolve(__dirname, "../fixtures/reference/intune-endpoints-doc-2026-03-24.md"),
  "utf8",
);

function consolidated(): { names: string[]; prefixes: string[] } {
  const section = DOC.split("## Consolidated list (as published on the page)")[1] ?? "";
  const fqdnBlock = section.split("FQDNs:")[1]?.split("IP subnets")[0] ?? "";
  const ipBlock = section.split("IP subnets (IPv4, then Azure Front Door IPv4 and IPv6):")[1]?.split("Note:")[0] ?? "";
  return {
    names: fqdnBlock.split(/[,\s]+/).filter((s) => s.includes(".")),
    prefixes: ipBlock.split(/\s+/).filter((s) => s.includes("/")),
  };
}

const catalogValues = new Set(CATALOG.map((e) => parseAddress(e.address).value));

describe("the catalog is valid data", () => {
  test("every address parses like service data and every port list parses", () => {
    for (const entry of CATALOG) {
      expect(() => parseAddress(entry.address)).not.toThrow();
      expect(parsePortList(entry.tcpPorts ?? "").length + parsePortList(entry.udpPorts ?? "").length).toBeGreaterThan(
        0,
      );
    }
  });

  test("every entry names a known feature, a source with a date, and no (address, feature) pair twice", () => {
    const ids = FEATURES.map((f) => f.id);
    const pairs = new Set<string>();
    for (const entry of CATALOG) {
      expect(ids).toContain(entry.feature);
      expect(entry.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const key = `${parseAddress(entry.address).value} ${entry.feature}`;
      expect(pairs.has(key)).toBe(false);
      pairs.add(key);
    }
  });

  test("set ids map to known features, and catalog entries agree with the mapping", () => {
    for (const feature of Object.values(SERVICE_SET_FEATURES)) expect(KNOWN_FEATURES).toContain(feature);
    for (const entry of CATALOG.filter((e) => e.setId !== undefined)) {
      expect([entry.setId, SERVICE_SET_FEATURES[entry.setId ?? 0]]).toEqual([entry.setId, entry.feature]);
    }
    for (const id of INTUNE_COMMON_DEPENDENCIES) expect(SERVICE_SET_FEATURES[id]).toBe("authentication");
  });
});

describe("the catalog covers the Intune page", () => {
  test("every FQDN of the consolidated list", () => {
    const { names } = consolidated();
    expect(names.length).toBeGreaterThan(90);
    expect(names.filter((n) => !catalogValues.has(parseAddress(n).value))).toEqual([]);
  });

  test("every IP subnet of the consolidated list, and the three the set-163 table adds", () => {
    const { prefixes } = consolidated();
    expect(prefixes).toHaveLength(88);
    expect(prefixes.filter((p) => !catalogValues.has(parseAddress(p).value))).toEqual([]);
    for (const extra of ["172.208.170.0/25", "74.241.231.0/25", "74.242.184.128/25"])
      expect(catalogValues.has(extra)).toBe(true);
  });

  test("hosts only the set tables and sections carry", () => {
    for (const name of [
      "alcdn.msauth.net",
      "imeswda-afd-primary.manage.microsoft.com",
      "imeswdc-afd-hotfix.manage.microsoft.com",
      "macsidecareu.manage.microsoft.com",
      "intunemaape6.ncus.attest.azure.net",
      "swdin02-mscdn.manage.microsoft.com",
      "enterpriseenrollment.manage.microsoft.com",
      "has.spserv.microsoft.com",
      "cdn.storeedgefd.dsx.mp.microsoft.com",
      "remoteassistanceweb-gcc.usgov.communication.azure.us",
    ]) {
      expect([name, catalogValues.has(name)]).toEqual([name, true]);
    }
  });

  test("regional entries: three regions each for the IME CDNs, macOS CDNs and attestation", () => {
    const regional = CATALOG.filter((e) => e.regions);
    const count = (feature: string, region: string) =>
      regional.filter((e) => e.feature === feature && e.regions?.includes(region as "NA")).length;
    expect([count("win32-apps", "NA"), count("win32-apps", "EU"), count("win32-apps", "AP")]).toEqual([6, 6, 6]);
    expect([count("macos-apps", "NA"), count("macos-apps", "EU"), count("macos-apps", "AP")]).toEqual([2, 2, 2]);
    expect([
      count("device-attestation", "NA"),
      count("device-attestation", "EU"),
      count("device-attestation", "AP"),
    ]).toEqual([6, 6, 4]);
  });

  test("TLS inspection is flagged where the page says it is unsupported", () => {
    const flagged = new Set(
      CATALOG.filter((e) => e.tlsInspectionUnsupported).map((e) => parseAddress(e.address).value),
    );
    for (const name of [
      "*.manage.microsoft.com",
      "*.dm.microsoft.com",
      "intunemaape1.eus.attest.azure.net",
      "displaycatalog.mp.microsoft.com",
    ]) {
      expect([name, flagged.has(name)]).toEqual([name, true]);
    }
    expect(flagged.has("manage.microsoft.com")).toBe(false);
  });
});
