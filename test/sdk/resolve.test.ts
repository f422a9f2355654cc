import { embeddedSnapshot } from "../../sdk/catalog/snapshot";
import { canonicalJson, modelHash } from "../../sdk/model/canonical";
import { parseEndpointsResponse } from "../../sdk/model/parse";
import { EgressModel, Endpoint, EndpointSet } from "../../sdk/model/types";
import { FilterOptions, resolveModel } from "../../sdk/resolve";
import { ServiceData } from "../../sdk/service/source";
import { readFixtureJson } from "../helpers/fakeService";
import { ConfigurationError } from "../../sdk/errors";

function serviceData(sets: EndpointSet[], extra: Partial<ServiceData> = {}): ServiceData {
  const raw = embeddedSnapshot("Worldwide", ["MEM"]);
  if (!raw) throw new Error("no snapshot");
  return {
    instance: "Worldwide",
    serviceAreas: ["MEM"],
    version: "2025073100",
    source: "live",
    sets,
    raw,
    warnings: [],
    ...extra,
  };
}

const memSets = parseEndpointsResponse(readFixtureJson("worldwide-mem-2025073100.json"), ["MEM"]);

function resolve(options: FilterOptions = {}, sets = memSets): { model: EgressModel; warnings: string[] } {
  return resolveModel(serviceData(sets), options);
}

function find(model: EgressModel, address: string): Endpoint | undefined {
  return model.endpoints.find((e) => e.address === address);
}

const addresses = (model: EgressModel) => model.endpoints.map((e) => e.address);

describe("merging the service data and the catalog", () => {
  const { model, warnings } = resolve();

  test("the core wildcard carries both origins, the catalog's TLS note and the set's category", () => {
    expect(find(model, "*.manage.microsoft.com")).toEqual({
      address: "*.manage.microsoft.com",
      form: "subdomains",
      type: "wildcard",
      tcpPorts: ["80", "443"],
      udpPorts: [],
      category: "Allow",
      required: true,
      features: ["core"],
      regions: ["NA", "EU", "AP"],
      tlsInspectionUnsupported: true,
      origins: [
        { kind: "service", setId: 163 },
        { kind: "catalog", feature: "core" },
      ],
    });
  });

  test("the apex is its own endpoint next to the wildcard", () => {
    expect(find(model, "manage.microsoft.com")).toMatchObject({ form: "fqdn", tcpPorts: ["80", "443"] });
    const i = addresses(model).indexOf("manage.microsoft.com");
    expect(addresses(model)[i + 1]).toBe("*.manage.microsoft.com");
  });

  test("*.dm.microsoft.com belongs to every feature that names it, with the union of their ports", () => {
    expect(find(model, "*.dm.microsoft.com")).toMatchObject({
      tcpPorts: ["80", "443"],
      features: ["core", "defender-security-settings"],
      origins: [
        { kind: "catalog", feature: "core" },
        { kind: "catalog", feature: "defender-security-settings" },
      ],
    });
  });

  test("Azure Front Door ranges carry their service tag; the catalog adds them to set 163's ranges", () => {
    expect(find(model, "13.107.219.0/24")).toMatchObject({
      serviceTag: "AzureFrontDoor.MicrosoftSecurity",
      origins: [{ kind: "catalog", feature: "core" }],
    });
    expect(find(model, "2620:1ec:4a::/47")).toMatchObject({
      type: "cidr6",
      serviceTag: "AzureFrontDoor.MicrosoftSecurity",
    });
    expect(find(model, "4.145.74.224/27")?.origins).toEqual([
      { kind: "service", setId: 163 },
      { kind: "catalog", feature: "core" },
    ]);
  });

  test("regional catalog knowledge applies to the service's copy of an address", () => {
    expect(find(model, "naprodimedatapri.azureedge.net")).toMatchObject({
      regions: ["NA"],
      origins: [
        { kind: "service", setId: 170 },
        { kind: "catalog", feature: "win32-apps" },
      ],
    });
    expect(find(model, "intunemaape10.weu.attest.azure.net")).toMatchObject({
      regions: ["EU"],
      tlsInspectionUnsupported: true,
    });
  });

  test("only the Common sets Intune names come in (56, 59, 97, 150); optional features stay out", () => {
    expect(find(model, "login.microsoftonline.com")?.origins).toEqual([
      { kind: "service", setId: 56 },
      { kind: "catalog", feature: "authentication" },
    ]);
    expect(find(model, "*.officeapps.live.com")).toBeUndefined(); // Common set 46
    expect(find(model, "*.microsoft.com")).toBeUndefined(); // Common sets 50 and 78
    expect(find(model, "*.push.apple.com")).toBeUndefined(); // apple is opt-in
    expect(find(model, "*.gov.teams.microsoft.us")).toBeUndefined(); // remote-help-gcc is opt-in
    expect(warnings).toEqual([]);
  });

  test("endpoints are in canonical order: names right to left, then IPv4, then IPv6", () => {
    const types = model.endpoints.map((e) => e.type);
    const firstV4 = types.indexOf("cidr4");
    const firstV6 = types.indexOf("cidr6");
    expect(types.slice(0, firstV4).every((t) => t === "fqdn" || t === "wildcard")).toBe(true);
    expect(types.slice(firstV4, firstV6).every((t) => t === "cidr4")).toBe(true);
    expect(types.slice(firstV6).every((t) => t === "cidr6")).toBe(true);
    const v4 = addresses(model).slice(firstV4, firstV6);
    expect(v4.slice(0, 3)).toEqual(["4.145.74.224/27", "4.150.254.64/27", "4.154.145.224/27"]);
  });
});

describe("duplicates", () => {
  const base = { serviceArea: "MEM", required: true, expressRoute: false, udpPorts: [] as string[], ips: [] };
  const sets: EndpointSet[] = [
    { ...base, id: 163, category: "Allow", tcpPorts: ["443"], urls: [{ value: "dup.example.com", form: "fqdn" }] },
    { ...base, id: 164, category: "Default", tcpPorts: ["80"], urls: [{ value: "dup.example.com", form: "fqdn" }] },
    { ...base, id: 170, category: "Optimize", tcpPorts: ["8080"], urls: [{ value: "opt.example.com", form: "fqdn" }] },
    { ...base, id: 171, category: "Default", tcpPorts: ["443"], urls: [{ value: "opt.example.com", form: "fqdn" }] },
  ];
  const { model } = resolve({}, sets);

  test("an address in several sets is one endpoint; the higher category wins (Allow > Default)", () => {
    expect(find(model, "dup.example.com")).toMatchObject({
      tcpPorts: ["80", "443"],
      category: "Allow",
      features: ["autopilot", "core"],
      origins: [
        { kind: "service", setId: 163 },
        { kind: "service", setId: 164 },
      ],
    });
  });

  test("Optimize > Default", () => {
    expect(find(model, "opt.example.com")).toMatchObject({ tcpPorts: ["443", "8080"], category: "Optimize" });
  });
});

describe("filters", () => {
  test("regions: EU keeps EU and global endpoints, drops NA and AP ones", () => {
    const { model } = resolve({ regions: ["EU"] });
    const names = addresses(model);
    expect(names).toEqual(
      expect.arrayContaining([
        "euprodimedatapri.azureedge.net",
        "imeswdb-afd-primary.manage.microsoft.com",
        "intunemaape7.neu.attest.azure.net",
        "macsidecareu.manage.microsoft.com",
        "go-eu.trouter.communications.svc.cloud.microsoft",
        "manage.microsoft.com",
      ]),
    );
    for (const gone of [
      "naprodimedatapri.azureedge.net",
      "approdimedatapri.azureedge.net",
      "intunemaape1.eus.attest.azure.net",
      "intunemaape13.jpe.attest.azure.net",
      "macsidecar.manage.microsoft.com",
      "go-amer.trouter.communications.svc.cloud.microsoft",
    ]) {
      expect(names).not.toContain(gone);
    }
    expect(model.endpoints.every((e) => e.regions.includes("EU"))).toBe(true);
  });

  test("features: core alone", () => {
    const { model } = resolve({ features: ["core"] });
    expect(model.endpoints.every((e) => e.features.length === 1 && e.features[0] === "core")).toBe(true);
    expect(model.endpoints.filter((e) => e.type === "fqdn" || e.type === "wildcard").map((e) => e.address)).toEqual([
      "*.dm.microsoft.com",
      "manage.microsoft.com",
      "*.manage.microsoft.com",
      "enterpriseenrollment.manage.microsoft.com",
    ]);
    expect(model.endpoints.filter((e) => e.type === "cidr4")).toHaveLength(88);
    expect(model.endpoints.filter((e) => e.type === "cidr6")).toHaveLength(3);
    // Alone, *.dm.microsoft.com has core's ports only.
    expect(find(model, "*.dm.microsoft.com")?.tcpPorts).toEqual(["80", "443"]);
  });

  test("features: a feature alone keeps only its own ports", () => {
    const { model } = resolve({ features: ["defender-security-settings"] });
    expect(model.endpoints).toEqual([
      expect.objectContaining({
        address: "*.dm.microsoft.com",
        tcpPorts: ["443"],
        features: ["defender-security-settings"],
      }),
    ]);
  });

  test("excludeFeatures removes a feature's endpoints unless another selected feature names them", () => {
    const { model } = resolve({ excludeFeatures: ["remote-help", "diagnostics"] });
    expect(find(model, "remotehelp.microsoft.com")).toBeUndefined();
    expect(find(model, "*.events.data.microsoft.com")).toBeUndefined();
    expect(find(model, "manage.microsoft.com")).toBeDefined();
  });

  test("opt-in features: apple brings APNs on 443 and 5223", () => {
    const { model } = resolve({ features: ["core", "apple"] });
    expect(find(model, "*.push.apple.com")).toMatchObject({
      tcpPorts: ["443", "5223"],
      required: false,
      features: ["apple"],
    });
    expect(find(model, "17.0.0.0/8")).toMatchObject({ type: "cidr4", tcpPorts: ["443", "5223"] });
  });

  test("delivery-optimization-peering needs peer ranges", () => {
    expect(() => resolve({ features: ["delivery-optimization-peering"] })).toThrow(/needs deliveryOptimizationPeers/);
    const { model } = resolve({
      features: ["delivery-optimization-peering"],
      deliveryOptimizationPeers: ["198.51.100.0/24"],
    });
    expect(model.endpoints).toEqual([
      expect.objectContaining({
        address: "198.51.100.0/24",
        tcpPorts: ["7680"],
        udpPorts: ["3544"],
        features: ["delivery-optimization-peering"],
      }),
    ]);
  });

  test("the peering ports set 172 once listed belong to the opt-in peering feature", () => {
    const april = parseEndpointsResponse(readFixtureJson("worldwide-mem-2025043000.json"), ["MEM"]);
    expect(april.find((s) => s.id === 172)?.tcpPorts).toEqual(["80", "443", "3544", "7680"]);
    expect(find(resolve({}, april).model, "*.emdl.ws.microsoft.com")).toMatchObject({
      tcpPorts: ["80", "443"],
      features: ["delivery-optimization"],
    });
    const peering = resolve(
      {
        features: ["delivery-optimization", "delivery-optimization-peering"],
        deliveryOptimizationPeers: ["198.51.100.0/24"],
      },
      april,
    ).model;
    expect(find(peering, "*.emdl.ws.microsoft.com")).toMatchObject({
      tcpPorts: ["80", "443", "3544", "7680"],
      features: ["delivery-optimization", "delivery-optimization-peering"],
    });
  });

  test("ipv6: false drops every IPv6 prefix", () => {
    const { model } = resolve({ ipv6: false });
    expect(model.endpoints.some((e) => e.type === "cidr6")).toBe(false);
    expect(model.endpoints.some((e) => e.type === "cidr4")).toBe(true);
  });

  test("categories and requiredOnly", () => {
    const allow = resolve({ categories: ["Allow"] }).model;
    expect(new Set(allow.endpoints.map((e) => e.category))).toEqual(new Set(["Allow"]));
    expect(find(allow, "manage.microsoft.com")).toBeDefined();
    const all = resolve().model;
    expect(find(all, "config.office.com")).toMatchObject({ required: false });
    const required = resolve({ requiredOnly: true }).model;
    expect(find(required, "config.office.com")).toBeUndefined();
    expect(required.endpoints.every((e) => e.required)).toBe(true);
  });

  test("includeMicrosoft365Common adds the other required Common sets under their own feature", () => {
    const { model } = resolve({ includeMicrosoft365Common: true });
    expect(find(model, "*.officeapps.live.com")).toMatchObject({
      features: ["microsoft-365-common"],
      origins: [{ kind: "service", setId: 46 }],
    });
    expect(find(model, "*.microsoft.com")).toBeUndefined(); // optional set: only when asked for by name
    const named = resolve({ includeMicrosoft365Common: true, features: ["core", "microsoft-365-common"] }).model;
    expect(find(named, "*.microsoft.com")).toBeDefined();
  });

  test("an unknown MEM set is kept under 'uncatalogued' with a warning", () => {
    const extra: EndpointSet = {
      id: 199,
      serviceArea: "MEM",
      category: "Default",
      required: true,
      expressRoute: false,
      tcpPorts: ["443"],
      udpPorts: [],
      urls: [{ value: "new.manage.example.com", form: "fqdn" }],
      ips: [],
    };
    const { model, warnings } = resolve({}, [...memSets, extra]);
    expect(find(model, "new.manage.example.com")).toMatchObject({ features: ["uncatalogued"] });
    expect(warnings).toEqual([
      'Endpoint set 199 (MEM) is not in the Intune catalog; it is kept under the feature "uncatalogued". Report it so the catalog can file it.',
    ]);
  });

  test.each<[FilterOptions, RegExp]>([
    [{ features: ["intune"] }, /^features: unknown feature intune\. Known features: core, authentication/],
    [{ excludeFeatures: ["core", "bogus"] }, /^excludeFeatures: unknown feature bogus\./],
    [{ regions: ["US" as "NA"] }, /^regions: unknown region US\. Regions are NA, EU, AP\.$/],
    [{ regions: [] }, /regions is empty/],
    [{ features: ["apple"], regions: ["EU"], ipv6: false, categories: ["Optimize"] }, /The filters leave no endpoints/],
  ])("bad filters fail clearly: %j", (options, message) => {
    expect(() => resolve(options)).toThrow(ConfigurationError);
    expect(() => resolve(options)).toThrow(message);
  });
});

describe("canonical form and hash", () => {
  test("the same data in another order gives byte-identical JSON and the same hash", () => {
    const shuffled = [...memSets]
      .reverse()
      .map((s) => ({ ...s, urls: [...s.urls].reverse(), ips: [...s.ips].reverse() }));
    const a = resolve().model;
    const b = resolve({}, shuffled).model;
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test("the hash covers instance and endpoints, not version or source", () => {
    const live = resolveModel(serviceData(memSets), {}).model;
    const cached = resolveModel(serviceData(memSets, { version: null, source: "snapshot" }), {}).model;
    expect(cached.hash).toBe(live.hash);
    expect(live.hash).toBe(modelHash("Worldwide", live.endpoints));
  });

  test("one changed port changes the hash", () => {
    const changed = memSets.map((s) => (s.id === 165 ? { ...s, udpPorts: ["123", "124"] } : s));
    expect(resolve({}, changed).model.hash).not.toBe(resolve().model.hash);
  });
});
