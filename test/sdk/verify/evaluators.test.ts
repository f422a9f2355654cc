/**
 * The Azure Firewall and NSG evaluators on Microsoft's documented examples: a wildcard does not match its apex,
 * network rules are processed before application rules, no match is a deny (Azure Firewall), first match by priority
 * then the default outbound rules (NSG). Each row is one flow and the exact decision.
 */
import {
  compileAzureFirewall,
  compileNsg,
  evaluateAzureFirewall,
  evaluateNsg,
  normalizeAzureFirewallOptions,
} from "../../../sdk/targets";
import { parseSources } from "../../../sdk/targets/sources";
import { Flow } from "../../../sdk/verify/flows";
import { endpoint, modelOf } from "../../helpers/models";

const SOURCES = ["10.20.0.0/16"];
const tls = (host: string, port = 443, source = "10.20.0.1"): Flow => ({
  protocol: "tcp",
  port,
  app: "tls",
  host,
  destination: "203.0.113.10",
  source,
  family: source.includes(":") ? 6 : 4,
});
const http = (host: string): Flow => ({ ...tls(host, 80), app: "http" });
const raw = (protocol: "tcp" | "udp", destination: string, port: number, host?: string): Flow => ({
  protocol,
  port,
  app: "raw",
  ...(host ? { host } : {}),
  destination,
  source: destination.includes(":") ? "fd00:20::1" : "10.20.0.1",
  family: destination.includes(":") ? 6 : 4,
});

describe("Azure Firewall", () => {
  const model = modelOf([
    endpoint("manage.microsoft.com", { tcpPorts: ["80", "443"] }),
    endpoint("*.dm.microsoft.com"),
    endpoint("*cdn.onenote.net"),
    endpoint("time.windows.com", { tcpPorts: [], udpPorts: ["123"] }),
    endpoint("13.107.219.0/24", { tcpPorts: ["443"] }),
  ]);
  const evaluate = (options: { dnsProxyEnabled?: boolean } = {}) => {
    const compiled = compileAzureFirewall(model, { sourceAddresses: SOURCES, ...options });
    return evaluateAzureFirewall(compiled, normalizeAzureFirewallOptions(options));
  };
  const deny = { allowed: false, by: "Azure Firewall default: deny (no rule matched)", ours: false };

  test.each<[string, Flow, object]>([
    [
      "HTTPS to a listed name",
      tls("manage.microsoft.com"),
      { allowed: true, by: "intune/intune-application/core-http-https", ours: true },
    ],
    [
      "HTTP to a listed name",
      http("manage.microsoft.com"),
      { allowed: true, by: "intune/intune-application/core-http-https", ours: true },
    ],
    [
      "a name below *.dm.microsoft.com",
      tls("a.b.dm.microsoft.com"),
      { allowed: true, by: "intune/intune-application/core-https", ours: true },
    ],
    ["the apex of *.dm.microsoft.com is not matched", tls("dm.microsoft.com"), deny],
    [
      "*cdn.onenote.net matches any name ending in it, deeper too",
      tls("x.ycdn.onenote.net"),
      { allowed: true, by: "intune/intune-application/core-https", ours: true },
    ],
    ["an unlisted name", tls("www.example.com"), deny],
    ["a look-alike suffix", tls("manage.microsoft.com.example.net"), deny],
    ["a listed name on another port", tls("manage.microsoft.com", 8443), deny],
    ["HTTPS from an unlisted source", tls("manage.microsoft.com", 443, "10.99.0.1"), deny],
    [
      "a listed prefix, by address (network rule, processed first)",
      raw("tcp", "13.107.219.10", 443),
      { allowed: true, by: "intune/intune-network/core-ipv4-tcp-443", ours: true },
    ],
    ["a listed prefix on another port", raw("tcp", "13.107.219.10", 22), deny],
    ["UDP 123 to a name without the DNS proxy", raw("udp", "203.0.113.10", 123, "time.windows.com"), deny],
  ])("%s", (_what, flow, decision) => {
    expect(evaluate()(flow)).toEqual(decision);
  });

  test("with the DNS proxy, a network rule names time.windows.com and allows UDP 123", () => {
    expect(evaluate({ dnsProxyEnabled: true })(raw("udp", "203.0.113.10", 123, "time.windows.com"))).toEqual({
      allowed: true,
      by: "intune/intune-network/core-fqdn-udp-123",
      ours: true,
    });
  });

  test("an IPv6 source never matches an application rule, and the reason says so", () => {
    const compiled = compileAzureFirewall(model, { sourceAddresses: [...SOURCES, "fd00:20::/48"] });
    const decision = evaluateAzureFirewall(
      compiled,
      normalizeAzureFirewallOptions({}),
    )(tls("manage.microsoft.com", 443, "fd00:20::1"));
    expect(decision).toEqual({
      ...deny,
      reason:
        "Azure Firewall application rules take no IPv6 sources (dual stack is preview), so names are reached over IPv4 only",
    });
  });
});

describe("NSG", () => {
  const model = modelOf([
    endpoint("manage.microsoft.com"),
    endpoint("13.107.219.0/24", { tcpPorts: ["443"] }),
    endpoint("2620:1ec:40::/48", { tcpPorts: ["443"] }),
  ]);
  const evaluate = (denyInternetOutbound: boolean, sources = SOURCES) => {
    const compiled = compileNsg(model, { sourceAddresses: sources, denyInternetOutbound });
    return evaluateNsg(compiled, { model, sources: parseSources(sources, "test") });
  };
  const internet = {
    allowed: true,
    by: "AllowInternetOutBound (65001)",
    ours: false,
    reason: "Azure's default rule lets every Internet destination out; set denyInternetOutbound to close it",
  };

  test.each<[string, boolean, Flow, object]>([
    [
      "a listed prefix, by our rule",
      false,
      raw("tcp", "13.107.219.10", 443),
      { allowed: true, by: "intune-ipv4-tcp-443 (2734)", ours: true },
    ],
    ["another port to it falls through to AllowInternetOutBound", false, raw("tcp", "13.107.219.10", 22), internet],
    [
      "a name: its address is outside every prefix, so the default decides",
      false,
      tls("manage.microsoft.com"),
      internet,
    ],
    [
      "with denyInternetOutbound, the name is denied",
      true,
      tls("manage.microsoft.com"),
      { allowed: false, by: "intune-deny-internet-outbound (2999)", ours: true },
    ],
    [
      "with denyInternetOutbound, a listed prefix is still allowed first",
      true,
      raw("tcp", "13.107.219.10", 443),
      { allowed: true, by: "intune-ipv4-tcp-443 (2080)", ours: true },
    ],
    [
      "a destination inside the VNet: AllowVnetOutBound",
      true,
      raw("tcp", "10.20.5.5", 22),
      { allowed: true, by: "AllowVnetOutBound (65000)", ours: false },
    ],
  ])("%s", (_what, deny, flow, decision) => {
    expect(evaluate(deny)(flow)).toEqual(decision);
  });

  test("a private destination outside the VNet is neither VirtualNetwork nor Internet: DenyAllOutBound", () => {
    expect(evaluate(false)(raw("tcp", "192.168.1.1", 22))).toEqual({
      allowed: false,
      by: "DenyAllOutBound (65500)",
      ours: false,
    });
  });
});
