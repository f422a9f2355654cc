import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { checkAzureFirewallOptions, compileAzureFirewall } from "../sdk/compile/azureFirewall";
import { AzureFirewallTargetArgs, IntuneModelArgs, SourceArgs } from "./args";
import { TargetData, checkModelArgs, finishTarget, planTarget } from "./shared";
import { TargetCoverage } from "./types";

/** Arguments of {@link AzureFirewallIntuneRules}: the model, the sources and the Azure Firewall target. */
export interface AzureFirewallIntuneRulesArgs extends IntuneModelArgs, SourceArgs, AzureFirewallTargetArgs {}

interface Data extends TargetData {
  readonly groups: network.FirewallPolicyRuleCollectionGroup[];
}

/**
 * Intune egress rules in an existing Azure Firewall Policy: one `FirewallPolicyRuleCollectionGroup` per compiled
 * group, chained with dependsOn because Azure writes one group of a policy at a time.
 */
export class AzureFirewallIntuneRules extends pulumi.ComponentResource<Data> {
  /** Resource ids of the rule collection groups, in priority order. */
  public readonly ruleCollectionGroupIds: pulumi.Output<string[]>;
  /** What the rules enforce of the model, what they widen, and what they can't express. */
  public readonly coverage: pulumi.Output<TargetCoverage>;
  /** Warnings from resolving and compiling (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;

  /** Fails at once, with the reason, on arguments that can be checked before anything is fetched. */
  static check(args: AzureFirewallIntuneRulesArgs): AzureFirewallIntuneRulesArgs {
    checkModelArgs(args, "AzureFirewallIntuneRules");
    checkAzureFirewallOptions(args);
    return args;
  }

  constructor(name: string, args: AzureFirewallIntuneRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("intune-egress:index:AzureFirewallIntuneRules", name, AzureFirewallIntuneRules.check(args), opts);
    const data = pulumi.output(this.getData());
    this.ruleCollectionGroupIds = data.apply((d) => pulumi.all(d.groups.map((g) => g.id)));
    this.coverage = data.apply((d) => d.coverage);
    this.warnings = data.apply((d) => d.warnings);
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    name?: string,
  ): Promise<Data> {
    const a = args as AzureFirewallIntuneRulesArgs;
    const plan = await planTarget(this, a, name, (model, sources, namePrefix) =>
      compileAzureFirewall(model, {
        sourceAddresses: sources,
        priority: a.priority,
        dnsProxyEnabled: a.dnsProxyEnabled,
        wildcardPolicy: a.wildcardPolicy,
        ipv6: a.ipv6Rules,
        maxGroupBytes: a.maxGroupBytes,
        namePrefix,
      }),
    );
    const planned = plan.layout.ruleCollectionGroups;
    const groups: network.FirewallPolicyRuleCollectionGroup[] = [];
    planned.forEach((group, index) => {
      const ruleCollections = plan.fromSources((compiled) => {
        if (compiled.ruleCollectionGroups.length !== planned.length) {
          throw new Error(
            `The source addresses change the number of rule collection groups (${planned.length} planned, ${compiled.ruleCollectionGroups.length} now). Run pulumi up again.`,
          );
        }
        return compiled.ruleCollectionGroups[index]?.ruleCollections ?? [];
      });
      const previous = groups[index - 1];
      groups.push(
        new network.FirewallPolicyRuleCollectionGroup(
          group.name,
          {
            resourceGroupName: a.resourceGroupName,
            firewallPolicyName: a.firewallPolicyName,
            ruleCollectionGroupName: group.name,
            priority: group.priority,
            ruleCollections:
              ruleCollections as unknown as network.FirewallPolicyRuleCollectionGroupArgs["ruleCollections"],
          },
          { parent: this, ...(previous ? { dependsOn: [previous] } : {}) },
        ),
      );
    });
    const { data, outputs } = finishTarget(this, plan, "rule contents follow once it is.", {
      ruleCollectionGroupIds: pulumi.all(groups.map((g) => g.id)),
    });
    this.registerOutputs(outputs);
    return { ...data, groups };
  }
}
