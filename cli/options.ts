import { parseArgs } from "util";
import { CATEGORIES, Category, REGIONS, Region } from "../sdk/model/types";
import { ResolveOptions, checkResolveOptions, parseInstance } from "../sdk/resolve";
import { DataSource } from "../sdk/service/source";
import { ConfigurationError } from "../sdk/errors";
import { parseAddress } from "../sdk/model/address";
import { terminalText } from "./escape";
import { writeWarnings } from "./format";

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown then, or with --verbose). */
  readonly interactive: boolean;
}

/** A command-line mistake: exit code 1 with the message and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

type OptionSpec = { type: "string" | "boolean"; multiple?: boolean; short?: string };

/** Options every model-reading command takes. */
export const MODEL_OPTIONS: Record<string, OptionSpec> = {
  source: { type: "string" },
  region: { type: "string", multiple: true },
  feature: { type: "string", multiple: true },
  "exclude-feature": { type: "string", multiple: true },
  category: { type: "string", multiple: true },
  "required-only": { type: "boolean" },
  "include-m365-common": { type: "boolean" },
  "do-peer": { type: "string", multiple: true },
  instance: { type: "string" },
  "service-url": { type: "string" },
  "cache-dir": { type: "string" },
  "no-ipv6": { type: "boolean" },
  "max-removal-ratio": { type: "string" },
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
};

export const MODEL_OPTIONS_HELP = `Model options:
  --source auto|live|cache|snapshot  where the data comes from (default auto: the service, falling back to the
                                     cache, then the embedded snapshot; live never falls back)
  --region NA|EU|AP                  tenant region, repeatable (default: all three)
  --feature F                        exactly these features, repeatable (default: every required feature);
                                     --feature +F adds F to the defaults (or to the exact ones given)
  --exclude-feature F                leave feature F out, repeatable
  --category Optimize|Allow|Default  keep only these categories, repeatable
  --required-only                    keep only endpoints marked required
  --include-m365-common              include every Microsoft 365 Common set, not only Intune's dependencies
  --do-peer CIDR                     peer range for the delivery-optimization-peering feature, repeatable
  --instance I                       Worldwide (default), USGovDoD, USGovGCCHigh or China
  --service-url URL                  web service base URL (default $INTUNE_EGRESS_SERVICE_URL or https://endpoints.office.com)
  --cache-dir DIR                    cache directory (default $INTUNE_EGRESS_CACHE_DIR or ~/.cache/intune-egress)
  --no-ipv6                          leave IPv6 prefixes out
  --max-removal-ratio R              safety brake: fail when new data removes more than R of the known addresses (default 0.25; 1 = off)
  -v, --verbose                      show progress even when stderr is not a terminal`;

export function parseCommandArgs(args: readonly string[], options: Record<string, OptionSpec>) {
  // A value-taking option followed by a value that starts with "-" ("--max-removal-ratio -1") is joined as
  // "--option=value", so that the value reaches its own range check instead of parseArgs's "ambiguous".
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    const next = args[i + 1];
    if (name && options[name]?.type === "string" && next !== undefined && /^-\S/.test(next) && !next.startsWith("--")) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  try {
    return parseArgs({ args: joined, options, strict: true, allowPositionals: false });
  } catch (error) {
    // parseArgs errors come from Node's own realm, so `instanceof Error` is not reliable here.
    const message =
      typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
    throw new UsageError(message.replace(/\. To specify.*$/s, ""));
  }
}

/** The allowed value `value` names (case-insensitive), or a usage error naming the option and the choices. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw new UsageError(`--${option} ${value} is not one of ${allowed.join(", ")}`);
  return match;
}

/** Parsed command-line values. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A repeatable option's values, each of which may also be a comma-separated list. */
export function strings(values: Values, name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v])
    .map(String)
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Turns the model options into {@link ResolveOptions}. */
export function resolveOptionsFrom(values: Values, io: CliIo): ResolveOptions {
  const source =
    values.source === undefined
      ? "auto"
      : oneOf(String(values.source), ["auto", "live", "cache", "snapshot"] as const, "source");
  const regions = strings(values, "region").map((r) => oneOf(r, REGIONS, "region")) as Region[];
  const categories = strings(values, "category").map((c) => oneOf(c, CATEGORIES, "category")) as Category[];
  let maxRemovalRatio: number | undefined;
  if (values["max-removal-ratio"] !== undefined) {
    const text = String(values["max-removal-ratio"]).trim();
    if (text === "" || !Number.isFinite(Number(text)))
      throw new UsageError(
        `--max-removal-ratio must be a number from 0 to 1 (1 turns the brake off), got ${JSON.stringify(values["max-removal-ratio"])}`,
      );
    maxRemovalRatio = Number(text);
  }
  for (const peer of strings(values, "do-peer")) {
    let form: string;
    try {
      form = parseAddress(peer).form;
    } catch (error) {
      form = error instanceof Error ? error.message : String(error);
    }
    if (form !== "cidr4" && form !== "cidr6")
      throw new UsageError(
        `--do-peer ${JSON.stringify(peer)} is not an IP range: give the CIDR of devices that may peer (e.g. 10.20.0.0/16)`,
      );
  }
  const features = strings(values, "feature");
  const exactFeatures = features.filter((f) => !f.startsWith("+"));
  const addedFeatures = features.filter((f) => f.startsWith("+")).map((f) => f.slice(1));
  if (
    strings(values, "do-peer").length > 0 &&
    !features.some((f) => f.replace(/^\+/, "") === "delivery-optimization-peering")
  )
    writeWarnings(io, [
      "--do-peer has no effect without --feature delivery-optimization-peering (or --feature +delivery-optimization-peering): peering is opt-in.",
    ]);
  const verbose = values.verbose === true || io.interactive;
  let instance;
  try {
    instance = values.instance === undefined ? undefined : parseInstance(String(values.instance));
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(`--instance: ${error.message}`);
    throw error;
  }
  const options: ResolveOptions = {
    source: source as DataSource,
    ...(instance ? { instance } : {}),
    ...(values["service-url"] !== undefined ? { serviceUrl: String(values["service-url"]) } : {}),
    ...(values["cache-dir"] !== undefined ? { cacheDir: String(values["cache-dir"]) } : {}),
    ...(regions.length > 0 ? { regions } : {}),
    // --feature x (exactly these) and --feature +x (added to the defaults, or to the exact ones given).
    ...(exactFeatures.length > 0 ? { features: exactFeatures } : {}),
    ...(addedFeatures.length > 0 ? { addFeatures: addedFeatures } : {}),
    ...(strings(values, "exclude-feature").length > 0 ? { excludeFeatures: strings(values, "exclude-feature") } : {}),
    ...(categories.length > 0 ? { categories } : {}),
    ...(values["required-only"] ? { requiredOnly: true } : {}),
    ...(values["include-m365-common"] ? { includeMicrosoft365Common: true } : {}),
    ...(strings(values, "do-peer").length > 0 ? { deliveryOptimizationPeers: strings(values, "do-peer") } : {}),
    ...(values["no-ipv6"] ? { ipv6: false } : {}),
    ...(maxRemovalRatio !== undefined ? { maxRemovalRatio } : {}),
    ...(verbose ? { onProgress: (message: string) => io.stderr(`intune-egress: ${terminalText(message)}\n`) } : {}),
  };
  try {
    checkResolveOptions(options, (option) => MODEL_FLAGS[option] ?? option);
  } catch (error) {
    throw error instanceof ConfigurationError ? new UsageError(error.message) : error;
  }
  return options;
}

/** The flag that sets each model option, for errors in the CLI's terms. */
const MODEL_FLAGS: Record<string, string> = {
  features: "--feature",
  addFeatures: "--feature",
  excludeFeatures: "--exclude-feature",
  regions: "--region",
  categories: "--category",
  instance: "--instance",
  source: "--source",
  maxRemovalRatio: "--max-removal-ratio",
  serviceUrl: "--service-url",
  deliveryOptimizationPeers: "--do-peer",
};
