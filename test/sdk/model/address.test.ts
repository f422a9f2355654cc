import { nameMatches, parseAddress, widenedWildcard, wildcardPattern } from "../../../sdk/model/address";
import { AddressError } from "../../../sdk/errors";

describe("parseAddress accepts every address form and canonicalises it", () => {
  test.each([
    ["manage.microsoft.com", "manage.microsoft.com", "fqdn"],
    ["EnterpriseEnrollment.manage.microsoft.com", "enterpriseenrollment.manage.microsoft.com", "fqdn"],
    [
      "AMSUA0101-RemoteAssistService-pubsub.webpubsub.azure.com",
      "amsua0101-remoteassistservice-pubsub.webpubsub.azure.com",
      "fqdn",
    ],
    ["time.windows.com", "time.windows.com", "fqdn"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example", "fqdn"],
    ["*.manage.microsoft.com", "*.manage.microsoft.com", "subdomains"],
    ["*.cloud.microsoft", "*.cloud.microsoft", "subdomains"],
    ["*cdn.onenote.net", "*cdn.onenote.net", "prefix"],
    ["*-admin.sharepoint.com", "*-admin.sharepoint.com", "prefix"],
    ["autodiscover.*.onmicrosoft.com", "autodiscover.*.onmicrosoft.com", "infix"],
    ["autodiscover.*.mail.onmicrosoft.us", "autodiscover.*.mail.onmicrosoft.us", "infix"],
    ["payloadprod*.blob.core.windows.net", "payloadprod*.blob.core.windows.net", "infix"],
    ["a*b.example.com", "a*b.example.com", "infix"],
    ["13.107.219.0/24", "13.107.219.0/24", "cidr4"],
    ["20.204.193.10/31", "20.204.193.10/31", "cidr4"],
    ["52.244.37.168/32", "52.244.37.168/32", "cidr4"],
    ["10.1.2.3/8", "10.0.0.0/8", "cidr4"],
    ["192.0.2.7", "192.0.2.7/32", "cidr4"],
    ["2620:1ec:4a::/47", "2620:1ec:4a::/47", "cidr6"],
    ["2603:1006:2000::/48", "2603:1006:2000::/48", "cidr6"],
    ["2A01:111:F100:2000:0:0:A83E:3019/128", "2a01:111:f100:2000::a83e:3019/128", "cidr6"],
    ["2620:1ec:4b::1/47", "2620:1ec:4a::/47", "cidr6"],
  ])("%s -> %s (%s)", (raw, value, form) => {
    expect(parseAddress(raw)).toEqual({ value, form });
  });
});

describe("parseAddress rejects everything else with the reason", () => {
  test.each([
    ['evil.com"; sid:1;', "a double quote"],
    ["evil.com; drop", "a semicolon"],
    ["evil .com", "a space"],
    ["evil.com;", "a semicolon"],
    ["it's.example.com", "a single quote"],
    ["https://manage.microsoft.com", "scheme"],
    ["manage.microsoft.com/path", "path"],
    ["manage.microsoft.com:443", "without a port"],
    ["manage microsoft.com", "a space"],
    ["line\nbreak.com", "control character U+000a"],
    ["", "empty"],
    ["localhost", "at least two labels"],
    ["a..b.com", "empty label"],
    [".example.com", "empty label"],
    ["example.com.", "ends with a dot"],
    ["-bad.example.com", "not a valid DNS label"],
    ["bad-.example.com", "not a valid DNS label"],
    ["under_score.example.com", 'the character "_"'],
    ["*", "at least two labels"],
    ["*.com", "at least two labels"],
    ["*.*.example.com", "more than one '*'"],
    ["a.b.*", "at least two labels"],
    ["example.123", "numeric"],
    ["010.0.0.0/8", "dotted-decimal"],
    ["256.1.1.1/32", "dotted-decimal"],
    ["10.0.0.0/33", "larger than 32"],
    ["10.0.0.0/08", "not a number"],
    ["0.0.0.0/0", "whole Internet"],
    ["2620:1ec::/129", "larger than 128"],
    ["2620:1ec:::/48", "not a valid IPv6"],
    ["::ffff:1.2.3.4/128", "IPv4-mapped"],
    ["fe80::1%eth0/64", 'the character "%"'],
    [`${"a".repeat(64)}.example.com`, "longer than 63"],
  ])("%j: %s", (raw, reason) => {
    let error: unknown;
    try {
      parseAddress(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AddressError);
    expect((error as AddressError).value).toBe(raw);
    expect((error as AddressError).reason).toContain(reason);
  });

  test.each([[null], [42], [{}], [["a.com"]]])("non-string %j", (raw) => {
    expect(() => parseAddress(raw)).toThrow(AddressError);
  });
});

describe("wildcard helpers", () => {
  test("pattern splits around the star", () => {
    expect(wildcardPattern(parseAddress("autodiscover.*.onmicrosoft.com"))).toEqual({
      head: "autodiscover.",
      tail: ".onmicrosoft.com",
    });
    expect(wildcardPattern(parseAddress("*.x.com"))).toEqual({ head: "", tail: ".x.com" });
    expect(wildcardPattern(parseAddress("*cdn.onenote.net"))).toEqual({ head: "", tail: "cdn.onenote.net" });
  });

  test.each([
    ["autodiscover.*.onmicrosoft.com", "*.onmicrosoft.com"],
    ["payloadprod*.blob.core.windows.net", "*.blob.core.windows.net"],
    ["*cdn.onenote.net", "*.onenote.net"],
  ])("widens %s to %s", (raw, widened) => {
    expect(widenedWildcard(parseAddress(raw))).toBe(widened);
  });

  test.each([
    ["manage.microsoft.com", "manage.microsoft.com", true],
    ["manage.microsoft.com", "MANAGE.microsoft.com", true],
    ["manage.microsoft.com", "a.manage.microsoft.com", false],
    ["*.manage.microsoft.com", "a.manage.microsoft.com", true],
    ["*.manage.microsoft.com", "a.b.manage.microsoft.com", true],
    ["*.manage.microsoft.com", "manage.microsoft.com", false],
    ["*.manage.microsoft.com", "evilmanage.microsoft.com", false],
    ["*cdn.onenote.net", "abccdn.onenote.net", true],
    ["*cdn.onenote.net", "cdn.onenote.net", true],
    ["*cdn.onenote.net", "a.bcdn.onenote.net", false],
    ["autodiscover.*.onmicrosoft.com", "autodiscover.contoso.onmicrosoft.com", true],
    ["autodiscover.*.onmicrosoft.com", "autodiscover.a.b.onmicrosoft.com", false],
    ["autodiscover.*.onmicrosoft.com", "autodiscover.onmicrosoft.com", false],
    ["autodiscover.*.onmicrosoft.com", "evil.contoso.onmicrosoft.com", false],
    ["payloadprod*.blob.core.windows.net", "payloadprod7.blob.core.windows.net", true],
    ["payloadprod*.blob.core.windows.net", "payloadprodx.y.blob.core.windows.net", false],
    ["payloadprod*.blob.core.windows.net", "evil.blob.core.windows.net", false],
  ])("%s matches %s: %s", (pattern, name, expected) => {
    expect(nameMatches(parseAddress(pattern), name)).toBe(expected);
  });
});
