import * as pulumi from "@pulumi/pulumi";
import {
  TargetKey,
  normalizeAwsNetworkFirewallOptions,
  normalizeAzureFirewallOptions,
  normalizeNsgOptions,
  targetSpecs,
} from "../sdk/targets";
import { baselineDocument, recordFilters } from "../sdk/baseline";
import { canonicalJson } from "../sdk/model/canonical";
import {
  AwsNetworkFirewallTargetArgs,
  AzureFirewallTargetArgs,
  IntuneModelArgs,
  NsgTargetArgs,
  SourceArgs,
} from "./args";
import { AWS_NETWORK_FIREWALL_ARGS, AwsNetworkFirewallIntuneRules } from "./awsNetworkFirewallIntuneRules";
import { AZURE_FIREWALL_ARGS, AzureFirewallIntuneRules } from "./azureFirewallIntuneRules";
import { NSG_ARGS, NsgIntuneRules } from "./nsgIntuneRules";
import { checkModelArgs, checkTargetArgs, resolveForComponent, warnOnce } from "./shared";
import {
  IntuneEgressCoverage,
  IntuneEgressRulesHash,
  IntuneEgressVerification,
  TargetCoverage,
  TargetVerificationSummary,
} from "./types";

/** What every target sub-component outputs that IntuneEgress aggregates. */
type TargetComponent = pulumi.ComponentResource & {
  readonly coverage: pulumi.Output<TargetCoverage>;
  readonly warnings: pulumi.Output<string[]>;
  readonly verification: pulumi.Output<TargetVerificationSummary>;
  readonly rulesHash: pulumi.Output<string>;
};

/**
 * The component side of each registered target: how its args are checked, its sub-component created, and the ids of
 * its resources read. Typed over the registry's keys, so a new target is a compile error here until it is wired.
 */
const TARGET_COMPONENTS: {
  readonly [K in TargetKey]: {
    check(args: NonNullable<IntuneEgressArgs[K]>): void;
    create(name: string, args: IntuneEgressArgs, parent: pulumi.Resource): TargetComponent;
    resourceIds(component: TargetComponent): pulumi.Output<string[]>;
  };
} = {
  azureFirewall: {
    check: (args) =>
      checkTargetArgs(normalizeAzureFirewallOptions, AZURE_FIREWALL_ARGS, args, "IntuneEgress", "azureFirewall."),
    create: (name, args, parent) =>
      new AzureFirewallIntuneRules(name, { ...modelArgs(args), ...args.azureFirewall! }, { parent }),
    resourceIds: (c) => (c as AzureFirewallIntuneRules).ruleCollectionGroupIds,
  },
  nsg: {
    check: (args) => checkTargetArgs(normalizeNsgOptions, NSG_ARGS, args, "IntuneEgress", "nsg."),
    create: (name, args, parent) => new NsgIntuneRules(name, { ...modelArgs(args), ...args.nsg! }, { parent }),
    resourceIds: (c) => (c as NsgIntuneRules).securityRuleIds,
  },
  awsNetworkFirewall: {
    check: (args) =>
      checkTargetArgs(
        normalizeAwsNetworkFirewallOptions,
        AWS_NETWORK_FIREWALL_ARGS,
        args,
        "IntuneEgress",
        "awsNetworkFirewall.",
      ),
    create: (name, args, parent) =>
      new AwsNetworkFirewallIntuneRules(name, { ...modelArgs(args), ...args.awsNetworkFirewall! }, { parent }),
    resourceIds: (c) => (c as AwsNetworkFirewallIntuneRules).ruleGroupArns,
  },
};

/** The model and source arguments a sub-component shares with IntuneEgress. */
function modelArgs(a: IntuneEgressArgs): IntuneModelArgs & SourceArgs {
  return {
    sourceAddresses: a.sourceAddresses,
    regions: a.regions,
    features: a.features,
    addFeatures: a.addFeatures,
    excludeFeatures: a.excludeFeatures,
    instance: a.instance,
    serviceUrl: a.serviceUrl,
    onUnavailable: a.onUnavailable,
    ipv6: a.ipv6,
    maxRemovalRatio: a.maxRemovalRatio,
    deliveryOptimizationPeers: a.deliveryOptimizationPeers,
    includeMicrosoft365Common: a.includeMicrosoft365Common,
  };
}
import { ConfigurationError } from "../sdk/errors";

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
  readonly targets: Partial<Record<TargetKey, TargetComponent>>;
}

function checkArgs(args: IntuneEgressArgs): IntuneEgressArgs {
  if (!args || (!args.azureFirewall && !args.nsg && !args.awsNetworkFirewall)) {
    throw new ConfigurationError(
      "IntuneEgress needs at least one target: add azureFirewall ({ resourceGroupName, firewallPolicyName }), nsg ({ resourceGroupName, networkSecurityGroupName }) or awsNetworkFirewall ({}).",
    );
  }
  checkModelArgs(args, "IntuneEgress");
  for (const spec of targetSpecs()) {
    const own = args[spec.key];
    if (own) (TARGET_COMPONENTS[spec.key].check as (a: typeof own) => void)(own);
  }
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
  /**
   * sha256 of the resolved model (instance and every endpoint field, origins and features included). It changes with
   * the model's metadata too; `rulesHash` changes only when a target's deployed rules do.
   */
  public readonly modelHash: pulumi.Output<string>;
  /** Where the data came from: live, cache or snapshot. */
  public readonly source: pulumi.Output<string>;
  /** Number of endpoints in the resolved model. */
  public readonly endpointCount: pulumi.Output<number>;
  /** The resolved model as JSON. Export it to use the stack's outputs as a drift baseline. */
  public readonly modelJson: pulumi.Output<string>;
  /** Every warning from resolving and compiling (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;
  /** Per target: what the rules do with the model, decided by evaluating them. */
  public readonly coverage: pulumi.Output<IntuneEgressCoverage>;
  /** Per target: endpoints reached or blocked, and probe flows outside the model denied or let out. */
  public readonly verification: pulumi.Output<IntuneEgressVerification>;
  /**
   * Per target: sha256 of the deployed rule data. It changes exactly when what a target deploys changes; `modelHash`
   * also changes with the model's metadata (origins, features, categories).
   */
  public readonly rulesHash: pulumi.Output<IntuneEgressRulesHash>;
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
        .all([d.modelWarnings, ...Object.values(d.targets).map((t) => t.warnings)])
        .apply((lists) => [...new Set(lists.flat())]),
    );
    this.coverage = data.apply(
      (d) =>
        pulumi.all(
          Object.fromEntries(Object.entries(d.targets).map(([key, t]) => [key, t.coverage])),
        ) as pulumi.Output<IntuneEgressCoverage>,
    );
    this.verification = data.apply(
      (d) =>
        pulumi.all(
          Object.fromEntries(Object.entries(d.targets).map(([key, t]) => [key, t.verification])),
        ) as pulumi.Output<IntuneEgressVerification>,
    );
    this.rulesHash = data.apply(
      (d) =>
        pulumi.all(
          Object.fromEntries(Object.entries(d.targets).map(([key, t]) => [key, t.rulesHash])),
        ) as pulumi.Output<IntuneEgressRulesHash>,
    );
    const ids = (key: TargetKey) =>
      data.apply((d) => {
        const target = d.targets[key];
        return target ? TARGET_COMPONENTS[key].resourceIds(target) : pulumi.output<string[]>([]);
      });
    this.azureFirewallRuleCollectionGroupIds = ids("azureFirewall");
    this.nsgSecurityRuleIds = ids("nsg");
    this.awsRuleGroupArns = ids("awsNetworkFirewall");
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
            ...(a.addFeatures ? { addFeatures: a.addFeatures } : {}),
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
      targets: Object.fromEntries(
        targetSpecs()
          .filter((spec) => a[spec.key] !== undefined)
          .map((spec) => [spec.key, TARGET_COMPONENTS[spec.key].create(name, a, this)]),
      ),
    };
    this.registerOutputs({
      endpointsVersion: data.version,
      modelHash: data.hash,
      source: data.source,
      endpointCount: data.endpointCount,
      modelJson: data.modelJson,
      warnings: this.warnings,
      coverage: this.coverage,
      verification: this.verification,
      rulesHash: this.rulesHash,
      azureFirewallRuleCollectionGroupIds: this.azureFirewallRuleCollectionGroupIds,
      nsgSecurityRuleIds: this.nsgSecurityRuleIds,
      awsRuleGroupArns: this.awsRuleGroupArns,
    });
    return data;
  }
}
