/** The rule data the NSG compiler emits: inputs for standalone azure-native `network.SecurityRule` resources. */
import { CompiledTarget } from "../spec";
import { NsgSettings } from "./options";

/** NSG options as a caller gives them. */
export interface NsgOptions extends Partial<NsgSettings> {
  /** CIDRs of the managed devices. Required. */
  readonly sourceAddresses: readonly string[];
  /** Accept 0.0.0.0/0, ::/0 or * as a source: the rules then restrict nothing by source. @default false */
  readonly allowAnySource?: boolean;
}

/** Inputs for one `network.SecurityRule` (besides the NSG's name and resource group). */
export interface NsgSecurityRule {
  readonly name: string;
  readonly description: string;
  readonly priority: number;
  readonly direction: "Outbound";
  readonly access: "Allow" | "Deny";
  readonly protocol: "Tcp" | "Udp" | "*";
  readonly sourcePortRange: "*";
  readonly sourceAddressPrefixes: readonly string[];
  readonly destinationAddressPrefix?: string;
  readonly destinationAddressPrefixes?: readonly string[];
  readonly destinationPortRange?: string;
  readonly destinationPortRanges?: readonly string[];
}

export interface NsgCompiled extends CompiledTarget {
  readonly securityRules: readonly NsgSecurityRule[];
  readonly stats: {
    readonly rules: number;
    readonly destinationPrefixes: number;
    readonly sourcePrefixes: number;
    readonly modelPrefixes: number;
  };
}
