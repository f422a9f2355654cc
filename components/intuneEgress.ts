import * as pulumi from "@pulumi/pulumi";
import { checkAwsNetworkFirewallOptions } from "../sdk/compile/awsNetworkFirewall";
import { checkAzureFirewallOptions } from "../sdk/compile/azureFirewall";
import { checkNsgOptions } from "../sdk/compile/nsg";
import { baselineDocument, recordFilters } from "../sdk/baseline";
import { canonicalJson } from "../sdk/model/canonical";
import { ConfigurationError } from "../sdk/service/client";
import {
  AwsNetworkFirewallTargetArgs,
  AzureFirewallTargetArgs,
  IntuneModelArgs,
  NsgTargetArgs,
  SourceArgs,
} from "./args";
import { AwsNetworkFirewallIntuneRules } from "./awsNetworkFirewallIntuneRules";
import { AzureFirewallIntuneRules } from "./azureFirewallIntuneRules";
import { NsgIntuneRules } from "./nsgIntuneRules";
import { checkModelArgs, resolveForComponent, warnOnce } from "./shared";
import { IntuneEgressCoverage } from "./types";

/** Arguments of {@link IntuneEgress}. Give at least one target. */
export interface IntuneEgressArgs extends IntuneModelArgs, SourceArgs {
  /**
   * Deploy the rules into an Azure Firewall Policy.
   * @default not deployed
   */
  azureFirewall?: AzureFirewallTargetArgs;
  /**
   * Deploy the rules into an Azure network security group.
   * @default not deployed
   */
  nsg?: NsgTargetArgs;
  /**
   * Deploy the rules as AWS Network Firewall stateful rule groups.
   * @default not deployed
   */
  awsNetworkFirewall?: AwsNetworkFirewallTargetArgs;
}

interface Data {
  readonly version: string | undefined;
  readonly hash: string;
  readonly source: string;
  readonly endpointCount: number;
  readonly modelJson: string;
  readonly modelWarnings: string[];
  readonly azureFirewall?: AzureFirewallIntuneRules;
  readonly nsg?: NsgIntuneRules;
  readonly awsNetworkFirewall?: AwsNetworkFirewallIntuneRules;
}

function checkArgs(args: IntuneEgressArgs): IntuneEgressArgs {
  if (!args || (!args.azureFirewall && !args.nsg && !args.awsNetworkFirewall)) {
    throw new ConfigurationError(
      "IntuneEgress needs at least one target: add azureFirewall ({ resourceGroupName, firewallPolicyName }), nsg ({ resourceGroupName, networkSecurityGroupName }) or awsNetworkFirewall ({}).",
    );
  }
  checkModelArgs(args, "IntuneEgress");
  if (args.azureFirewall) checkAzureFirewallOptions(args.azureFirewall);
  if (args.nsg) checkNsgOptions(args.nsg);
  if (args.awsNetworkFirewall) checkAwsNetworkFirewallOptions(args.awsNetworkFirewall);
  return args;
}

/**
 * Lets managed devices reach Microsoft Intune and nothing else: reads Intune's network endpoints on every preview and
 * update (the Microsoft 365 endpoints service plus the curated Intune catalog, with a cache and an embedded snapshot
 * to fall back on) and deploys them as Azure Firewall Policy rules, NSG rules and/or AWS Network Firewall rule
 * groups.
 */
export class IntuneEgress extends pulumi.ComponentResource<Data> {
  /** Service version (YYYYMMDDNN) of the endpoint data; absent when the data's version was not recorded. */
  public readonly endpointsVersion: pulumi.Output<string | undefined>;
  /** sha256 of the resolved model (instance and endpoints). A change means the rules change. */
  public readonly modelHash: pulumi.Output<string>;
  /** Where the data came from: live, cache or snapshot. */
  public readonly source: pulumi.Output<string>;
  /** Number of endpoints in the resolved model. */
  public readonly endpointCount: pulumi.Output<number>;
  /** The resolved model as JSON. Export it to use the stack's outputs as a drift baseline. */
  public readonly modelJson: pulumi.Output<string>;
  /** Every warning from resolving and compiling (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;
  /** Per target: what the rules enforce, widen, and can't express. */
  public readonly coverage: pulumi.Output<IntuneEgressCoverage>;
  /** Resource ids of the Azure Firewall rule collection groups (empty without that target). */
  public readonly azureFirewallRuleCollectionGroupIds: pulumi.Output<string[]>;
  /** Resource ids of the NSG security rules (empty without that target). */
  public readonly nsgSecurityRuleIds: pulumi.Output<string[]>;
  /** ARNs of the AWS Network Firewall rule groups (empty without that target). */
  public readonly awsRuleGroupArns: pulumi.Output<string[]>;

  constructor(name: string, args: IntuneEgressArgs, opts?: pulumi.ComponentResourceOptions) {
    super("intune-egress:index:IntuneEgress", name, checkArgs(args), opts);
    const data = pulumi.output(this.getData());
    this.endpointsVersion = data.apply((d) => d.version);
    this.modelHash = data.apply((d) => d.hash);
    this.source = data.apply((d) => d.source);
    this.endpointCount = data.apply((d) => d.endpointCount);
    this.modelJson = data.apply((d) => d.modelJson);
    this.warnings = data.apply((d) =>
      pulumi
        .all([
          d.modelWarnings,
          d.azureFirewall?.warnings ?? [],
          d.nsg?.warnings ?? [],
          d.awsNetworkFirewall?.warnings ?? [],
        ])
        .apply((lists) => [...new Set(lists.flat())]),
    );
    this.coverage = data.apply((d) =>
      pulumi
        .all({
          azureFirewall: d.azureFirewall?.coverage,
          nsg: d.nsg?.coverage,
          awsNetworkFirewall: d.awsNetworkFirewall?.coverage,
        })
        .apply((c) => {
          const out: IntuneEgressCoverage = {};
          if (c.azureFirewall) out.azureFirewall = c.azureFirewall;
          if (c.nsg) out.nsg = c.nsg;
          if (c.awsNetworkFirewall) out.awsNetworkFirewall = c.awsNetworkFirewall;
          return out;
        }),
    );
    this.azureFirewallRuleCollectionGroupIds = data.apply(
      (d) => d.azureFirewall?.ruleCollectionGroupIds ?? pulumi.output<string[]>([]),
    );
    this.nsgSecurityRuleIds = data.apply((d) => d.nsg?.securityRuleIds ?? pulumi.output<string[]>([]));
    this.awsRuleGroupArns = data.apply((d) => d.awsNetworkFirewall?.ruleGroupArns ?? pulumi.output<string[]>([]));
  }

  protected override async initialize(
    args: pulumi.Inputs,
    _opts?: pulumi.ComponentResourceOptions,
    componentName?: string,
  ): Promise<Data> {
    const a = args as IntuneEgressArgs;
    const name = componentName ?? "intune";
    const { model, warnings } = await resolveForComponent(a, this);
    for (const warning of warnings) warnOnce(this, warning);
    const shared = {
      sourceAddresses: a.sourceAddresses,
      regions: a.regions,
      features: a.features,
      excludeFeatures: a.excludeFeatures,
      instance: a.instance,
      serviceUrl: a.serviceUrl,
      onUnavailable: a.onUnavailable,
      ipv6: a.ipv6,
      maxRemovalRatio: a.maxRemovalRatio,
      deliveryOptimizationPeers: a.deliveryOptimizationPeers,
      includeMicrosoft365Common: a.includeMicrosoft365Common,
    };
    const data: Data = {
      version: model.version ?? undefined,
      hash: model.hash,
      source: model.source,
      endpointCount: model.endpoints.length,
      modelJson: canonicalJson(
        baselineDocument(
          model,
          recordFilters(model.instance, {
            ...(a.regions ? { regions: a.regions } : {}),
            ...(a.features ? { features: a.features } : {}),
            ...(a.excludeFeatures ? { excludeFeatures: a.excludeFeatures } : {}),
            ...(a.ipv6 !== undefined ? { ipv6: a.ipv6 } : {}),
            ...(a.includeMicrosoft365Common !== undefined
              ? { includeMicrosoft365Common: a.includeMicrosoft365Common }
              : {}),
            ...(a.deliveryOptimizationPeers ? { deliveryOptimizationPeers: a.deliveryOptimizationPeers } : {}),
          }),
        ),
      ),
      modelWarnings: [...warnings],
      ...(a.azureFirewall
        ? { azureFirewall: new AzureFirewallIntuneRules(name, { ...shared, ...a.azureFirewall }, { parent: this }) }
        : {}),
      ...(a.nsg ? { nsg: new NsgIntuneRules(name, { ...shared, ...a.nsg }, { parent: this }) } : {}),
      ...(a.awsNetworkFirewall
        ? {
            awsNetworkFirewall: new AwsNetworkFirewallIntuneRules(
              name,
              { ...shared, ...a.awsNetworkFirewall },
              { parent: this },
            ),
          }
        : {}),
    };
    this.registerOutputs({
      endpointsVersion: data.version,
      modelHash: data.hash,
      source: data.source,
      endpointCount: data.endpointCount,
      modelJson: data.modelJson,
      warnings: this.warnings,
      coverage: this.coverage,
      azureFirewallRuleCollectionGroupIds: data.azureFirewall?.ruleCollectionGroupIds ?? [],
      nsgSecurityRuleIds: data.nsg?.securityRuleIds ?? [],
      awsRuleGroupArns: data.awsNetworkFirewall?.ruleGroupArns ?? [],
    });
    return data;
  }
}
