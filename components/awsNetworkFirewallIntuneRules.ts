import * as pulumi from "@pulumi/pulumi";
import * as networkfirewall from "@pulumi/aws/networkfirewall";
import type { input as awsInputs } from "@pulumi/aws/types";
import { AwsNetworkFirewallSettings, AwsRuleGroupBody, normalizeAwsNetworkFirewallOptions } from "../sdk/targets";
import { AwsNetworkFirewallTargetArgs, IntuneModelArgs, SourceArgs } from "./args";
import {
  TargetArgMap,
  TargetData,
  checkModelArgs,
  checkTargetArgs,
  finishTarget,
  planTarget,
  verifiedTarget,
  targetOptions,
} from "./shared";
import { TargetCoverage, TargetVerificationSummary } from "./types";

/** Arguments of {@link AwsNetworkFirewallIntuneRules}: the model, the sources (HOME_NET) and the AWS target. */
export interface AwsNetworkFirewallIntuneRulesArgs extends IntuneModelArgs, SourceArgs, AwsNetworkFirewallTargetArgs {}

/** Every AWS Network Firewall option of the SDK, and the argument that sets it (the name prefix comes from the name). */
export const AWS_NETWORK_FIREWALL_ARGS = {
  format: "format",
  ruleOrder: "ruleOrder",
  capacityHeadroom: "capacityHeadroom",
  capacityStep: "capacityStep",
  dropUnmatched: "dropUnmatched",
  wildcardPolicy: "wildcardPolicy",
  policyDefaultAction: "policyDefaultAction",
  namePrefix: null,
} as const satisfies TargetArgMap<AwsNetworkFirewallSettings, AwsNetworkFirewallTargetArgs>;

/** A rule group body as the provider's input type, so the type checker sees any drift in the aws provider's model. */
function ruleGroupInput(body: AwsRuleGroupBody): awsInputs.networkfirewall.RuleGroupRuleGroup {
  const source = body.rulesSource;
  return {
    ruleVariables: {
      ipSets: body.ruleVariables.ipSets.map((s) => ({ key: s.key, ipSet: { definitions: [...s.ipSet.definitions] } })),
    },
    rulesSource:
      "rulesString" in source
        ? { rulesString: source.rulesString }
        : {
            rulesSourceList: {
              generatedRulesType: source.rulesSourceList.generatedRulesType,
              targetTypes: [...source.rulesSourceList.targetTypes],
              targets: [...source.rulesSourceList.targets],
            },
          },
    statefulRuleOptions: { ruleOrder: body.statefulRuleOptions.ruleOrder },
  };
}

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
  /** What the rules do with the model, decided by evaluating them: enforced, widened, not enforced, blocked, not applicable. */
  public readonly coverage: pulumi.Output<TargetCoverage>;
  /** Warnings from resolving, compiling and verifying (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;
  /** What evaluating the rules found: endpoints reached or blocked, and probe flows outside the model denied or let out. */
  public readonly verification: pulumi.Output<TargetVerificationSummary>;
  /** sha256 of the deployed rule data: it changes exactly when what this component deploys changes. */
  public readonly rulesHash: pulumi.Output<string>;

  /** Fails at once, with the reason, on arguments that can be checked before anything is fetched. */
  static check(args: AwsNetworkFirewallIntuneRulesArgs): AwsNetworkFirewallIntuneRulesArgs {
    checkModelArgs(args, "AwsNetworkFirewallIntuneRules");
    checkTargetArgs(
      normalizeAwsNetworkFirewallOptions,
      AWS_NETWORK_FIREWALL_ARGS,
      args,
      "AwsNetworkFirewallIntuneRules",
    );
    return args;
  }

  constructor(name: string, args: AwsNetworkFirewallIntuneRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("intune-egress:index:AwsNetworkFirewallIntuneRules", name, AwsNetworkFirewallIntuneRules.check(args), opts);
    const data = pulumi.output(this.getData());
    this.ruleGroupArns = data.apply((d) => pulumi.all(d.groups.map((g) => g.arn)));
    this.coverage = data.apply((d) => d.coverage);
    this.warnings = data.apply((d) => d.warnings);
    this.verification = data.apply((d) => d.verification);
    this.rulesHash = data.apply((d) => d.rulesHash);
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    name?: string,
  ): Promise<Data> {
    const a = args as AwsNetworkFirewallIntuneRulesArgs;
    // Rules, sids and capacity depend on the model only; the sources are the groups' HOME_NET variable.
    const plan = await planTarget(this, a, name, (model, sources, namePrefix) =>
      verifiedTarget(
        "awsNetworkFirewall",
        model,
        sources,
        targetOptions<AwsNetworkFirewallSettings, AwsNetworkFirewallTargetArgs>(
          AWS_NETWORK_FIREWALL_ARGS,
          a,
          namePrefix,
        ),
        a.allowAnySource === true,
      ),
    );
    const groups = plan.layout.ruleGroups.map(
      (group, index) =>
        new networkfirewall.RuleGroup(
          group.name,
          {
            type: group.type,
            capacity: group.capacity,
            description: group.description,
            ruleGroup: plan.fromSources((compiled) => {
              const body = compiled.ruleGroups[index]?.ruleGroup;
              if (!body)
                throw new Error(
                  `The source addresses change the number of rule groups (${group.name} is gone). Run pulumi up again.`,
                );
              return ruleGroupInput(body);
            }),
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
