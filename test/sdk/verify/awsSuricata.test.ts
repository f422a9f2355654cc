/**
 * The AWS evaluator against a real engine: the whole verification set (every endpoint flow, every flow just beyond an
 * endpoint, every probe) is replayed as pcaps through Suricata 7 in inline (IPS) mode with the compiled rules and the
 * policy's default action, under both rule orders, every default action and both formats. The evaluator's verdict
 * must equal Suricata's for every flow.
 */
import {
  AwsNetworkFirewallSettings,
  compileAwsNetworkFirewall,
  evaluateAwsNetworkFirewall,
  groupRuleLines,
  normalizeAwsNetworkFirewallOptions,
} from "../../../sdk/targets/awsNetworkFirewall";
import { parseSources } from "../../../sdk/targets/sources";
import { Flow, verificationSet } from "../../../sdk/verify/flows";
import { embeddedSnapshot } from "../../../sdk/catalog/snapshot";
import { parseEndpointsResponse } from "../../../sdk/model/parse";
import { EgressModel } from "../../../sdk/model/types";
import { resolveModel } from "../../../sdk/resolve";
import { ServiceData } from "../../../sdk/service/source";
import { FlowSpec } from "../../helpers/pcap";
import { modelFromFixture } from "../../helpers/models";
import { describeWithSuricata, replay } from "../../helpers/suricata";

const SOURCES = ["10.0.0.0/8", "fd00:20::/48"];
const worldwide = modelFromFixture("worldwide-mem-2025073100.json", {}, "2025073100");

/** A sovereign model (USGovGCCHigh, from its embedded snapshot and the US government catalog). */
function usGovernment(): EgressModel {
  const raw = embeddedSnapshot("USGovGCCHigh", ["MEM"]);
  if (!raw) throw new Error("no snapshot");
  const sets = parseEndpointsResponse(raw.endpointSets);
  const data: ServiceData = {
    instance: "USGovGCCHigh",
    serviceAreas: ["MEM"],
    version: null,
    source: "snapshot",
    sets,
    raw,
    warnings: [],
  };
  return resolveModel(data).model;
}

/** The policy's default action as the rule AWS appends in strict order. */
function defaultActionRule(settings: AwsNetworkFirewallSettings): string[] {
  if (settings.ruleOrder !== "STRICT_ORDER") return [];
  switch (settings.policyDefaultAction) {
    case "aws:drop_established":
      return [
        'drop ip $HOME_NET any -> any any (msg:"policy default aws:drop_established"; flow:established,to_server; sid:999001; rev:1;)',
      ];
    case "aws:drop_strict":
      return ['drop ip $HOME_NET any -> any any (msg:"policy default aws:drop_strict"; sid:999002; rev:1;)'];
    case "aws:alert_established":
      return [
        'alert ip $HOME_NET any -> any any (msg:"policy default aws:alert_established"; flow:established,to_server; sid:999003; rev:1;)',
      ];
    case "aws:alert_strict":
      return ['alert ip $HOME_NET any -> any any (msg:"policy default aws:alert_strict"; sid:999004; rev:1;)'];
    case "none":
      return [];
  }
}

function spec(flow: Flow, label: string, srcPort: number): FlowSpec {
  const base = { label, src: flow.source, dst: flow.destination, srcPort, dstPort: flow.port };
  if (flow.protocol === "udp") return { ...base, kind: "udp", exchange: true };
  if (flow.app === "tls") return { ...base, kind: "tls", sni: flow.host as string };
  if (flow.app === "http") return { ...base, kind: "http", host: flow.host as string };
  return { ...base, kind: "tcp" };
}

const CASES: Array<[string, Partial<AwsNetworkFirewallSettings>, ("worldwide" | "usgov")?]> = [
  ["strict, drop_established (the default)", {}],
  ["USGovGCCHigh: strict, drop_established, dropUnmatched", { dropUnmatched: true }, "usgov"],
  ["USGovGCCHigh: domain list", { format: "domainList" }, "usgov"],
  ["strict, drop_established, dropUnmatched", { dropUnmatched: true }],
  ["strict, drop_strict", { policyDefaultAction: "aws:drop_strict" }],
  ["strict, alert_established", { policyDefaultAction: "aws:alert_established" }],
  ["strict, no default action, dropUnmatched", { policyDefaultAction: "none", dropUnmatched: true }],
  ["action order", { ruleOrder: "DEFAULT_ACTION_ORDER" }],
  ["action order, dropUnmatched", { ruleOrder: "DEFAULT_ACTION_ORDER", dropUnmatched: true }],
  ["domain list, strict, drop_established", { format: "domainList", wildcardPolicy: "widen" }],
  ["domain list, action order", { format: "domainList", ruleOrder: "DEFAULT_ACTION_ORDER" }],
];

describeWithSuricata("the AWS evaluator agrees with Suricata on the whole verification set", () => {
  test.each(CASES)("%s", (_name, options, which = "worldwide") => {
    const model = which === "usgov" ? usGovernment() : worldwide;
    const settings = normalizeAwsNetworkFirewallOptions(options);
    const compiled = compileAwsNetworkFirewall(model, { ...options, sourceAddresses: SOURCES });
    const set = verificationSet(model, parseSources(SOURCES, "test"), ["tcp:22:10.1.2.3", "udp:123:time.windows.com"]);
    const flows: Array<{ label: string; flow: Flow }> = [
      ...set.endpoints.flatMap((e) => [...e.flows, ...e.beyond].map((flow) => ({ label: e.endpoint.address, flow }))),
      ...set.probes.map((p) => ({ label: p.label, flow: p.flow })),
    ];
    const rules = [...compiled.ruleGroups.flatMap(groupRuleLines), ...defaultActionRule(settings)].join("\n") + "\n";
    const specs = flows.map((f, i) => spec(f.flow, `${i} ${f.label}`, 20000 + i));
    const engine = replay(rules, specs, { homeNet: `[${SOURCES.join(",")}]`, ips: true });
    const evaluate = evaluateAwsNetworkFirewall(compiled, settings);
    const disagreements = flows.flatMap((f, i) => {
      const suricata = (engine.get(`${i} ${f.label}`) ?? []).some((v) => v.action === "Drop" || v.action === "wDrop")
        ? "denied"
        : "allowed";
      const evaluator = evaluate(f.flow).allowed ? "allowed" : "denied";
      return suricata === evaluator
        ? []
        : [
            `${f.flow.protocol}/${f.flow.port} ${f.flow.app} ${f.flow.host ?? ""} -> ${f.flow.destination} from ${f.flow.source}: evaluator ${evaluator}, Suricata ${suricata}`,
          ];
    });
    expect(flows.length).toBeGreaterThan(which === "usgov" ? 100 : 500);
    expect(disagreements).toEqual([]);
  });
});
