/** NSG options and limits, each default and range written once. */
import { ConfigurationError } from "../../errors";
import { OptionSpelling } from "../../service/source";
import { OptionDescriptors } from "../options";

/** Security rules per NSG. */
export const NSG_MAX_RULES = 1000;
/** Address prefixes per NSG, counted separately for sources and destinations. */
export const NSG_MAX_PREFIXES = 4000;
export const NSG_MIN_PRIORITY = 100;
export const NSG_MAX_PRIORITY = 4096;

/** NSG options with every default applied. */
export interface NsgSettings {
  /** First priority the rules may use. @default 2000 */
  readonly priorityStart: number;
  /** Last priority the rules may use; the deny rules, if any, take the last ones. @default 2999 */
  readonly priorityEnd: number;
  /** Use the service tag AzureFrontDoor.MicrosoftSecurity for the model's Azure Front Door ranges. @default false */
  readonly useServiceTags: boolean;
  /** Add final rules denying the sources' other outbound traffic to the Internet. @default false */
  readonly denyInternetOutbound: boolean;
  /** Prefix of rule names. @default "intune" */
  readonly namePrefix: string;
}

export const NSG_OPTIONS: OptionDescriptors<NsgSettings> = {
  priorityStart: {
    kind: "integer",
    min: NSG_MIN_PRIORITY,
    max: NSG_MAX_PRIORITY,
    default: 2000,
    flag: "nsg-priority-start",
    doc: "first priority the rules may use",
  },
  priorityEnd: {
    kind: "integer",
    min: NSG_MIN_PRIORITY,
    max: NSG_MAX_PRIORITY,
    default: 2999,
    flag: "nsg-priority-end",
    doc: "last priority the rules may use",
  },
  useServiceTags: {
    kind: "boolean",
    default: false,
    flag: "use-service-tags",
    doc: "the AzureFrontDoor.MicrosoftSecurity tag for the Front Door ranges (wider than Intune)",
  },
  denyInternetOutbound: {
    kind: "boolean",
    default: false,
    flag: "deny-internet-outbound",
    doc: "deny the sources' other outbound Internet traffic",
  },
  namePrefix: { kind: "name", default: "intune", flag: "name-prefix", doc: "prefix of rule and resource names" },
};

/** The checks between options, after each is in range. */
export function checkNsgSettings(settings: NsgSettings, spell: OptionSpelling): NsgSettings {
  if (settings.priorityStart >= settings.priorityEnd)
    throw new ConfigurationError(
      `${spell("priorityStart")} (${settings.priorityStart}) must be below ${spell("priorityEnd")} (${settings.priorityEnd}).`,
    );
  return settings;
}
