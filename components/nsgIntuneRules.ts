import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { NsgSecurityRule, checkNsgOptions, compileNsg } from "../sdk/compile/nsg";
import { IntuneModelArgs, NsgTargetArgs, SourceArgs } from "./args";
import { TargetData, checkModelArgs, finishTarget, planTarget } from "./shared";
import { TargetCoverage } from "./types";

/** Arguments of {@link NsgIntuneRules}: the model, the sources and the NSG target. */
export interface NsgIntuneRulesArgs extends IntuneModelArgs, SourceArgs, NsgTargetArgs {}

interface Data extends TargetData {
  readonly rules: network.SecurityRule[];
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
    const data = pulumi.output(this.getData());
    this.securityRuleIds = data.apply((d) => pulumi.all(d.rules.map((r) => r.id)));
    this.coverage = data.apply((d) => d.coverage);
    this.warnings = data.apply((d) => d.warnings);
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    name?: string,
  ): Promise<Data> {
    const a = args as NsgIntuneRulesArgs;
    const plan = await planTarget(this, a, name, (model, sources, namePrefix) =>
      compileNsg(model, {
        sourceAddresses: sources,
        priorityStart: a.priorityStart,
        priorityEnd: a.priorityEnd,
        useServiceTags: a.useServiceTags,
        denyInternetOutbound: a.denyInternetOutbound,
        namePrefix,
      }),
    );
    const rules = plan.layout.securityRules.map((planned) => {
      const rule = pulumi.output(
        plan.fromSources((compiled): NsgSecurityRule => {
          const found = compiled.securityRules.find((r) => r.name === planned.name);
          if (!found)
            throw new Error(
              `The source addresses change the NSG rules (${planned.name} is gone). Run pulumi up again.`,
            );
          return found;
        }),
      );
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
    const { data, outputs } = finishTarget(this, plan, "the rule layout assumes IPv4 sources.", {
      securityRuleIds: pulumi.all(rules.map((r) => r.id)),
    });
    this.registerOutputs(outputs);
    return { ...data, rules };
  }
}
