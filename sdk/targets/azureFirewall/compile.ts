/**
 * Azure Firewall Policy: the model as inputs for azure-native `network.FirewallPolicyRuleCollectionGroup`. The steps:
 * classify each endpoint by its address form (classify.ts), render one rule per bucket (render.ts), and pack the rules
 * into groups (pack.ts). What each form becomes, and why, is in capabilities.ts.
 */
import { ConfigurationError } from "../../errors";
import { EgressModel } from "../../model/types";
import { OptionSpelling } from "../../service/source";
import { CoverageBuilder } from "../coverage";
import { GivenOptions, normalizeOptions } from "../options";
import { parseSources } from "../sources";
import { classify } from "./classify";
import { AZURE_FIREWALL_OPTIONS, AZURE_MAX_NETWORK_PAIRS, AzureFirewallSettings } from "./options";
import { byteLength, packGroups } from "./pack";
import { applicationRules, networkRules } from "./render";
import { AzureFirewallCompiled, AzureFirewallOptions } from "./types";

/** Applies every default and checks every range, once. */
export function normalizeAzureFirewallOptions(
  given: GivenOptions<AzureFirewallSettings> | undefined,
  spell: OptionSpelling = (o) => `azureFirewall.${o}`,
): AzureFirewallSettings {
  return normalizeOptions(AZURE_FIREWALL_OPTIONS, given, spell);
}

/** Compiles the model for Azure Firewall Policy. Pure and deterministic. */
export function compileAzureFirewall(model: EgressModel, options: AzureFirewallOptions): AzureFirewallCompiled {
  const settings = normalizeAzureFirewallOptions(options);
  const sources = parseSources(options.sourceAddresses, "azureFirewall", options.allowAnySource);
  const coverage = new CoverageBuilder(model.endpoints);
  const classified = classify(model, settings, sources, coverage);
  const network = networkRules(classified.network, sources, coverage);
  const application = applicationRules(classified.application, sources, coverage);

  const networkPairs = network.reduce(
    (n, r) => n + r.sourceAddresses.length * (r.destinationAddresses?.length ?? r.destinationFqdns?.length ?? 0),
    0,
  );
  if (networkPairs > AZURE_MAX_NETWORK_PAIRS) {
    throw new ConfigurationError(
      `Azure Firewall: the network rules hold ${networkPairs} source/destination pairs, over the limit of ${AZURE_MAX_NETWORK_PAIRS}. Give fewer, larger source prefixes (sourceAddresses has ${sources.all.length}).`,
    );
  }

  const groups = packGroups(network, application, {
    prefix: settings.namePrefix,
    basePriority: settings.priority,
    maxBytes: settings.maxGroupBytes,
  });
  return {
    ruleCollectionGroups: groups,
    coverage: coverage.build(),
    warnings: classified.warnings,
    stats: {
      applicationRules: application.length,
      networkRules: network.length,
      targetFqdns: application.reduce((n, r) => n + r.targetFqdns.length, 0),
      destinationAddresses: network.reduce((n, r) => n + (r.destinationAddresses?.length ?? 0), 0),
      networkPairs,
      groupBytes: groups.map(byteLength),
    },
  };
}
