import * as pulumi from "@pulumi/pulumi";
import * as networkfirewall from "@pulumi/aws/networkfirewall";
import {
  AwsNetworkFirewallCompiled,
  AwsRuleGroupBody,
  checkAwsNetworkFirewallOptions,
  compileAwsNetworkFirewall,
} from "../sdk/compile/awsNetworkFirewall";
import { parseSources } from "../sdk/compile/common";
import { AwsNetworkFirewallTargetArgs, IntuneModelArgs, SourceArgs } from "./args";
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

/** Arguments of {@link AwsNetworkFirewallIntuneRules}: the model, the sources (HOME_NET) and the AWS target. */
export interface AwsNetworkFirewallIntuneRulesArgs extends IntuneModelArgs, SourceArgs, AwsNetworkFirewallTargetArgs {}

interface Data {
  readonly groups: networkfirewall.RuleGroup[];
  readonly coverage: TargetCoverage;
  readonly warnings: string[];
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
    const data = this.getData();
    this.ruleGroupArns = pulumi.output(data).apply((d) => pulumi.all(d.groups.map((g) => g.arn)));
    this.coverage = pulumi.output(data).apply((d) => d.coverage);
    this.warnings = pulumi.output(data).apply((d) => d.warnings);
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    componentName?: string,
  ): Promise<Data> {
    const a = args as AwsNetworkFirewallIntuneRulesArgs;
    const name = componentName ?? "intune";
    const { model, warnings: modelWarnings } = await resolveForComponent(a, this);
    const known = await knownValue(a.sourceAddresses);
    const options = {
      capacityHeadroom: a.capacityHeadroom,
      capacityStep: a.capacityStep,
      ruleOrder: a.ruleOrder,
      format: a.format,
      dropUnmatched: a.dropUnmatched,
      namePrefix: namePrefix(name),
    };
    const compile = (sources: string[]): AwsNetworkFirewallCompiled =>
      compileAwsNetworkFirewall(model, { ...options, sourceAddresses: sources });
    // Rules, sids and capacity depend on the model only; the sources are the HOME_NET variable.
    const layout = compile(known ?? PLACEHOLDER_SOURCES);
    const groups = layout.ruleGroups.map((group) => {
      const body = (sources: readonly string[]): AwsRuleGroupBody => ({
        ...group.ruleGroup,
        ruleVariables: { ipSets: [{ key: "HOME_NET", ipSet: { definitions: [...sources] } }] },
      });
      const ruleGroup = known
        ? body(group.ruleGroup.ruleVariables.ipSets[0]?.ipSet.definitions ?? [])
        : pulumi.output(a.sourceAddresses).apply((sources) => body(parseSources(sources, "awsNetworkFirewall").all));
      return new networkfirewall.RuleGroup(
        group.name,
        {
          type: group.type,
          capacity: group.capacity,
          description: group.description,
          ruleGroup: ruleGroup as unknown as networkfirewall.RuleGroupArgs["ruleGroup"],
        },
        { parent: this },
      );
    });
    const warnings = [...modelWarnings, ...layout.warnings];
    if (!known) warnings.push(`${name}: sourceAddresses is not known yet (preview); HOME_NET follows once it is.`);
    for (const warning of warnings) warnOnce(this, warning);
    const data: Data = { groups, coverage: coverageOutput(layout.coverage), warnings };
    this.registerOutputs({ ruleGroupArns: pulumi.all(groups.map((g) => g.arn)), coverage: data.coverage, warnings });
    return data;
  }
}
