/**
 * Every SDK option of every target is reachable from its component's args and from a CLI flag. The type-level half
 * is checked by the compiler (the `Expect` lines below, and `satisfies TargetArgMap` in each component); the runtime
 * half sets each option through each surface and reads back the value the target's `normalize` received.
 */
import * as path from "path";
import { Analyzer } from "@pulumi/pulumi/provider/experimental/analyzer";
import packageJson from "../../package.json";
import { compileOptionsFrom } from "../../cli/targets";
import { AWS_NETWORK_FIREWALL_ARGS } from "../../components/awsNetworkFirewallIntuneRules";
import { AZURE_FIREWALL_ARGS } from "../../components/azureFirewallIntuneRules";
import { NSG_ARGS } from "../../components/nsgIntuneRules";
import { targetOptions } from "../../components/shared";
import {
  AwsNetworkFirewallSettings,
  AzureFirewallSettings,
  NsgSettings,
  OptionDescriptor,
  TargetKey,
  targetSpecs,
} from "../../sdk/targets";

type Expect<T extends true> = T;
type NoneMissing<Settings, Map> = [Exclude<keyof Settings, keyof Map>] extends [never] ? true : false;
export type TypeLevelChecks = [
  Expect<NoneMissing<AzureFirewallSettings, typeof AZURE_FIREWALL_ARGS>>,
  Expect<NoneMissing<NsgSettings, typeof NSG_ARGS>>,
  Expect<NoneMissing<AwsNetworkFirewallSettings, typeof AWS_NETWORK_FIREWALL_ARGS>>,
];

const ARG_MAPS: Record<TargetKey, Record<string, string | null>> = {
  azureFirewall: AZURE_FIREWALL_ARGS,
  nsg: NSG_ARGS,
  awsNetworkFirewall: AWS_NETWORK_FIREWALL_ARGS,
};
const ARGS_TYPE: Record<TargetKey, string> = {
  azureFirewall: "AzureFirewallTargetArgs",
  nsg: "NsgTargetArgs",
  awsNetworkFirewall: "AwsNetworkFirewallTargetArgs",
};
const COMPONENT: Record<TargetKey, string> = {
  azureFirewall: "AzureFirewallIntuneRules",
  nsg: "NsgIntuneRules",
  awsNetworkFirewall: "AwsNetworkFirewallIntuneRules",
};

/** A valid value other than the default, as the option's own value and as CLI flag text. */
function otherValue(d: OptionDescriptor): { value: unknown; flag: string | boolean } {
  switch (d.kind) {
    case "integer":
    case "number": {
      const value = d.default < d.max ? d.default + 1 : d.default - 1;
      return { value, flag: String(value) };
    }
    case "boolean":
      return { value: !d.default, flag: !d.default };
    case "choice": {
      const value = d.choices.find((c) => c !== d.default) as string;
      return { value, flag: value };
    }
    case "name":
      return { value: "corp", flag: "corp" };
  }
}

const cases = targetSpecs().flatMap((spec) =>
  (Object.entries(spec.options) as Array<[string, OptionDescriptor]>).map(
    ([option, d]) => [`${spec.key}.${option}`, spec, option, d] as const,
  ),
);

const schema = new Analyzer(
  path.resolve(__dirname, "../.."),
  "intune-egress",
  packageJson,
  new Set(["IntuneEgress", "AzureFirewallIntuneRules", "NsgIntuneRules", "AwsNetworkFirewallIntuneRules"]),
).analyze();

test("every target has options, and the registry lists the three targets", () => {
  expect(targetSpecs().map((s) => [s.id, s.key, Object.keys(s.options).length])).toEqual([
    ["azure-firewall", "azureFirewall", 6],
    ["nsg", "nsg", 5],
    ["aws-network-firewall", "awsNetworkFirewall", 8],
  ]);
});

test.each(cases)("%s is reachable from the components and the CLI", (_label, spec, option, descriptor) => {
  const { value, flag } = otherValue(descriptor);
  const arg = ARG_MAPS[spec.key][option];
  expect(arg).not.toBeUndefined();
  if (arg === null) {
    // Derived from the component's name.
    expect(option).toBe("namePrefix");
  } else {
    expect(Object.keys(schema.components[COMPONENT[spec.key]]?.inputs ?? {})).toContain(arg);
    expect(Object.keys(schema.typeDefinitions[ARGS_TYPE[spec.key]]?.properties ?? {})).toContain(arg);
  }
  const fromArgs = targetOptions(ARG_MAPS[spec.key] as never, arg === null ? {} : { [arg as string]: value }, "corp");
  expect((spec.normalize(fromArgs) as Record<string, unknown>)[option]).toEqual(value);
  const { options } = compileOptionsFrom({ target: [spec.id], [descriptor.flag]: flag });
  expect((options as unknown as Record<string, Record<string, unknown>>)[spec.key]?.[option]).toEqual(value);
});
