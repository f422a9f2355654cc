import {
  AwsNetworkFirewallOptions,
  AwsRuleGroup,
  compileAwsNetworkFirewall,
  domainListCapacity,
} from "../../../sdk/targets";
import { endpoint, modelFromFixture, modelOf } from "../../helpers/models";
import { ConfigurationError } from "../../../sdk/errors";

const base: AwsNetworkFirewallOptions = { sourceAddresses: ["10.20.0.0/16"] };

function rulesOf(group: AwsRuleGroup | undefined): string[] {
  const source = group?.ruleGroup.rulesSource;
  if (!source || !("rulesString" in source)) throw new Error("not a rules string");
  return source.rulesString.trimEnd().split("\n");
}

/** A rule without its sid, to compare text. */
const withoutSid = (rule: string) => rule.replace(/ sid:\d+; rev:1;\)$/, "");

describe("Suricata rules with exact semantics", () => {
  const model = modelOf([
    endpoint("manage.microsoft.com", { tcpPorts: ["80", "443"] }),
    endpoint("*.manage.microsoft.com", { tcpPorts: ["443"] }),
    endpoint("*cdn.onenote.net", { tcpPorts: ["443"] }),
    endpoint("autodiscover.*.onmicrosoft.com", { tcpPorts: ["443"] }),
    endpoint("*.push.apple.com", { tcpPorts: ["443", "5223"], features: ["apple"] }),
    endpoint("time.windows.com", { tcpPorts: [], udpPorts: ["123"], features: ["autopilot"] }),
    endpoint("13.107.228.0/24", { tcpPorts: ["80", "443"] }),
    endpoint("13.107.229.0/24", { tcpPorts: ["80", "443"] }),
    endpoint("198.51.100.0/24", {
      tcpPorts: ["7680"],
      udpPorts: ["3544"],
      features: ["delivery-optimization-peering"],
    }),
    endpoint("2620:1ec:4a::/47", { tcpPorts: ["80", "443"] }),
  ]);
  const dual: AwsNetworkFirewallOptions = { sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"] };
  const compiled = compileAwsNetworkFirewall(model, { ...dual, dropUnmatched: true });
  const rules = rulesOf(compiled.ruleGroups[0]);

  test("exact rule text, one rule per name and protocol and per aggregated prefix", () => {
    expect(rules.map(withoutSid)).toEqual([
      'pass http $HOME_NET any -> any 80 (msg:"intune-egress core manage.microsoft.com http"; flow:to_server, established; http.host; content:"manage.microsoft.com"; startswith; endswith;',
      'pass tls $HOME_NET any -> any 443 (msg:"intune-egress core manage.microsoft.com tls"; flow:to_server, established; tls.sni; content:"manage.microsoft.com"; startswith; endswith; nocase;',
      'pass tls $HOME_NET any -> any 443 (msg:"intune-egress core *.manage.microsoft.com tls"; flow:to_server, established; tls.sni; content:".manage.microsoft.com"; endswith; nocase;',
      'pass tls $HOME_NET any -> any 443 (msg:"intune-egress core autodiscover.*.onmicrosoft.com tls"; flow:to_server, established; tls.sni; content:"autodiscover."; startswith; nocase; content:".onmicrosoft.com"; distance:0; endswith; nocase; pcre:"/^autodiscover\\.[^.]*\\.onmicrosoft\\.com$/i";',
      'pass tls $HOME_NET any -> any 443 (msg:"intune-egress core *cdn.onenote.net tls"; flow:to_server, established; tls.sni; content:"cdn.onenote.net"; endswith; nocase; pcre:"/^[^.]*cdn\\.onenote\\.net$/i";',
      'pass tls $HOME_NET any -> any [443,5223] (msg:"intune-egress apple *.push.apple.com tls"; flow:to_server, established; tls.sni; content:".push.apple.com"; endswith; nocase;',
      'pass tcp $HOME_NET any -> 13.107.228.0/23 [80,443] (msg:"intune-egress core 13.107.228.0/23"; flow:to_server;',
      'pass tcp $HOME_NET any -> 2620:1ec:4a::/47 [80,443] (msg:"intune-egress core 2620:1ec:4a::/47"; flow:to_server;',
      'pass tcp $HOME_NET any -> 198.51.100.0/24 7680 (msg:"intune-egress delivery-optimization-peering 198.51.100.0/24"; flow:to_server;',
      'pass udp $HOME_NET any -> 198.51.100.0/24 3544 (msg:"intune-egress delivery-optimization-peering 198.51.100.0/24"; flow:to_server;',
      'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"intune-egress TLS to a name or port outside the allow list"; flow:to_server, established; ssl_state:client_hello;',
      'drop http $HOME_NET any -> $EXTERNAL_NET any (msg:"intune-egress HTTP to a host or port outside the allow list"; flow:to_server, established; http.request_line; content:" ";',
    ]);
  });

  test("every rule ends with a unique sid in the package's range and rev 1", () => {
    const sids = rules.map((r) => Number(/ sid:(\d+); rev:1;\)$/.exec(r)?.[1]));
    expect(sids.every((s) => s >= 1_000_000 && s < 2_000_000_000)).toBe(true);
    expect(new Set(sids).size).toBe(rules.length);
  });

  test("HOME_NET is the group's own variable, set to the sources; rule order and capacity", () => {
    expect(compiled.ruleGroups).toHaveLength(1);
    const group = compiled.ruleGroups[0];
    expect(group?.name).toBe("intune");
    expect(group?.type).toBe("STATEFUL");
    expect(group?.ruleGroup.ruleVariables).toEqual({
      ipSets: [{ key: "HOME_NET", ipSet: { definitions: ["10.20.0.0/16", "fd00:20::/48"] } }],
    });
    expect(group?.ruleGroup.statefulRuleOptions).toEqual({ ruleOrder: "STRICT_ORDER" });
    expect([group?.consumedCapacity, group?.capacity]).toEqual([12, 1000]);
  });

  test("an IPv6 prefix gets no rule when HOME_NET has no IPv6 source: no flow could use it", () => {
    const v4only = compileAwsNetworkFirewall(model, { ...base, dropUnmatched: true });
    expect(rulesOf(v4only.ruleGroups[0]).filter((r) => r.includes("2620:1ec:4a::/47"))).toEqual([]);
    expect(v4only.coverage.notEnforced.find((n) => n.address === "2620:1ec:4a::/47")).toEqual({
      address: "2620:1ec:4a::/47",
      tcpPorts: ["80", "443"],
      udpPorts: [],
      reason: "no IPv6 source addresses (HOME_NET) were given, so no flow to this IPv6 prefix exists",
    });
  });

  test("UDP to a name is reported; everything else is enforced", () => {
    expect(compiled.coverage.notEnforced).toEqual([
      {
        address: "time.windows.com",
        tcpPorts: [],
        udpPorts: ["123"],
        reason: "AWS Network Firewall matches names only in the TLS SNI or HTTP Host; UDP to a name carries neither",
      },
    ]);
    expect(compiled.coverage.enforced.find((e) => e.address === "manage.microsoft.com")).toEqual({
      address: "manage.microsoft.com",
      tcpPorts: ["80", "443"],
      udpPorts: [],
      rules: ["http.host manage.microsoft.com", "tls.sni manage.microsoft.com"],
    });
    expect(compiled.coverage.enforced.find((e) => e.address === "13.107.229.0/24")?.rules).toEqual([
      "tcp 13.107.228.0/23",
    ]);
    expect(compiled.coverage.widened).toEqual([]);
  });

  test("without dropUnmatched there are no drop rules", () => {
    const plain = rulesOf(compileAwsNetworkFirewall(model, dual).ruleGroups[0]);
    expect(plain.some((r) => r.startsWith("drop"))).toBe(false);
    expect(plain).toHaveLength(10);
  });

  test("an unchanged rule keeps its sid when another endpoint is added", () => {
    const more = compileAwsNetworkFirewall(modelOf([...model.endpoints, endpoint("new.manage.microsoft.com")]), {
      ...dual,
      dropUnmatched: true,
    });
    const after = rulesOf(more.ruleGroups[0]);
    for (const rule of rules) expect(after).toContain(rule);
    expect(after).toHaveLength(rules.length + 1);
  });
});

describe("capacity", () => {
  test.each<[number, number, number, number]>([
    // consumed, headroom, step, capacity
    [12, 1, 1000, 1000],
    [350, 1, 1000, 1000],
    [501, 1, 1000, 2000],
    [350, 0.5, 100, 600],
    [350, 0, 100, 400],
    [350, 0, 1, 350],
  ])("%i rules, headroom %p, step %i -> %i", (consumed, capacityHeadroom, capacityStep, capacity) => {
    const model = modelOf(Array.from({ length: consumed }, (_, i) => endpoint(`h${i}.example.com`)));
    const group = compileAwsNetworkFirewall(model, { ...base, capacityHeadroom, capacityStep }).ruleGroups[0];
    expect([group?.consumedCapacity, group?.capacity]).toEqual([consumed, capacity]);
  });

  test("a model too large for one group splits within 30,000 capacity (with headroom) and 2,000,000 bytes per group", () => {
    const model = modelOf(
      Array.from({ length: 20_000 }, (_, i) => endpoint(`host${i}.example.com`, { tcpPorts: ["80", "443"] })),
    );
    const compiled = compileAwsNetworkFirewall(model, base);
    expect(compiled.ruleGroups.map((g) => g.name)).toEqual(["intune", "intune-2", "intune-3", "intune-4", "intune-5"]);
    expect(compiled.ruleGroups.reduce((n, g) => n + g.consumedCapacity, 0)).toBe(40_000);
    for (const group of compiled.ruleGroups) {
      expect(group.consumedCapacity * 2).toBeLessThanOrEqual(group.capacity);
      expect(group.capacity).toBeLessThanOrEqual(30_000);
      expect(group.consumedCapacity).toBe(rulesOf(group).length);
      // Full groups stop at the byte limit: adding the next rule would pass 2,000,000 bytes.
      expect(Buffer.byteLength(rulesOf(group).join("\n") + "\n")).toBeLessThanOrEqual(2_000_000);
    }
    const full = compiled.ruleGroups[0];
    expect(Buffer.byteLength(rulesOf(full).join("\n") + "\n")).toBeGreaterThan(2_000_000 - 250);
  });

  test("the capacity limit splits when rules are short", () => {
    const model = modelOf(
      Array.from({ length: 40_000 }, (_, i) =>
        endpoint(`10.${Math.floor(i / 250)}.${i % 250}.1/32`, { tcpPorts: ["443"] }),
      ),
    );
    const compiled = compileAwsNetworkFirewall(model, { ...base, capacityHeadroom: 2 });
    expect(compiled.ruleGroups.map((g) => [g.consumedCapacity, g.capacity])).toEqual([
      [10000, 30000],
      [10000, 30000],
      [10000, 30000],
      [10000, 30000],
    ]);
  });

  test("options are checked", () => {
    const model = modelOf([endpoint("a.example.com")]);
    expect(() => compileAwsNetworkFirewall(model, { ...base, capacityHeadroom: -1 })).toThrow(ConfigurationError);
    expect(() => compileAwsNetworkFirewall(model, { ...base, capacityHeadroom: Number.NaN })).toThrow(
      "awsNetworkFirewall.capacityHeadroom must be a number from 0 to 10, got NaN.",
    );
    expect(() => compileAwsNetworkFirewall(model, { ...base, capacityStep: 0 })).toThrow(
      "awsNetworkFirewall.capacityStep must be an integer from 1 to 30000, got 0.",
    );
    expect(() => compileAwsNetworkFirewall(model, { ...base, ruleOrder: "FIRST" as "STRICT_ORDER" })).toThrow(
      'awsNetworkFirewall.ruleOrder must be one of STRICT_ORDER, DEFAULT_ACTION_ORDER, got "FIRST".',
    );
    expect(() => compileAwsNetworkFirewall(model, { ...base, namePrefix: "Bad Name" })).toThrow(
      "awsNetworkFirewall.namePrefix must be 1-40 characters of a-z, 0-9 and '-', starting with a letter or digit, got \"Bad Name\".",
    );
    expect(() => compileAwsNetworkFirewall(model, { sourceAddresses: ["10.0.0.0/8", "bad"] })).toThrow(
      'awsNetworkFirewall: source address "bad" is not an IPv4 or IPv6 address or CIDR.',
    );
  });
});

describe("format: domainList", () => {
  const model = modelOf([
    endpoint("manage.microsoft.com", { tcpPorts: ["80", "443"] }),
    endpoint("*.manage.microsoft.com", { tcpPorts: ["80", "443"] }),
    endpoint("enterpriseenrollment.manage.microsoft.com"),
    endpoint("login.live.com"),
    endpoint("*cdn.onenote.net"),
    endpoint("time.windows.com", { tcpPorts: [], udpPorts: ["123"], features: ["autopilot"] }),
    endpoint("13.107.219.0/24", { tcpPorts: ["80", "443"] }),
  ]);

  test("leading-dot domains cover their apex, so the exact apex and names below drop out; IPs get their own group", () => {
    const compiled = compileAwsNetworkFirewall(model, { ...base, format: "domainList" });
    expect(compiled.ruleGroups.map((g) => g.name)).toEqual(["intune-domains", "intune-ip"]);
    expect(compiled.ruleGroups[0]?.ruleGroup.rulesSource).toEqual({
      rulesSourceList: {
        generatedRulesType: "ALLOWLIST",
        targetTypes: ["HTTP_HOST", "TLS_SNI"],
        targets: [".manage.microsoft.com", "login.live.com"],
      },
    });
    expect([compiled.ruleGroups[0]?.consumedCapacity, compiled.ruleGroups[0]?.capacity]).toEqual([5, 1000]);
    expect(rulesOf(compiled.ruleGroups[1]).map(withoutSid)).toEqual([
      'pass tcp $HOME_NET any -> 13.107.219.0/24 [80,443] (msg:"intune-egress core 13.107.219.0/24"; flow:to_server;',
    ]);
  });

  test("the wider semantics are reported in coverage", () => {
    const compiled = compileAwsNetworkFirewall(model, { ...base, format: "domainList" });
    expect(compiled.coverage.widened).toEqual([
      { address: "login.live.com", as: "login.live.com on any port", reason: "domain lists do not restrict ports" },
      {
        address: "manage.microsoft.com",
        as: "manage.microsoft.com on any port",
        reason: "domain lists do not restrict ports",
      },
      {
        address: "*.manage.microsoft.com",
        as: ".manage.microsoft.com",
        reason: "a domain list's leading dot also matches the apex manage.microsoft.com",
      },
      {
        address: "*.manage.microsoft.com",
        as: ".manage.microsoft.com on any port",
        reason: "domain lists do not restrict ports",
      },
      {
        address: "enterpriseenrollment.manage.microsoft.com",
        as: "enterpriseenrollment.manage.microsoft.com on any port",
        reason: "domain lists do not restrict ports",
      },
    ]);
    expect(compiled.coverage.notEnforced).toEqual([
      {
        address: "time.windows.com",
        tcpPorts: [],
        udpPorts: ["123"],
        reason: "a domain list matches only TLS SNI and HTTP Host; UDP to a name carries neither",
      },
      {
        address: "*cdn.onenote.net",
        tcpPorts: ["443"],
        udpPorts: [],
        reason:
          "a domain list holds exact names and leading-dot domains only (wildcardPolicy: skip); the suricata format can express it",
      },
    ]);
    expect(compiled.warnings).toEqual(["AWS domain list: skipped 1 wildcard it cannot express: *cdn.onenote.net."]);
  });

  test("wildcardPolicy widen and reject", () => {
    const widened = compileAwsNetworkFirewall(model, { ...base, format: "domainList", wildcardPolicy: "widen" });
    const source = widened.ruleGroups[0]?.ruleGroup.rulesSource;
    expect(source && "rulesSourceList" in source ? source.rulesSourceList.targets : []).toEqual([
      ".manage.microsoft.com",
      ".onenote.net",
      "login.live.com",
    ]);
    expect(() => compileAwsNetworkFirewall(model, { ...base, format: "domainList", wildcardPolicy: "reject" })).toThrow(
      /cannot express \*cdn\.onenote\.net \(wildcardPolicy: reject\)/,
    );
  });

  test.each([
    [1, 2, 3],
    [2, 2, 5],
    [10, 2, 21],
    [1, 1, 1],
    [10, 1, 10],
    [0, 2, 0],
  ])("domain list capacity: %i domains, %i target types -> %i", (domains, types, capacity) => {
    expect(domainListCapacity(domains, types)).toBe(capacity);
  });
});

describe("security: nothing unvalidated reaches rule text", () => {
  test("an endpoint that bypassed validation is refused at rendering", () => {
    const evil = { ...endpoint("evil.example.com"), address: 'evil.com"; sid:1; pass ip any any -> any any (' };
    expect(() => compileAwsNetworkFirewall(modelOf([evil]), base)).toThrow(
      'refusing to render "intune-egress core evil.com\\"; sid:1; pass ip any any -> any any ( tls" into a Suricata msg',
    );
    const sneaky = { ...endpoint("evil.example.com"), address: "evil.com|00|" };
    expect(() => compileAwsNetworkFirewall(modelOf([sneaky]), base)).toThrow(
      'refusing to render "evil.com|00|" into a Suricata rule',
    );
  });
});

test("the recorded MEM model: every name and prefix compiled, capacity with headroom", () => {
  const model = modelFromFixture("worldwide-mem-2026-05-29.json");
  const compiled = compileAwsNetworkFirewall(model, { sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"] });
  expect(compiled.ruleGroups).toHaveLength(1);
  expect(compiled.coverage.notEnforced.map((n) => n.address)).toEqual(["time.windows.com"]);
  expect(compiled.ruleGroups[0]?.capacity).toBe(1000);
  expect(compiled.stats.rules).toBe(rulesOf(compiled.ruleGroups[0]).length);
});
