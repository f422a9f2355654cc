import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import {
  AzureFirewallCompiled,
  AzureRuleCollectionGroup,
  checkAzureFirewallOptions,
  compileAzureFirewall,
} from "../sdk/compile/azureFirewall";
import { AzureFirewallTargetArgs, IntuneModelArgs, SourceArgs } from "./args";
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

/** Arguments of {@link AzureFirewallIntuneRules}: the model, the sources and the Azure Firewall target. */
export interface AzureFirewallIntuneRulesArgs extends IntuneModelArgs, SourceArgs, AzureFirewallTargetArgs {}

interface Data {
  readonly groups: network.FirewallPolicyRuleCollectionGroup[];
  readonly coverage: TargetCoverage;
  readonly warnings: string[];
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
    const data = this.getData();
    this.ruleCollectionGroupIds = pulumi.output(data).apply((d) => pulumi.all(d.groups.map((g) => g.id)));
    this.coverage = pulumi.output(data).apply((d) => d.coverage);
    this.warnings = pulumi.output(data).apply((d) => d.warnings);
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    componentName?: string,
  ): Promise<Data> {
    const a = args as AzureFirewallIntuneRulesArgs;
    const name = componentName ?? "intune";
    const { model, warnings: modelWarnings } = await resolveForComponent(a, this);
    const known = await knownValue(a.sourceAddresses);
    const options = {
      priority: a.priority,
      dnsProxyEnabled: a.dnsProxyEnabled,
      wildcardPolicy: a.wildcardPolicy,
      ipv6: a.ipv6Rules,
      maxGroupBytes: a.maxGroupBytes,
      namePrefix: namePrefix(name),
    };
    const compile = (sources: string[]): AzureFirewallCompiled =>
      compileAzureFirewall(model, { ...options, sourceAddresses: sources });
    const layout = compile(known ?? PLACEHOLDER_SOURCES);
    const collectionsOf = (index: number): pulumi.Input<AzureRuleCollectionGroup["ruleCollections"]> =>
      known
        ? (layout.ruleCollectionGroups[index]?.ruleCollections ?? [])
        : pulumi.output(a.sourceAddresses).apply((sources) => {
            const groups = compile(sources).ruleCollectionGroups;
            if (groups.length !== layout.ruleCollectionGroups.length) {
              throw new Error(
                `The source addresses change the number of rule collection groups (${layout.ruleCollectionGroups.length} previewed, ${groups.length} now). Run pulumi up again.`,
              );
            }
            return groups[index]?.ruleCollections ?? [];
          });
    const groups: network.FirewallPolicyRuleCollectionGroup[] = [];
    layout.ruleCollectionGroups.forEach((group, index) => {
      const previous = groups[index - 1];
      groups.push(
        new network.FirewallPolicyRuleCollectionGroup(
          group.name,
          {
            resourceGroupName: a.resourceGroupName,
            firewallPolicyName: a.firewallPolicyName,
            ruleCollectionGroupName: group.name,
            priority: group.priority,
            ruleCollections: collectionsOf(
              index,
            ) as unknown as network.FirewallPolicyRuleCollectionGroupArgs["ruleCollections"],
          },
          { parent: this, ...(previous ? { dependsOn: [previous] } : {}) },
        ),
      );
    });
    const warnings = [...modelWarnings, ...layout.warnings];
    if (!known) warnings.push(`${name}: sourceAddresses is not known yet (preview); rule contents follow once it is.`);
    for (const warning of warnings) warnOnce(this, warning);
    const data: Data = { groups, coverage: coverageOutput(layout.coverage), warnings };
    this.registerOutputs({
      ruleCollectionGroupIds: pulumi.all(groups.map((g) => g.id)),
      coverage: data.coverage,
      warnings,
    });
    return data;
  }
}
