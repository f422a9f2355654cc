import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import { NsgSecurityRule, NsgSettings, normalizeNsgOptions } from "../sdk/targets";
import { IntuneModelArgs, NsgTargetArgs, SourceArgs } from "./args";
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

/** Arguments of {@link NsgIntuneRules}: the model, the sources and the NSG target. */
export interface NsgIntuneRulesArgs extends IntuneModelArgs, SourceArgs, NsgTargetArgs {}

/** Every NSG option of the SDK, and the argument that sets it (the name prefix comes from the name). */
export const NSG_ARGS = {
  priorityStart: "priorityStart",
  priorityEnd: "priorityEnd",
  useServiceTags: "useServiceTags",
  denyInternetOutbound: "denyInternetOutbound",
  namePrefix: null,
} as const satisfies TargetArgMap<NsgSettings, NsgTargetArgs>;

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
  /** What the rules do with the model, decided by evaluating them: enforced, widened, not enforced, blocked, not applicable. */
  public readonly coverage: pulumi.Output<TargetCoverage>;
  /** Warnings from resolving, compiling and verifying (also reported with pulumi.log.warn). */
  public readonly warnings: pulumi.Output<string[]>;
  /** What evaluating the rules found: endpoints reached or blocked, and probe flows outside the model denied or let out. */
  public readonly verification: pulumi.Output<TargetVerificationSummary>;
  /** sha256 of the deployed rule data: it changes exactly when what this component deploys changes. */
  public readonly rulesHash: pulumi.Output<string>;

  /** Fails at once, with the reason, on arguments that can be checked before anything is fetched. */
  static check(args: NsgIntuneRulesArgs): NsgIntuneRulesArgs {
    checkModelArgs(args, "NsgIntuneRules");
    checkTargetArgs(normalizeNsgOptions, NSG_ARGS, args, "NsgIntuneRules");
    return args;
  }

  constructor(name: string, args: NsgIntuneRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("intune-egress:index:NsgIntuneRules", name, NsgIntuneRules.check(args), opts);
    const data = pulumi.output(this.getData());
    this.securityRuleIds = data.apply((d) => pulumi.all(d.rules.map((r) => r.id)));
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
    const a = args as NsgIntuneRulesArgs;
    const plan = await planTarget(this, a, name, (model, sources, namePrefix) =>
      verifiedTarget(
        "nsg",
        model,
        sources,
        targetOptions<NsgSettings, NsgTargetArgs>(NSG_ARGS, a, namePrefix),
        a.allowAnySource === true,
      ),
    );
    // Azure applies one write at a time to an NSG: parallel SecurityRule writes fail with AnotherOperationInProgress.
    // Each rule depends on the one before it, in priority order, so one update never writes two at once.
    const rules: network.SecurityRule[] = [];
    for (const planned of plan.layout.securityRules) {
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
      const previous = rules[rules.length - 1];
      const created = new network.SecurityRule(
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
        { parent: this, ...(previous ? { dependsOn: [previous] } : {}) },
      );
      rules.push(created);
    }
    const { data, outputs } = finishTarget(this, plan, "the rule layout assumes IPv4 sources.", {
      securityRuleIds: pulumi.all(rules.map((r) => r.id)),
    });
    this.registerOutputs(outputs);
    return { ...data, rules };
  }
}
