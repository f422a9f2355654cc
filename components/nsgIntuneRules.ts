import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { NsgCompiled, NsgSecurityRule, checkNsgOptions, compileNsg } from "../sdk/compile/nsg";
import { IntuneModelArgs, NsgTargetArgs, SourceArgs } from "./args";
import {
  PLACEHOLDER_SOURCES,
  checkModelArgs,
  coverageOutput,
  knownValue,
  namePrefix,
  resolveForComponent,
  warnOnce,
} from "./shared";
import { TargetCoverage } from "./types";

/** Arguments of {@link NsgIntuneRules}: the model, the sources and the NSG target. */
export interface NsgIntuneRulesArgs extends IntuneModelArgs, SourceArgs, NsgTargetArgs {}

interface Data {
  readonly rules: network.SecurityRule[];
  readonly coverage: TargetCoverage;
  readonly warnings: string[];
}

/**
 * Intune egress rules in an existing NSG, as standalone `SecurityRule` resources. An NSG matches IP prefixes only;
 * FQDN endpoints are reported in `coverage`. Never also manage the NSG's rules inline (`securityRules`): both would
 * fight over them on every run.
 */
export class NsgIntuneRules extends pulumi.ComponentResource<Data> {
  /** Resource ids of the security rules, in priority order. */
  public readonly securityRuleIds: pulumi.Output<string[]>;
  /** What the rules enforce of the model, what they widen, and what they can't express. */
  public readonly coverage: pulumi.Output<TargetCoverage>;
  /** Warnings from resolving and compiling (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;

  /** Fails at once, with the reason, on arguments that can be checked before anything is fetched. */
  static check(args: NsgIntuneRulesArgs): NsgIntuneRulesArgs {
    checkModelArgs(args, "NsgIntuneRules");
    checkNsgOptions(args);
    return args;
  }

  constructor(name: string, args: NsgIntuneRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("intune-egress:index:NsgIntuneRules", name, NsgIntuneRules.check(args), opts);
    const data = this.getData();
    this.securityRuleIds = pulumi.output(data).apply((d) => pulumi.all(d.rules.map((r) => r.id)));
    this.coverage = pulumi.output(data).apply((d) => d.coverage);
    this.warnings = pulumi.output(data).apply((d) => d.warnings);
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    componentName?: string,
  ): Promise<Data> {
    const a = args as NsgIntuneRulesArgs;
    const name = componentName ?? "intune";
    const { model, warnings: modelWarnings } = await resolveForComponent(a, this);
    const known = await knownValue(a.sourceAddresses);
    const options = {
      priorityStart: a.priorityStart,
      priorityEnd: a.priorityEnd,
      useServiceTags: a.useServiceTags,
      denyInternetOutbound: a.denyInternetOutbound,
      namePrefix: namePrefix(name),
    };
    const compile = (sources: string[]): NsgCompiled => compileNsg(model, { ...options, sourceAddresses: sources });
    const layout = compile(known ?? PLACEHOLDER_SOURCES);
    const ruleOf = (index: number): pulumi.Input<NsgSecurityRule> =>
      known
        ? (layout.securityRules[index] as NsgSecurityRule)
        : pulumi.output(a.sourceAddresses).apply((sources) => {
            const rule = compile(sources).securityRules.find((r) => r.name === layout.securityRules[index]?.name);
            if (!rule)
              throw new Error(
                `The source addresses change the NSG rules (${layout.securityRules[index]?.name} is gone). Run pulumi up again.`,
              );
            return rule;
          });
    const rules = layout.securityRules.map((planned, index) => {
      const rule = pulumi.output(ruleOf(index));
      return new network.SecurityRule(
        planned.name,
        {
          resourceGroupName: a.resourceGroupName,
          networkSecurityGroupName: a.networkSecurityGroupName,
          securityRuleName: planned.name,
          priority: planned.priority,
          direction: planned.direction,
          access: planned.access,
          protocol: planned.protocol,
          description: planned.description,
          sourcePortRange: planned.sourcePortRange,
          sourceAddressPrefixes: rule.apply((r) => [...r.sourceAddressPrefixes]),
          ...(planned.destinationAddressPrefix !== undefined
            ? { destinationAddressPrefix: planned.destinationAddressPrefix }
            : {}),
          ...(planned.destinationAddressPrefixes !== undefined
            ? { destinationAddressPrefixes: rule.apply((r) => [...(r.destinationAddressPrefixes ?? [])]) }
            : {}),
          ...(planned.destinationPortRange !== undefined ? { destinationPortRange: planned.destinationPortRange } : {}),
          ...(planned.destinationPortRanges !== undefined
            ? { destinationPortRanges: [...planned.destinationPortRanges] }
            : {}),
        },
        { parent: this },
      );
    });
    const warnings = [...modelWarnings, ...layout.warnings];
    if (!known)
      warnings.push(`${name}: sourceAddresses is not known yet (preview); the rule layout assumes IPv4 sources.`);
    for (const warning of warnings) warnOnce(this, warning);
    const data: Data = { rules, coverage: coverageOutput(layout.coverage), warnings };
    this.registerOutputs({ securityRuleIds: pulumi.all(rules.map((r) => r.id)), coverage: data.coverage, warnings });
    return data;
  }
}
