import { EgressModel } from "../model/types";
import { AwsNetworkFirewallCompiled, AwsNetworkFirewallOptions, compileAwsNetworkFirewall } from "./awsNetworkFirewall";
import { AzureFirewallCompiled, AzureFirewallOptions, compileAzureFirewall } from "./azureFirewall";
import { NsgCompiled, NsgOptions, compileNsg } from "./nsg";

export * from "./awsNetworkFirewall";
export * from "./azureFirewall";
export * from "./cidr";
export * from "./common";
export * from "./nsg";

/** The targets the package compiles for. */
export const TARGETS = ["azure-firewall", "nsg", "aws-network-firewall"] as const;
export type Target = (typeof TARGETS)[number];

/** Options per target; a target is compiled when its options are given. Source addresses are shared. */
export interface CompileOptions {
  readonly sourceAddresses: readonly string[];
  readonly azureFirewall?: Omit<AzureFirewallOptions, "sourceAddresses">;
  readonly nsg?: Omit<NsgOptions, "sourceAddresses">;
  readonly awsNetworkFirewall?: Omit<AwsNetworkFirewallOptions, "sourceAddresses">;
}

export interface CompiledTargets {
  readonly azureFirewall?: AzureFirewallCompiled;
  readonly nsg?: NsgCompiled;
  readonly awsNetworkFirewall?: AwsNetworkFirewallCompiled;
}

/** Compiles the model for every target whose options are given. */
export function compileTargets(model: EgressModel, options: CompileOptions): CompiledTargets {
  const { sourceAddresses } = options;
  return {
    ...(options.azureFirewall
      ? { azureFirewall: compileAzureFirewall(model, { ...options.azureFirewall, sourceAddresses }) }
      : {}),
    ...(options.nsg ? { nsg: compileNsg(model, { ...options.nsg, sourceAddresses }) } : {}),
    ...(options.awsNetworkFirewall
      ? { awsNetworkFirewall: compileAwsNetworkFirewall(model, { ...options.awsNetworkFirewall, sourceAddresses }) }
      : {}),
  };
}

/** Every compiler warning, prefixed with nothing: each already names its target. */
export function targetWarnings(compiled: CompiledTargets): string[] {
  return [
    ...(compiled.azureFirewall?.warnings ?? []),
    ...(compiled.nsg?.warnings ?? []),
    ...(compiled.awsNetworkFirewall?.warnings ?? []),
  ];
}
