import {
  AzureApplicationRule,
  AzureFirewallOptions,
  AzureNetworkRule,
  compileAzureFirewall,
} from "../../../sdk/targets";
import { endpoint, modelFromFixture, modelOf } from "../../helpers/models";
import { ConfigurationError } from "../../../sdk/errors";

const SOURCES = ["10.20.0.0/16"];
const base: AzureFirewallOptions = { sourceAddresses: SOURCES };

function rules(compiled: ReturnType<typeof compileAzureFirewall>) {
  return compiled.ruleCollectionGroups.flatMap((g) => g.ruleCollections.flatMap((c) => c.rules));
}

describe("names on TCP 80/443 become application rules", () => {
  const model = modelOf([
    endpoint("manage.microsoft.com", { tcpPorts: ["80", "443"] }),
    endpoint("*.manage.microsoft.com", { tcpPorts: ["80", "443"] }),
    endpoint("*.dm.microsoft.com", { tcpPorts: ["443"], features: ["defender-security-settings"] }),
    endpoint("*cdn.onenote.net", { tcpPorts: ["443"] }),
  ]);
  const compiled = compileAzureFirewall(model, base);

  test("exact group, collections and rules", () => {
    expect(compiled.ruleCollectionGroups).toEqual([
      {
        name: "intune",
        priority: 500,
        ruleCollections: [
          {
            ruleCollectionType: "FirewallPolicyFilterRuleCollection",
            name: "intune-application",
            priority: 200,
            action: { type: "Allow" },
            rules: [
              {
                ruleType: "ApplicationRule",
                name: "core-https",
                description: "intune-egress core",
                sourceAddresses: SOURCES,
                protocols: [{ protocolType: "Https", port: 443 }],
                targetFqdns: ["*cdn.onenote.net"],
              },
              {
                ruleType: "ApplicationRule",
                name: "core-http-https",
                description: "intune-egress core",
                sourceAddresses: SOURCES,
                protocols: [
                  { protocolType: "Http", port: 80 },
                  { protocolType: "Https", port: 443 },
                ],
                targetFqdns: ["manage.microsoft.com", "*.manage.microsoft.com"],
              },
              {
                ruleType: "ApplicationRule",
                name: "defender-security-settings-https",
                description: "intune-egress defender-security-settings",
                sourceAddresses: SOURCES,
                protocols: [{ protocolType: "Https", port: 443 }],
                targetFqdns: ["*.dm.microsoft.com"],
              },
            ],
          },
        ],
      },
    ]);
  });

  test("the apex stays its own target beside *.apex", () => {
    expect((rules(compiled).find((r) => r.name === "core-http-https") as AzureApplicationRule).targetFqdns).toEqual([
      "manage.microsoft.com",
      "*.manage.microsoft.com",
    ]);
  });

  test("coverage: all enforced; the prefix wildcard is reported as matching more", () => {
    expect(compiled.coverage.enforced.map((e) => [e.address, e.tcpPorts, e.rules])).toEqual([
      ["*.dm.microsoft.com", ["443"], ["defender-security-settings-https"]],
      ["manage.microsoft.com", ["80", "443"], ["core-http-https"]],
      ["*.manage.microsoft.com", ["80", "443"], ["core-http-https"]],
      ["*cdn.onenote.net", ["443"], ["core-https"]],
    ]);
    expect(compiled.coverage.widened).toEqual([
      {
        address: "*cdn.onenote.net",
        as: "*cdn.onenote.net",
        reason: "Azure matches any name that ends with the text after '*', including deeper subdomains",
      },
    ]);
    expect(compiled.coverage.notEnforced).toEqual([]);
  });
});

describe("ports other than 80/443 to names", () => {
  const model = modelOf([
    endpoint("time.windows.com", { tcpPorts: [], udpPorts: ["123"], features: ["autopilot"] }),
    endpoint("*.push.apple.com", { tcpPorts: ["443", "5223"], features: ["apple"] }),
  ]);

  test("without the DNS proxy they are reported, not compiled", () => {
    const compiled = compileAzureFirewall(model, base);
    expect(rules(compiled).map((r) => r.name)).toEqual(["apple-https"]);
    expect(compiled.coverage.notEnforced).toEqual([
      {
        address: "*.push.apple.com",
        tcpPorts: ["5223"],
        udpPorts: [],
        reason: "application rules carry only HTTP/HTTPS, and network rules take no wildcard FQDNs",
      },
      {
        address: "time.windows.com",
        tcpPorts: [],
        udpPorts: ["123"],
        reason:
          "application rules carry only HTTP/HTTPS; an FQDN network rule needs the firewall's DNS proxy (dnsProxyEnabled)",
      },
    ]);
  });

  test("with the DNS proxy an FQDN gets a network rule; a wildcard still cannot", () => {
    const compiled = compileAzureFirewall(model, { ...base, dnsProxyEnabled: true });
    const network = rules(compiled).find((r) => r.ruleType === "NetworkRule") as AzureNetworkRule;
    expect(network).toEqual({
      ruleType: "NetworkRule",
      name: "autopilot-fqdn-udp-123",
      description: "intune-egress autopilot",
      ipProtocols: ["UDP"],
      sourceAddresses: SOURCES,
      destinationFqdns: ["time.windows.com"],
      destinationPorts: ["123"],
    });
    expect(compiled.coverage.notEnforced.map((n) => n.address)).toEqual(["*.push.apple.com"]);
  });
});

describe("CIDRs become network rules", () => {
  const model = modelOf([
    endpoint("13.107.228.0/24", { tcpPorts: ["80", "443"] }),
    endpoint("13.107.229.0/24", { tcpPorts: ["80", "443"] }),
    endpoint("40.126.0.0/18", { tcpPorts: ["80", "443"], features: ["authentication"] }),
    endpoint("198.51.100.0/24", {
      tcpPorts: ["7680"],
      udpPorts: ["3544"],
      features: ["delivery-optimization-peering"],
    }),
    endpoint("2620:1ec:4a::/47", { tcpPorts: ["80", "443"] }),
  ]);

  test("aggregated per feature, protocol and ports; IPv6 left out by default", () => {
    const compiled = compileAzureFirewall(model, base);
    expect(rules(compiled)).toEqual([
      {
        ruleType: "NetworkRule",
        name: "core-ipv4-tcp-80-443",
        description: "intune-egress core",
        ipProtocols: ["TCP"],
        sourceAddresses: SOURCES,
        destinationAddresses: ["13.107.228.0/23"],
        destinationPorts: ["80", "443"],
      },
      {
        ruleType: "NetworkRule",
        name: "authentication-ipv4-tcp-80-443",
        description: "intune-egress authentication",
        ipProtocols: ["TCP"],
        sourceAddresses: SOURCES,
        destinationAddresses: ["40.126.0.0/18"],
        destinationPorts: ["80", "443"],
      },
      {
        ruleType: "NetworkRule",
        name: "delivery-optimization-peering-ipv4-tcp-7680",
        description: "intune-egress delivery-optimization-peering",
        ipProtocols: ["TCP"],
        sourceAddresses: SOURCES,
        destinationAddresses: ["198.51.100.0/24"],
        destinationPorts: ["7680"],
      },
      {
        ruleType: "NetworkRule",
        name: "delivery-optimization-peering-ipv4-udp-3544",
        description: "intune-egress delivery-optimization-peering",
        ipProtocols: ["UDP"],
        sourceAddresses: SOURCES,
        destinationAddresses: ["198.51.100.0/24"],
        destinationPorts: ["3544"],
      },
    ]);
    expect(compiled.coverage.notEnforced).toEqual([
      {
        address: "2620:1ec:4a::/47",
        tcpPorts: ["80", "443"],
        udpPorts: [],
        reason: "IPv6 is off for Azure Firewall (ipv6: false); dual-stack Azure Firewall is in preview",
      },
    ]);
  });

  test("ipv6: true adds IPv6 network rules, with the IPv6 sources", () => {
    const compiled = compileAzureFirewall(model, { sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"], ipv6: true });
    expect(rules(compiled).find((r) => r.name === "core-ipv6-tcp-80-443")).toEqual({
      ruleType: "NetworkRule",
      name: "core-ipv6-tcp-80-443",
      description: "intune-egress core",
      ipProtocols: ["TCP"],
      sourceAddresses: ["fd00:20::/48"],
      destinationAddresses: ["2620:1ec:4a::/47"],
      destinationPorts: ["80", "443"],
    });
    expect(rules(compiled).find((r) => r.name === "core-ipv4-tcp-80-443")?.sourceAddresses).toEqual(["10.20.0.0/16"]);
  });

  test("more than 20,000 source/destination pairs is an error, not a silent split", () => {
    const sources = Array.from({ length: 250 }, (_, i) => `10.${i}.0.0/16`);
    const big = modelOf(Array.from({ length: 90 }, (_, i) => endpoint(`20.${i}.0.0/24`, { tcpPorts: ["443"] })));
    expect(() => compileAzureFirewall(big, { sourceAddresses: sources })).toThrow(
      new ConfigurationError(
        "Azure Firewall: the network rules hold 22500 source/destination pairs, over the limit of 20000. Give fewer, larger source prefixes (sourceAddresses has 250).",
      ),
    );
  });
});

describe("mid-label wildcards follow wildcardPolicy", () => {
  const model = modelOf([
    endpoint("autodiscover.*.onmicrosoft.com", { tcpPorts: ["80", "443"] }),
    endpoint("payloadprod*.blob.core.windows.net"),
  ]);

  test("skip (the default) leaves them out and names them in a warning", () => {
    const compiled = compileAzureFirewall(model, base);
    expect(compiled.ruleCollectionGroups).toEqual([]);
    expect(compiled.warnings).toEqual([
      'Azure Firewall: skipped 2 mid-label wildcards it cannot match: autodiscover.*.onmicrosoft.com, payloadprod*.blob.core.windows.net. Set wildcardPolicy: "widen" to allow the parent domain instead.',
    ]);
    expect(compiled.coverage.notEnforced.map((n) => n.address)).toEqual([
      "autodiscover.*.onmicrosoft.com",
      "payloadprod*.blob.core.windows.net",
    ]);
  });

  test("widen allows the parent domain and reports it", () => {
    const compiled = compileAzureFirewall(model, { ...base, wildcardPolicy: "widen" });
    expect(rules(compiled).map((r) => [r.name, (r as AzureApplicationRule).targetFqdns])).toEqual([
      ["core-https", ["*.blob.core.windows.net"]],
      ["core-http-https", ["*.onmicrosoft.com"]],
    ]);
    expect(compiled.coverage.widened).toEqual([
      {
        address: "autodiscover.*.onmicrosoft.com",
        as: "*.onmicrosoft.com",
        reason: "wildcardPolicy: widen; Azure Firewall accepts '*' only as the left-most character",
      },
      {
        address: "payloadprod*.blob.core.windows.net",
        as: "*.blob.core.windows.net",
        reason: "wildcardPolicy: widen; Azure Firewall accepts '*' only as the left-most character",
      },
    ]);
  });

  test("reject is an error naming the wildcard and the choices", () => {
    expect(() => compileAzureFirewall(model, { ...base, wildcardPolicy: "reject" })).toThrow(
      /cannot match the mid-label wildcard autodiscover\.\*\.onmicrosoft\.com \(wildcardPolicy: reject\)/,
    );
  });
});

describe("limits and priorities", () => {
  const model = modelFromFixture("worldwide-mem-2026-05-29.json");

  test("the Intune model fits one group far below 2 MB", () => {
    const compiled = compileAzureFirewall(model, base);
    expect(compiled.ruleCollectionGroups.map((g) => [g.name, g.priority])).toEqual([["intune", 500]]);
    expect(compiled.stats.groupBytes[0]).toBeLessThan(100_000);
  });

  test("groups split to stay under the byte limit, measured on the serialized JSON, keeping every target once", () => {
    const whole = compileAzureFirewall(model, base);
    const split = compileAzureFirewall(model, { ...base, priority: 1000, maxGroupBytes: 2500 });
    expect(split.ruleCollectionGroups.length).toBeGreaterThan(3);
    split.ruleCollectionGroups.forEach((g, i) => {
      expect(Buffer.byteLength(JSON.stringify(g))).toBeLessThanOrEqual(2500);
      expect(g.name).toBe(i === 0 ? "intune" : `intune-${i + 1}`);
      expect(g.priority).toBe(1000 + i);
    });
    const targets = (c: typeof whole) =>
      rules(c)
        .flatMap((r) => (r.ruleType === "ApplicationRule" ? r.targetFqdns : (r.destinationAddresses ?? [])))
        .sort();
    expect(targets(split)).toEqual(targets(whole));
  });

  test.each([[99], [65001], [1.5]])("priority %p is refused", (priority) => {
    expect(() => compileAzureFirewall(model, { ...base, priority })).toThrow(
      /azureFirewall\.priority must be an integer from 100 to 65000/,
    );
  });

  test("sourceAddresses are required and validated", () => {
    expect(() => compileAzureFirewall(model, { sourceAddresses: [] })).toThrow(/sourceAddresses is required/);
    expect(() => compileAzureFirewall(model, { sourceAddresses: ["10.0.0.0/8", "everyone"] })).toThrow(
      'azureFirewall: source address "everyone" is not an IPv4 or IPv6 address or CIDR.',
    );
  });

  test.each([["*"], ["0.0.0.0/0"], ["::/0"], ["0.0.0.0/0", "10.0.0.0/8"]])(
    "%p as a source is refused unless allowAnySource says it is meant",
    (...sourceAddresses) => {
      const any = sourceAddresses.find((s) => s === "*" || s.endsWith("/0"));
      expect(() => compileAzureFirewall(model, { sourceAddresses })).toThrow(
        `azureFirewall: source address ${JSON.stringify(any)} is every address, so the rules would let any device out. Give the managed devices' CIDRs, or set allowAnySource: true (--allow-any-source) if that is really meant.`,
      );
      const allowed = compileAzureFirewall(model, { sourceAddresses, allowAnySource: true });
      const sources = allowed.ruleCollectionGroups.flatMap((g) =>
        g.ruleCollections.flatMap((c) => c.rules.flatMap((r) => r.sourceAddresses)),
      );
      // ::/0 alone leaves only IPv6 sources, which application rules and IPv4 prefixes can't use: no rules at all.
      expect(sources.some((s) => s === "0.0.0.0/0")).toBe(!sourceAddresses.every((s) => s === "::/0"));
    },
  );
});
