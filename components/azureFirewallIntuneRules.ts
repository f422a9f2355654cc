import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type { input as azureInputs } from "@pulumi/azure-native/types";
import { AzureFirewallSettings, AzureRuleCollection, normalizeAzureFirewallOptions } from "../sdk/targets";
import { AzureFirewallTargetArgs, IntuneModelArgs, SourceArgs } from "./args";
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

/** Arguments of {@link AzureFirewallIntuneRules}: the model, the sources and the Azure Firewall target. */
export interface AzureFirewallIntuneRulesArgs extends IntuneModelArgs, SourceArgs, AzureFirewallTargetArgs {}

/** Every Azure Firewall option of the SDK, and the argument that sets it (the name prefix comes from the name). */
export const AZURE_FIREWALL_ARGS = {
  priority: "priority",
  dnsProxyEnabled: "dnsProxyEnabled",
  wildcardPolicy: "wildcardPolicy",
  ipv6: "ipv6Rules",
  maxGroupBytes: "maxGroupBytes",
  namePrefix: null,
} as const satisfies TargetArgMap<AzureFirewallSettings, AzureFirewallTargetArgs>;

/** Rule collections as the provider's input type, so the type checker sees any drift in azure-native's model. */
function ruleCollectionInputs(
  collections: readonly AzureRuleCollection[],
): azureInputs.network.FirewallPolicyFilterRuleCollectionArgs[] {
  return collections.map((c) => ({
    ruleCollectionType: c.ruleCollectionType,
    name: c.name,
    priority: c.priority,
    action: { type: c.action.type },
    rules: c.rules.map((r) =>
      r.ruleType === "ApplicationRule"
        ? {
            ruleType: r.ruleType,
            name: r.name,
            description: r.description,
            sourceAddresses: [...r.sourceAddresses],
            protocols: r.protocols.map((p) => ({ protocolType: p.protocolType, port: p.port })),
            targetFqdns: [...r.targetFqdns],
          }
        : {
            ruleType: r.ruleType,
            name: r.name,
            description: r.description,
            ipProtocols: [...r.ipProtocols],
            sourceAddresses: [...r.sourceAddresses],
            ...(r.destinationAddresses ? { destinationAddresses: [...r.destinationAddresses] } : {}),
            ...(r.destinationFqdns ? { destinationFqdns: [...r.destinationFqdns] } : {}),
            destinationPorts: [...r.destinationPorts],
          },
    ),
  }));
}

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
  /** What the rules do with the model, decided by evaluating them: enforced, widened, not enforced, blocked, not applicable. */
  public readonly coverage: pulumi.Output<TargetCoverage>;
  /** Warnings from resolving, compiling and verifying (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;
  /** What evaluating the rules found: endpoints reached or blocked, and probe flows outside the model denied or let out. */
  public readonly verification: pulumi.Output<TargetVerificationSummary>;
  /** sha256 of the deployed rule data: it changes exactly when what this component deploys changes. */
  public readonly rulesHash: pulumi.Output<string>;

  /** Fails at once, with the reason, on arguments that can be checked before anything is fetched. */
  static check(args: AzureFirewallIntuneRulesArgs): AzureFirewallIntuneRulesArgs {
    checkModelArgs(args, "AzureFirewallIntuneRules");
    checkTargetArgs(normalizeAzureFirewallOptions, AZURE_FIREWALL_ARGS, args, "AzureFirewallIntuneRules");
    return args;
  }

  constructor(name: string, args: AzureFirewallIntuneRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("intune-egress:index:AzureFirewallIntuneRules", name, AzureFirewallIntuneRules.check(args), opts);
    const data = pulumi.output(this.getData());
    this.ruleCollectionGroupIds = data.apply((d) => pulumi.all(d.groups.map((g) => g.id)));
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
    const a = args as AzureFirewallIntuneRulesArgs;
    const plan = await planTarget(this, a, name, (model, sources, namePrefix) =>
      verifiedTarget(
        "azureFirewall",
        model,
        sources,
        targetOptions<AzureFirewallSettings, AzureFirewallTargetArgs>(AZURE_FIREWALL_ARGS, a, namePrefix),
        a.allowAnySource === true,
      ),
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
        return ruleCollectionInputs(compiled.ruleCollectionGroups[index]?.ruleCollections ?? []);
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
            ruleCollections,
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
