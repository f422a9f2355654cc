/**
 * The AWS output, checked by a real Suricata 7 engine: `suricata -T` accepts every generated rules string, and
 * replaying generated pcaps proves what passes and what hits the drop rules. No traffic is sent.
 */
import { AwsNetworkFirewallOptions, AwsRuleGroup, compileAwsNetworkFirewall } from "../../../sdk/targets";
import { FlowSpec } from "../../helpers/pcap";
import { MEM_FIXTURES_IN_ORDER, endpoint, modelFromFixture, modelOf } from "../../helpers/models";
import { HOME_NET, Verdict, checkRules, describeWithSuricata, replay } from "../../helpers/suricata";

function rulesString(groups: readonly AwsRuleGroup[]): string {
  return groups
    .map((g) => ("rulesString" in g.ruleGroup.rulesSource ? g.ruleGroup.rulesSource.rulesString : ""))
    .join("");
}

const CLIENT = "10.0.0.5";
const SERVER = "52.96.0.10";
let nextPort = 40000;

function tls(label: string, sni: string, dstPort = 443, dst = SERVER): FlowSpec {
  return { label, kind: "tls", sni, src: CLIENT, dst, srcPort: nextPort++, dstPort };
}
function http(label: string, host: string, dstPort = 80): FlowSpec {
  return { label, kind: "http", host, src: CLIENT, dst: SERVER, srcPort: nextPort++, dstPort };
}
function syn(label: string, dst: string, dstPort: number): FlowSpec {
  return { label, kind: "syn", src: CLIENT, dst, srcPort: nextPort++, dstPort };
}
function udp(label: string, dst: string, dstPort: number): FlowSpec {
  return { label, kind: "udp", src: CLIENT, dst, srcPort: nextPort++, dstPort };
}

/** Labels that hit a drop rule ([wDrop] in fast.log), and labels that did not. */
function outcome(verdicts: Map<string, Verdict[]>): { dropped: string[]; passed: string[] } {
  const dropped = [...verdicts.entries()].filter(([, v]) => v.some((x) => x.action === "wDrop")).map(([l]) => l);
  const passed = [...verdicts.entries()].filter(([, v]) => !v.some((x) => x.action === "wDrop")).map(([l]) => l);
  return { dropped: dropped.sort(), passed: passed.sort() };
}

describeWithSuricata("AWS Network Firewall rules in Suricata", () => {
  describe("suricata -T accepts every generated rules string", () => {
    const combos: Array<[string, Partial<AwsNetworkFirewallOptions>, Parameters<typeof modelFromFixture>[1]]> = [
      ["defaults", {}, {}],
      ["drop rules, default action order", { dropUnmatched: true, ruleOrder: "DEFAULT_ACTION_ORDER" }, {}],
      [
        "every opt-in feature",
        { dropUnmatched: true },
        {
          features: [
            "core",
            "apple",
            "remote-help-gcc",
            "endpoint-privilege-management",
            "delivery-optimization",
            "delivery-optimization-peering",
          ],
          deliveryOptimizationPeers: ["198.51.100.0/24", "2001:db8::/48"],
        },
      ],
      [
        "all Microsoft 365 Common sets (prefix wildcards included)",
        { dropUnmatched: true },
        { includeMicrosoft365Common: true, features: ["core", "microsoft-365-common"] },
      ],
      ["domain list IP group", { format: "domainList" }, { regions: ["EU"] }],
    ];
    for (const { file } of MEM_FIXTURES_IN_ORDER) {
      test.each(combos)(`${file}: %s`, (_name, options, filters) => {
        const compiled = compileAwsNetworkFirewall(modelFromFixture(file, filters), {
          sourceAddresses: [HOME_NET],
          ...options,
        });
        const rules = rulesString(compiled.ruleGroups);
        expect(rules.length).toBeGreaterThan(0);
        expect(checkRules(rules)).toEqual({ ok: true, errors: [] });
      });
    }
  });

  test("suricata -T rejects a broken rule (the check can fail)", () => {
    const result = checkRules(
      'pass tls $HOME_NET any -> any 443 (msg:"x"; tls.sni; content:"a.com"; bogus_keyword; sid:1; rev:1;)\n',
    );
    expect(result.ok).toBe(false);
  });

  describe("replaying traffic through the Intune rules", () => {
    const model = modelFromFixture("worldwide-mem-2026-05-29.json", {
      features: ["core", "wns", "autopilot", "apple"],
    });
    const rules = rulesString(
      compileAwsNetworkFirewall(model, { sourceAddresses: [HOME_NET], dropUnmatched: true }).ruleGroups,
    );

    test("allowed names pass; unlisted names and wrong ports hit the drop rules", () => {
      const verdicts = replay(rules, [
        tls("apex manage.microsoft.com", "manage.microsoft.com"),
        tls("apex in capitals", "MANAGE.Microsoft.COM"),
        tls("subdomain of *.manage.microsoft.com", "fef.msuc03.manage.microsoft.com"),
        tls("subdomain of *.notify.windows.com", "client.wns.notify.windows.com"),
        tls("apex notify.windows.com, not in the model", "notify.windows.com"),
        tls("look-alike evilmanage.microsoft.com", "evilmanage.microsoft.com"),
        tls("suffix trick manage.microsoft.com.evil.com", "manage.microsoft.com.evil.com"),
        tls("unlisted example.com", "example.com"),
        tls("allowed name on a wrong port", "manage.microsoft.com", 8443),
        tls("APNs on 5223", "1-courier.push.apple.com", 5223),
        tls("APNs name on 5224", "1-courier.push.apple.com", 5224),
        http("HTTP Host manage.microsoft.com", "manage.microsoft.com"),
        http("HTTP Host of a subdomain", "a.manage.microsoft.com"),
        http("HTTP Host unlisted", "example.com"),
        http("HTTP Host allowed on a wrong port", "manage.microsoft.com", 8080),
        http("HTTP Host of a 443-only name on port 80", "client.wns.notify.windows.com"),
      ]);
      expect(outcome(verdicts)).toEqual({
        passed: [
          "APNs on 5223",
          "HTTP Host manage.microsoft.com",
          "HTTP Host of a subdomain",
          "apex in capitals",
          "apex manage.microsoft.com",
          "subdomain of *.manage.microsoft.com",
          "subdomain of *.notify.windows.com",
        ],
        dropped: [
          "APNs name on 5224",
          "HTTP Host allowed on a wrong port",
          "HTTP Host of a 443-only name on port 80",
          "HTTP Host unlisted",
          "allowed name on a wrong port",
          "apex notify.windows.com, not in the model",
          "look-alike evilmanage.microsoft.com",
          "suffix trick manage.microsoft.com.evil.com",
          "unlisted example.com",
        ],
      });
    });

    test("IP rules: allowed prefixes and ports pass, others meet the policy's default drop", () => {
      // A SYN-only replay has no application layer; the policy's default action (aws:drop_established or
      // aws:drop_strict) is what stops unlisted IPs. This stand-in for it matches only flows no pass rule took.
      const defaultDrop =
        'drop tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"policy default drop"; flow:to_server; sid:99; rev:1;)\n';
      const verdicts = replay(rules + defaultDrop, [
        syn("Azure Front Door 13.107.219.7:443", "13.107.219.7", 443),
        syn("Intune 20.37.153.9:80", "20.37.153.9", 80),
        syn("Apple 17.57.144.10:5223", "17.57.144.10", 5223),
        syn("Intune prefix on port 22", "20.37.153.9", 22),
        syn("unlisted 8.8.8.8:443", "8.8.8.8", 443),
        syn("next to an allowed prefix 13.107.220.1:443", "13.107.220.1", 443),
      ]);
      expect(outcome(verdicts)).toEqual({
        passed: ["Apple 17.57.144.10:5223", "Azure Front Door 13.107.219.7:443", "Intune 20.37.153.9:80"],
        dropped: ["Intune prefix on port 22", "next to an allowed prefix 13.107.220.1:443", "unlisted 8.8.8.8:443"],
      });
    });
  });

  test("a mid-label wildcard matches only its pattern; a prefix wildcard only its label", () => {
    const model = modelOf([
      endpoint("autodiscover.*.onmicrosoft.com"),
      endpoint("payloadprod*.blob.core.windows.net"),
      endpoint("*cdn.onenote.net"),
      endpoint("peer.example.net", { tcpPorts: [], udpPorts: ["3544"] }),
      endpoint("198.51.100.0/24", {
        tcpPorts: ["7680"],
        udpPorts: ["3544"],
        features: ["delivery-optimization-peering"],
      }),
    ]);
    const compiled = compileAwsNetworkFirewall(model, { sourceAddresses: [HOME_NET], dropUnmatched: true });
    const defaultUdpDrop = 'drop udp $HOME_NET any -> $EXTERNAL_NET any (msg:"policy default drop"; sid:98; rev:1;)\n';
    const verdicts = replay(rulesString(compiled.ruleGroups) + defaultUdpDrop, [
      tls("autodiscover.contoso.onmicrosoft.com", "autodiscover.contoso.onmicrosoft.com"),
      tls("autodiscover.a.b.onmicrosoft.com (two labels)", "autodiscover.a.b.onmicrosoft.com"),
      tls("autodiscover.onmicrosoft.com (no label)", "autodiscover.onmicrosoft.com"),
      tls("evil.contoso.onmicrosoft.com", "evil.contoso.onmicrosoft.com"),
      tls("autodiscover.contoso.evil.com", "autodiscover.contoso.evil.com"),
      tls("payloadprod42.blob.core.windows.net", "payloadprod42.blob.core.windows.net"),
      tls("payloadprod.x.blob.core.windows.net (dot in the star)", "payloadprod.x.blob.core.windows.net"),
      tls("other.blob.core.windows.net", "other.blob.core.windows.net"),
      tls("abccdn.onenote.net", "abccdn.onenote.net"),
      tls("a.bcdn.onenote.net (two labels)", "a.bcdn.onenote.net"),
      tls("onenote.net", "onenote.net"),
      udp("Teredo to a peer range", "198.51.100.20", 3544),
      udp("Teredo elsewhere", "203.0.113.9", 3544),
    ]);
    expect(outcome(verdicts)).toEqual({
      passed: [
        "Teredo to a peer range",
        "abccdn.onenote.net",
        "autodiscover.contoso.onmicrosoft.com",
        "payloadprod42.blob.core.windows.net",
      ],
      dropped: [
        "a.bcdn.onenote.net (two labels)",
        "autodiscover.a.b.onmicrosoft.com (two labels)",
        "autodiscover.contoso.evil.com",
        "autodiscover.onmicrosoft.com (no label)",
        "evil.contoso.onmicrosoft.com",
        "onenote.net",
        "other.blob.core.windows.net",
        "payloadprod.x.blob.core.windows.net (dot in the star)",
        "Teredo elsewhere",
      ].sort(),
    });
    expect(compiled.coverage.notEnforced.map((n) => n.address)).toEqual(["peer.example.net"]);
  });
});
