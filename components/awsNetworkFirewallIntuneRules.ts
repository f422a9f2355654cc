import * as pulumi from "@pulumi/pulumi";
import * as networkfirewall from "@pulumi/aws/networkfirewall";
import { checkAwsNetworkFirewallOptions, compileAwsNetworkFirewall } from "../sdk/compile/awsNetworkFirewall";
import { AwsNetworkFirewallTargetArgs, IntuneModelArgs, SourceArgs } from "./args";
import { TargetData, checkModelArgs, finishTarget, planTarget } from "./shared";
import { TargetCoverage } from "./types";

/** Arguments of {@link AwsNetworkFirewallIntuneRules}: the model, the sources (HOME_NET) and the AWS target. */
export interface AwsNetworkFirewallIntuneRulesArgs extends IntuneModelArgs, SourceArgs, AwsNetworkFirewallTargetArgs {}

interface Data extends TargetData {
  readonly groups: networkfirewall.RuleGroup[];
}

/**
 * Intune egress rules as AWS Network Firewall stateful rule groups. The groups are auto-named, so a change of
 * capacity (which AWS can only make by replacing the group) creates the new group before deleting the old one.
 * Reference `ruleGroupArns` from your firewall policy.
 */
export class AwsNetworkFirewallIntuneRules extends pulumi.ComponentResource<Data> {
  /** ARNs of the stateful rule groups, in the order the firewall policy should reference them. */
  public readonly ruleGroupArns: pulumi.Output<string[]>;
  /** What the rules enforce of the model, what they widen, and what they can't express. */
  public readonly coverage: pulumi.Output<TargetCoverage>;
  /** Warnings from resolving and compiling (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;

  /** Fails at once, with the reason, on arguments that can be checked before anything is fetched. */
  static check(args: AwsNetworkFirewallIntuneRulesArgs): AwsNetworkFirewallIntuneRulesArgs {
    checkModelArgs(args, "AwsNetworkFirewallIntuneRules");
    checkAwsNetworkFirewallOptions(args);
    return args;
  }

  constructor(name: string, args: AwsNetworkFirewallIntuneRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("intune-egress:index:AwsNetworkFirewallIntuneRules", name, AwsNetworkFirewallIntuneRules.check(args), opts);
    const data = pulumi.output(this.getData());
    this.ruleGroupArns = data.apply((d) => pulumi.all(d.groups.map((g) => g.arn)));
    this.coverage = data.apply((d) => d.coverage);
    this.warnings = data.apply((d) => d.warnings);
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    name?: string,
  ): Promise<Data> {
    const a = args as AwsNetworkFirewallIntuneRulesArgs;
    // Rules, sids and capacity depend on the model only; the sources are the groups' HOME_NET variable.
    const plan = await planTarget(this, a, name, (model, sources, namePrefix) =>
      compileAwsNetworkFirewall(model, {
        sourceAddresses: sources,
        capacityHeadroom: a.capacityHeadroom,
        capacityStep: a.capacityStep,
        ruleOrder: a.ruleOrder,
        format: a.format,
        dropUnmatched: a.dropUnmatched,
        namePrefix,
      }),
    );
    const groups = plan.layout.ruleGroups.map(
      (group, index) =>
        new networkfirewall.RuleGroup(
          group.name,
          {
            type: group.type,
            capacity: group.capacity,
            description: group.description,
            ruleGroup: plan.fromSources(
              (compiled) => compiled.ruleGroups[index]?.ruleGroup,
            ) as unknown as networkfirewall.RuleGroupArgs["ruleGroup"],
          },
          { parent: this },
        ),
    );
    const { data, outputs } = finishTarget(this, plan, "HOME_NET follows once it is.", {
      ruleGroupArns: pulumi.all(groups.map((g) => g.arn)),
    });
    this.registerOutputs(outputs);
    return { ...data, groups };
  }
}
