import { compileTargets } from "../../sdk/targets";
import { diffModels, diffRules, isEmptyDiff, ruleMentions, rulesTouchedBy } from "../../sdk/diff";
import { endpoint, modelOf } from "../helpers/models";

const before = modelOf([
  endpoint("manage.microsoft.com", { tcpPorts: ["80", "443"] }),
  endpoint("time.windows.com", { tcpPorts: [], udpPorts: ["123"], features: ["autopilot"] }),
  endpoint("13.107.219.0/24", { tcpPorts: ["80", "443"] }),
]);
const after = modelOf([
  endpoint("manage.microsoft.com", { tcpPorts: ["443"] }),
  endpoint("13.107.219.0/24", { tcpPorts: ["80", "443"] }),
  endpoint("13.107.220.0/24", { tcpPorts: ["80", "443"] }),
]);

test("diffModels: added, removed and changed with the fields that changed", () => {
  const diff = diffModels(before, after);
  expect(diff.added.map((e) => e.address)).toEqual(["13.107.220.0/24"]);
  expect(diff.removed.map((e) => e.address)).toEqual(["time.windows.com"]);
  expect(diff.changed.map((c) => [c.address, c.fields])).toEqual([["manage.microsoft.com", ["tcpPorts"]]]);
  expect(isEmptyDiff(diff)).toBe(false);
  expect(isEmptyDiff(diffModels(after, after))).toBe(true);
});

test("diffRules and rulesTouchedBy: which targets' rules each change touches", () => {
  const options = {
    sourceAddresses: ["10.0.0.0/8"],
    azureFirewall: { dnsProxyEnabled: true },
    nsg: {},
    awsNetworkFirewall: {},
  };
  const rules = diffRules(compileTargets(before, options), compileTargets(after, options));
  expect(rules.added.map((r) => `${r.target} ${r.key}`).sort()).toEqual([
    "aws-network-firewall intune/intune-egress core 13.107.220.0/24",
    "azure-firewall intune/core-https",
  ]);
  expect(rules.removed.map((r) => `${r.target} ${r.key}`).sort()).toEqual([
    "aws-network-firewall intune/intune-egress core manage.microsoft.com http",
    "azure-firewall intune/autopilot-fqdn-udp-123",
    "azure-firewall intune/core-http-https",
  ]);
  expect(rules.changed.map((c) => `${c.after.target} ${c.after.key}`).sort()).toEqual([
    "azure-firewall intune/core-ipv4-tcp-80-443",
    "nsg intune-ipv4-tcp-80-443",
  ]);
  const touched = (address: string) =>
    rulesTouchedBy(
      after.endpoints.find((e) => e.address === address) ??
        before.endpoints.find((e) => e.address === address) ?? { address, type: "fqdn" },
      rules,
    )
      .map((t) => `${t.target} ${t.key}`)
      .sort();
  expect(touched("13.107.220.0/24")).toEqual([
    "aws-network-firewall intune/intune-egress core 13.107.220.0/24",
    "azure-firewall intune/core-ipv4-tcp-80-443",
    "nsg intune-ipv4-tcp-80-443",
  ]);
  expect(touched("time.windows.com")).toEqual(["azure-firewall intune/autopilot-fqdn-udp-123"]);
  expect(touched("manage.microsoft.com")).toEqual([
    "aws-network-firewall intune/intune-egress core manage.microsoft.com http",
    "azure-firewall intune/core-http-https",
    "azure-firewall intune/core-https",
  ]);
});

test("ruleMentions matches names exactly and prefixes by containment", () => {
  const rule = {
    target: "nsg" as const,
    key: "k",
    text: '{"destinationAddressPrefixes":["13.107.218.0/23"],"name":"x"}',
  };
  expect(ruleMentions(rule, { address: "13.107.219.0/24", type: "cidr4" })).toBe(true);
  expect(ruleMentions(rule, { address: "13.107.220.0/24", type: "cidr4" })).toBe(false);
  const aws = {
    target: "aws-network-firewall" as const,
    key: "k",
    text: 'pass tls $HOME_NET any -> any 443 (msg:"intune-egress core a.manage.microsoft.com tls"; tls.sni; content:"a.manage.microsoft.com";',
  };
  expect(ruleMentions(aws, { address: "a.manage.microsoft.com", type: "fqdn" })).toBe(true);
  expect(ruleMentions(aws, { address: "manage.microsoft.com", type: "fqdn" })).toBe(false);
});
