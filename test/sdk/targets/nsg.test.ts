import { NsgOptions, compileNsg } from "../../../sdk/targets";
import { endpoint, modelFromFixture, modelOf } from "../../helpers/models";
import { ConfigurationError } from "../../../sdk/errors";

const base: NsgOptions = { sourceAddresses: ["10.20.0.0/16"] };

const model = modelOf([
  endpoint("manage.microsoft.com", { tcpPorts: ["80", "443"] }),
  endpoint("*.manage.microsoft.com", { tcpPorts: ["80", "443"] }),
  endpoint("20.37.153.0/24", { tcpPorts: ["80", "443"] }),
  endpoint("20.37.152.0/24", { tcpPorts: ["80", "443"], features: ["authentication"] }),
  endpoint("20.37.153.128/25", { tcpPorts: ["80", "443"] }),
  endpoint("13.107.219.0/24", { tcpPorts: ["80", "443"], serviceTag: "AzureFrontDoor.MicrosoftSecurity" }),
  endpoint("198.51.100.0/24", { tcpPorts: ["7680"], udpPorts: ["3544"], features: ["delivery-optimization-peering"] }),
  endpoint("2620:1ec:4a::/47", { tcpPorts: ["80", "443"], serviceTag: "AzureFrontDoor.MicrosoftSecurity" }),
  endpoint("2603:1006:2000::/48", { tcpPorts: ["80", "443"], features: ["authentication"] }),
]);

describe("CIDRs only, aggregated and grouped by family, protocol and ports", () => {
  const compiled = compileNsg(model, { ...base, sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"] });

  test("exact rules", () => {
    expect(compiled.securityRules.map((r) => ({ ...r, priority: typeof r.priority }))).toEqual(
      expect.arrayContaining([
        {
          name: "intune-ipv4-tcp-80-443",
          description: "intune-egress: ipv4 TCP 80,443",
          priority: "number",
          direction: "Outbound",
          access: "Allow",
          protocol: "Tcp",
          sourcePortRange: "*",
          sourceAddressPrefixes: ["10.20.0.0/16"],
          destinationAddressPrefixes: ["13.107.219.0/24", "20.37.152.0/23"],
          destinationPortRanges: ["80", "443"],
        },
        {
          name: "intune-ipv6-tcp-80-443",
          description: "intune-egress: ipv6 TCP 80,443",
          priority: "number",
          direction: "Outbound",
          access: "Allow",
          protocol: "Tcp",
          sourcePortRange: "*",
          sourceAddressPrefixes: ["fd00:20::/48"],
          destinationAddressPrefixes: ["2603:1006:2000::/48", "2620:1ec:4a::/47"],
          destinationPortRanges: ["80", "443"],
        },
      ]),
    );
    expect(compiled.securityRules.map((r) => r.name).sort()).toEqual([
      "intune-ipv4-tcp-7680",
      "intune-ipv4-tcp-80-443",
      "intune-ipv4-udp-3544",
      "intune-ipv6-tcp-80-443",
    ]);
  });

  test("names are reported as not enforceable", () => {
    expect(compiled.coverage.notEnforced).toEqual([
      {
        address: "manage.microsoft.com",
        tcpPorts: ["80", "443"],
        udpPorts: [],
        reason: "an NSG matches IP prefixes only, not host names",
      },
      {
        address: "*.manage.microsoft.com",
        tcpPorts: ["80", "443"],
        udpPorts: [],
        reason: "an NSG matches IP prefixes only, not host names",
      },
    ]);
    expect(compiled.coverage.enforced.map((e) => e.address)).toEqual([
      "13.107.219.0/24",
      "20.37.152.0/24",
      "20.37.153.0/24",
      "20.37.153.128/25",
      "198.51.100.0/24",
      "2603:1006:2000::/48",
      "2620:1ec:4a::/47",
    ]);
  });

  test("priorities are unique and inside the range", () => {
    const priorities = compiled.securityRules.map((r) => r.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(priorities.every((p) => p >= 2000 && p <= 2999)).toBe(true);
  });
});

test("IPv6 endpoints without IPv6 sources are reported (an NSG rule cannot mix families)", () => {
  const compiled = compileNsg(model, base);
  expect(compiled.securityRules.map((r) => r.name)).not.toContain("intune-ipv6-tcp-80-443");
  expect(compiled.coverage.notEnforced.filter((n) => n.address.includes(":")).map((n) => n.reason)).toEqual([
    "no IPv6 source addresses were given, and an NSG rule cannot mix address families",
    "no IPv6 source addresses were given, and an NSG rule cannot mix address families",
  ]);
});

test("useServiceTags puts the Azure Front Door ranges behind the tag, one rule per source family, and says it is wider", () => {
  const compiled = compileNsg(model, {
    ...base,
    sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"],
    useServiceTags: true,
  });
  const tagRules = compiled.securityRules.filter(
    (r) => r.destinationAddressPrefix === "AzureFrontDoor.MicrosoftSecurity",
  );
  expect(tagRules.map((r) => [r.name, r.sourceAddressPrefixes, r.destinationPortRanges])).toEqual(
    expect.arrayContaining([
      ["intune-afd-ipv4-tcp-80-443", ["10.20.0.0/16"], ["80", "443"]],
      ["intune-afd-ipv6-tcp-80-443", ["fd00:20::/48"], ["80", "443"]],
    ]),
  );
  expect(tagRules).toHaveLength(2);
  expect(compiled.securityRules.find((r) => r.name === "intune-ipv4-tcp-80-443")?.destinationAddressPrefixes).toEqual([
    "20.37.152.0/23",
  ]);
  expect(compiled.coverage.widened.map((w) => [w.address, w.as])).toEqual([
    ["13.107.219.0/24", "AzureFrontDoor.MicrosoftSecurity"],
    ["2620:1ec:4a::/47", "AzureFrontDoor.MicrosoftSecurity"],
  ]);
});

test("denyInternetOutbound goes last, at priorityEnd, per source family", () => {
  const compiled = compileNsg(model, {
    ...base,
    sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"],
    denyInternetOutbound: true,
    priorityStart: 300,
    priorityEnd: 400,
  });
  const last = compiled.securityRules.slice(-2);
  expect(last).toEqual([
    {
      name: "intune-deny-internet-outbound-ipv4",
      description: "intune-egress: deny the managed devices' other outbound Internet traffic",
      priority: 399,
      direction: "Outbound",
      access: "Deny",
      protocol: "*",
      sourcePortRange: "*",
      sourceAddressPrefixes: ["10.20.0.0/16"],
      destinationAddressPrefix: "Internet",
      destinationPortRange: "*",
    },
    expect.objectContaining({
      name: "intune-deny-internet-outbound-ipv6",
      priority: 400,
      sourceAddressPrefixes: ["fd00:20::/48"],
    }),
  ]);
  expect(
    compiled.securityRules.slice(0, -2).every((r) => r.access === "Allow" && r.priority >= 300 && r.priority < 399),
  ).toBe(true);
});

describe("stable priorities", () => {
  const before = compileNsg(model, base);
  const priorityOf = (c: typeof before, name: string) => c.securityRules.find((r) => r.name === name)?.priority;

  test("adding a prefix to an existing group keeps every priority", () => {
    const after = compileNsg(modelOf([...model.endpoints, endpoint("52.1.0.0/16", { tcpPorts: ["80", "443"] })]), base);
    expect(after.securityRules.map((r) => [r.name, r.priority])).toEqual(
      before.securityRules.map((r) => [r.name, r.priority]),
    );
  });

  test("a new port group gets its own priority without moving the others", () => {
    const after = compileNsg(
      modelOf([...model.endpoints, endpoint("52.1.0.0/16", { tcpPorts: [], udpPorts: ["123"] })]),
      base,
    );
    for (const rule of before.securityRules) expect(priorityOf(after, rule.name)).toBe(rule.priority);
    expect(after.securityRules.map((r) => r.name)).toContain("intune-ipv4-udp-123");
  });
});

describe("limits", () => {
  test("the Intune model: one IPv4 rule and a handful of prefixes, far fewer than one rule per set and port", () => {
    const compiled = compileNsg(modelFromFixture("worldwide-mem-2026-05-29.json"), base);
    expect(compiled.securityRules.map((r) => r.name)).toEqual(["intune-ipv4-tcp-80-443"]);
    expect(compiled.stats.destinationPrefixes).toBe(92);
  });

  test("more than 4,000 destination prefixes is an error", () => {
    const many = modelOf(
      Array.from({ length: 4001 }, (_, i) =>
        endpoint(`20.${Math.floor(i / 200)}.${i % 200}.0/25`, { tcpPorts: ["443"] }),
      ),
    );
    expect(() => compileNsg(many, base)).toThrow(
      new ConfigurationError(
        "nsg: 4001 destination prefixes exceed the NSG limit of 4000; turn on useServiceTags or narrow the features.",
      ),
    );
  });

  test.each<[number, number, string]>([
    [99, 200, "nsg.priorityStart must be an integer from 100 to 4096, got 99."],
    [300, 300, "nsg.priorityStart (300) must be below nsg.priorityEnd (300)."],
    [400, 300, "nsg.priorityStart (400) must be below nsg.priorityEnd (300)."],
    [4000, 4097, "nsg.priorityEnd must be an integer from 100 to 4096, got 4097."],
    [2000.5, 2999, "nsg.priorityStart must be an integer from 100 to 4096, got 2000.5."],
  ])("priority range %d-%d is refused", (priorityStart, priorityEnd, message) => {
    expect(() => compileNsg(model, { ...base, priorityStart, priorityEnd })).toThrow(message);
  });

  test("a range too small for the rules is refused", () => {
    expect(() => compileNsg(model, { ...base, priorityStart: 100, priorityEnd: 101 })).toThrow(
      "3 rules need more than the 2 priorities between 100 and 101.",
    );
  });
});
