import * as fs from "fs";
import {
  parseChangesResponse,
  parseEndpointSet,
  parseEndpointsResponse,
  parseVersionResponse,
} from "../../../sdk/model/parse";
import { FIXTURES_DIR, readFixtureJson } from "../../helpers/fakeService";
import { ServiceDataError } from "../../../sdk/errors";

const validSet = {
  id: 163,
  serviceArea: "MEM",
  serviceAreaDisplayName: "Microsoft Endpoint Manager",
  category: "Allow",
  required: true,
  expressRoute: false,
  tcpPorts: "80,443",
  urls: ["*.manage.microsoft.com", "manage.microsoft.com"],
  ips: ["13.107.219.0/24"],
};

describe("parseEndpointsResponse on every recorded response", () => {
  const files = fs.readdirSync(FIXTURES_DIR).filter((f) => /^(worldwide|usgov|china)/.test(f));
  test.each(files)("%s parses and keeps every address", (file) => {
    const body = readFixtureJson<Array<{ urls?: string[]; ips?: string[] }>>(file);
    const sets = parseEndpointsResponse(body);
    expect(sets).toHaveLength(body.length);
    const rawCount = body.reduce((n, s) => n + (s.urls?.length ?? 0) + (s.ips?.length ?? 0), 0);
    expect(sets.reduce((n, s) => n + s.urls.length + s.ips.length, 0)).toBe(rawCount);
  });

  test("a MEM response holds the MEM sets and names their ports", () => {
    const sets = parseEndpointsResponse(readFixtureJson("worldwide-mem-2026-05-29.json"), ["MEM"]);
    const ntp = sets.find((s) => s.id === 165);
    expect(ntp).toMatchObject({
      serviceArea: "MEM",
      tcpPorts: [],
      udpPorts: ["123"],
      urls: [{ value: "time.windows.com", form: "fqdn" }],
    });
    expect(sets.filter((s) => s.serviceArea === "MEM").map((s) => s.id)).toEqual([
      163, 164, 165, 169, 170, 171, 173, 179, 181, 182, 186, 187, 188, 189, 192,
    ]);
  });
});

describe("parseEndpointSet validates every field", () => {
  test("a valid set", () => {
    expect(parseEndpointSet(validSet)).toEqual({
      id: 163,
      serviceArea: "MEM",
      serviceAreaDisplayName: "Microsoft Endpoint Manager",
      category: "Allow",
      required: true,
      expressRoute: false,
      tcpPorts: ["80", "443"],
      udpPorts: [],
      urls: [
        { value: "*.manage.microsoft.com", form: "subdomains" },
        { value: "manage.microsoft.com", form: "fqdn" },
      ],
      ips: [{ value: "13.107.219.0/24", form: "cidr4" }],
    });
  });

  test.each([
    [{ ...validSet, id: "163" }, 'endpoint set #1: id "163" is not a positive integer'],
    [{ ...validSet, id: 1.5 }, "endpoint set #1: id 1.5 is not a positive integer"],
    [{ ...validSet, id: -3 }, "endpoint set #1: id -3 is not a positive integer"],
    [{ ...validSet, category: "Block" }, 'endpoint set 163: category "Block" is not one of Default, Allow, Optimize'],
    [{ ...validSet, required: "yes" }, 'endpoint set 163: "required" must be true or false, got "yes"'],
    [{ ...validSet, serviceArea: "MEM; drop" }, 'endpoint set 163: serviceArea "MEM; drop" is not a service area name'],
    [{ ...validSet, urls: "manage.microsoft.com" }, 'endpoint set 163: "urls" is not an array'],
    [
      { ...validSet, urls: ['evil.com"; sid:1;'] },
      'endpoint set 163: url "evil.com\\"; sid:1;" rejected (it contains a double quote, which no host name or CIDR may contain)',
    ],
    [
      { ...validSet, urls: ["13.107.6.0/24"] },
      'endpoint set 163: url "13.107.6.0/24" rejected (the urls list may only hold host names)',
    ],
    [
      { ...validSet, ips: ["manage.microsoft.com"] },
      'endpoint set 163: ip "manage.microsoft.com" rejected (the ips list may only hold IP prefixes)',
    ],
    [
      { ...validSet, ips: ["10.0.0.0/33"] },
      'endpoint set 163: ip "10.0.0.0/33" rejected (the prefix length 33 is larger than 32)',
    ],
    [
      { ...validSet, tcpPorts: "80;443" },
      'endpoint set 163: tcpPorts "80;443" is not a valid port list: "80;443" is not a port number',
    ],
    [{ ...validSet, tcpPorts: undefined }, "endpoint set 163: it lists addresses but no TCP or UDP ports"],
    ["not an object", "endpoint set #1 is not an object"],
  ])("%j", (record, message) => {
    expect(() => parseEndpointSet(record)).toThrow(new ServiceDataError(message));
  });

  test("notes lose control characters", () => {
    expect(parseEndpointSet({ ...validSet, notes: "line\u001b[31mred\nnext" }).notes).toBe("line [31mred next");
  });
});

describe("parseEndpointsResponse rejects broken responses as a whole", () => {
  test.each([
    [[], "the endpoints response is an empty array"],
    [{}, "the endpoints response is not a JSON array (got an object)"],
    ["text", "the endpoints response is not a JSON array (got string)"],
    [[validSet, validSet], "endpoint set 163 appears twice in the response"],
  ])("%j", (body, message) => {
    expect(() => parseEndpointsResponse(body)).toThrow(new ServiceDataError(message));
  });

  test("a MEM request answered without MEM sets", () => {
    expect(() => parseEndpointsResponse(readFixtureJson("worldwide-2026-05-29.json"), ["MEM"])).toThrow(
      "the endpoints response holds no MEM endpoint set although MEM was requested",
    );
  });
});

describe("version and changes", () => {
  test("version record", () => {
    expect(parseVersionResponse({ instance: "Worldwide", latest: "2025073100" }, "Worldwide")).toEqual({
      instance: "Worldwide",
      latest: "2025073100",
    });
    expect(
      parseVersionResponse(
        [
          { instance: "China", latest: "2025073100" },
          { instance: "Worldwide", latest: "2025082900" },
        ],
        "Worldwide",
      ).latest,
    ).toBe("2025082900");
    expect(() => parseVersionResponse({ instance: "Worldwide", latest: "25073100" }, "Worldwide")).toThrow(
      '"latest" "25073100" is not a 10-digit version',
    );
    expect(() => parseVersionResponse({ instance: "China", latest: "2025073100" }, "Worldwide")).toThrow(
      'is for "China", not Worldwide',
    );
  });

  test("the recorded changes record", () => {
    expect(parseChangesResponse(readFixtureJson("changes-worldwide-excerpt-2020012800.json"))).toEqual([
      {
        id: 500,
        endpointSetId: 149,
        disposition: "add",
        version: "2020012800",
        impact: "AddedUrl",
        effectiveDate: "20191125",
        added: [
          { value: "workplaceanalytics.cdn.office.net", form: "fqdn" },
          { value: "workplaceanalytics.office.com", form: "fqdn" },
        ],
        removed: [],
        serviceArea: "Common",
      },
    ]);
  });

  test("a change that adds a malicious URL is refused", () => {
    const body = [
      { id: 1, endpointSetId: 163, disposition: "Change", version: "2025082900", add: { urls: ['x.com"; sid:1;'] } },
    ];
    expect(() => parseChangesResponse(body)).toThrow(
      'change record 1 (endpoint set 163): url "x.com\\"; sid:1;" rejected',
    );
  });
});
