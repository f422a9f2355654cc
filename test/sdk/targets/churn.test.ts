/**
 * Determinism and churn: the same model gives byte-identical output, and a change to the endpoints touches only the
 * rules that contain a changed endpoint; nothing is renamed or renumbered elsewhere. Checked on consecutive recorded
 * versions of the service data.
 */
import { CompileOptions, CompiledTargets, compileTargets } from "../../../sdk/targets";
import { diffModels, diffRules, ruleMentions } from "../../../sdk/diff";
import { EgressModel, Endpoint } from "../../../sdk/model/types";
import { MEM_FIXTURES_IN_ORDER, modelFromFixture, modelOf } from "../../helpers/models";

const OPTIONS: CompileOptions = {
  sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"],
  azureFirewall: { dnsProxyEnabled: true, ipv6: true },
  nsg: { denyInternetOutbound: true },
  awsNetworkFirewall: { dropUnmatched: true },
};

/** The rules whose content differs, as "target key" strings. */
function changedRules(a: CompiledTargets, b: CompiledTargets): string[] {
  const diff = diffRules(a, b);
  return [...diff.added, ...diff.removed, ...diff.changed.map((c) => c.after)]
    .map((r) => `${r.target} ${r.key}`)
    .sort();
}

function changedEndpoints(a: EgressModel, b: EgressModel): Endpoint[] {
  const diff = diffModels(a, b);
  return [...diff.removed, ...diff.changed.map((c) => c.before), ...diff.added];
}

describe("determinism", () => {
  const model = modelFromFixture("worldwide-mem-2026-05-29.json");

  test("the same model and options give byte-identical output", () => {
    const first = JSON.stringify(compileTargets(model, OPTIONS));
    const second = JSON.stringify(compileTargets(model, OPTIONS));
    expect(second).toBe(first);
  });

  test("endpoints given in another order give the same output", () => {
    const shuffled = modelOf([...model.endpoints].reverse());
    expect(JSON.stringify(compileTargets(shuffled, OPTIONS))).toBe(JSON.stringify(compileTargets(model, OPTIONS)));
  });
});

describe("churn between consecutive recorded versions", () => {
  const pairs = MEM_FIXTURES_IN_ORDER.slice(1).map(
    (next, i) => [MEM_FIXTURES_IN_ORDER[i]?.file ?? "", next.file] as const,
  );

  test.each(pairs)(
    "%s -> %s: only rules holding a changed endpoint change; capacity and priorities stay",
    (fileA, fileB) => {
      const a = modelFromFixture(fileA);
      const b = modelFromFixture(fileB);
      const ca = compileTargets(a, OPTIONS);
      const cb = compileTargets(b, OPTIONS);
      const changes = changedEndpoints(a, b);
      const diff = diffRules(ca, cb);
      const touched = [...diff.added, ...diff.removed]
        .map((r) => [r])
        .concat(diff.changed.map((c) => [c.before, c.after]));
      for (const versions of touched) {
        const rule = versions[0];
        const holdsChange = versions.some((r) => changes.some((e) => ruleMentions(r, e)));
        expect([rule?.target, rule?.key, holdsChange]).toEqual([rule?.target, rule?.key, true]);
      }
      if (changes.length === 0) expect(touched).toEqual([]);
      // Capacity is fixed at creation; an ordinary monthly change must not replace the AWS group.
      expect(cb.awsNetworkFirewall?.ruleGroups.map((g) => [g.name, g.capacity])).toEqual(
        ca.awsNetworkFirewall?.ruleGroups.map((g) => [g.name, g.capacity]),
      );
      // NSG rules that exist in both keep their priority.
      for (const rule of ca.nsg?.securityRules ?? []) {
        const same = cb.nsg?.securityRules.find((r) => r.name === rule.name);
        if (same) expect([rule.name, same.priority]).toEqual([rule.name, rule.priority]);
      }
      // Azure keeps its group names and priorities.
      expect(cb.azureFirewall?.ruleCollectionGroups.map((g) => [g.name, g.priority])).toEqual(
        ca.azureFirewall?.ruleCollectionGroups.map((g) => [g.name, g.priority]),
      );
    },
  );

  test("the recorded versions do change: the check above is not vacuous", () => {
    const a = modelFromFixture("worldwide-mem-2025073100.json");
    const b = modelFromFixture("worldwide-mem-2025082900.json");
    expect(
      changedEndpoints(a, b)
        .map((e) => e.address)
        .sort(),
    ).toEqual(["*.dl.delivery.mp.microsoft.com", "2.dl.delivery.mp.microsoft.com"]);
    expect(changedRules(compileTargets(a, OPTIONS), compileTargets(b, OPTIONS))).toEqual([
      "aws-network-firewall intune/intune-egress delivery-optimization 2.dl.delivery.mp.microsoft.com http",
      "aws-network-firewall intune/intune-egress delivery-optimization 2.dl.delivery.mp.microsoft.com tls",
      "azure-firewall intune/delivery-optimization-http-https",
    ]);
  });
});

describe("one endpoint more or less", () => {
  const model = modelFromFixture("worldwide-mem-2026-05-29.json");
  const base = compileTargets(model, OPTIONS);

  test.each([
    [
      "removing a name",
      "ekop.intel.com",
      [
        "aws-network-firewall intune/intune-egress autopilot ekop.intel.com tls",
        "azure-firewall intune/autopilot-https",
      ],
    ],
    [
      "removing a prefix",
      "20.37.153.0/24",
      [
        "aws-network-firewall intune/intune-egress core 20.37.153.0/24",
        "azure-firewall intune/core-ipv4-tcp-80-443",
        "nsg intune-ipv4-tcp-80-443",
      ],
    ],
  ])("%s (%s) touches only its rules", (_what, address, expected) => {
    const without = modelOf(model.endpoints.filter((e) => e.address !== address));
    expect(changedRules(base, compileTargets(without, OPTIONS))).toEqual(expected);
  });
});
