/**
 * Golden output: the rules every target compiles for every recorded MEM response under a spread of option sets,
 * pinned as sha256 digests of their canonical JSON. A refactor that changes one byte of any rule, name, priority, sid
 * or capacity fails here, naming the fixture, the option set and the target.
 *
 * Only the rule data is pinned (what the components deploy), not coverage or warnings, which describe the rules.
 * To accept an intended change, run with UPDATE_GOLDEN=1 and commit `golden.json` with the change that explains it.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CompileOptions, compileTargets } from "../../../sdk/targets";
import { MEM_FIXTURES_IN_ORDER, modelFromFixture } from "../../helpers/models";

const OPTION_SETS: Record<string, CompileOptions> = {
  defaults: {
    sourceAddresses: ["10.20.0.0/16"],
    azureFirewall: {},
    nsg: {},
    awsNetworkFirewall: {},
  },
  dualStackEverything: {
    sourceAddresses: ["10.20.0.0/16", "fd00:20::/48"],
    azureFirewall: { dnsProxyEnabled: true, ipv6: true, wildcardPolicy: "widen" },
    nsg: { denyInternetOutbound: true, useServiceTags: true },
    awsNetworkFirewall: { dropUnmatched: true },
  },
  custom: {
    sourceAddresses: ["10.1.0.0/24", "10.2.0.0/24", "192.168.7.7"],
    azureFirewall: { priority: 1200, maxGroupBytes: 20_000, namePrefix: "corp" },
    nsg: { priorityStart: 300, priorityEnd: 900, namePrefix: "corp" },
    awsNetworkFirewall: { ruleOrder: "DEFAULT_ACTION_ORDER", capacityHeadroom: 0.5, capacityStep: 100 },
  },
  awsDomainList: {
    sourceAddresses: ["10.20.0.0/16"],
    awsNetworkFirewall: { format: "domainList", wildcardPolicy: "widen" },
  },
};

const GOLDEN = path.join(__dirname, "golden.json");

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

function rulesOnly(compiled: ReturnType<typeof compileTargets>): Record<string, string> {
  const out: Record<string, string> = {};
  if (compiled.azureFirewall)
    out["azure-firewall"] = digest({
      groups: compiled.azureFirewall.ruleCollectionGroups,
      stats: compiled.azureFirewall.stats,
    });
  if (compiled.nsg) out.nsg = digest({ rules: compiled.nsg.securityRules, stats: compiled.nsg.stats });
  if (compiled.awsNetworkFirewall)
    out["aws-network-firewall"] = digest({
      groups: compiled.awsNetworkFirewall.ruleGroups,
      stats: compiled.awsNetworkFirewall.stats,
    });
  return out;
}

function actual(): Record<string, Record<string, Record<string, string>>> {
  const result: Record<string, Record<string, Record<string, string>>> = {};
  for (const { file, version } of MEM_FIXTURES_IN_ORDER) {
    const model = modelFromFixture(file, {}, version);
    result[file] = {};
    for (const [name, options] of Object.entries(OPTION_SETS)) {
      (result[file] as Record<string, Record<string, string>>)[name] = rulesOnly(compileTargets(model, options));
    }
  }
  return result;
}

test("every target's rules are byte-identical to the pinned output, for every fixture and option set", () => {
  const now = actual();
  if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(GOLDEN, `${JSON.stringify(now, null, 2)}\n`);
  const pinned = JSON.parse(fs.readFileSync(GOLDEN, "utf8"));
  expect(Object.keys(now)).toHaveLength(MEM_FIXTURES_IN_ORDER.length);
  expect(now).toEqual(pinned);
});
