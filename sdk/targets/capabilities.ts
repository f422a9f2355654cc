/**
 * Capability tables: for each address form (and UDP to a name), whether a target enforces it exactly, widens it,
 * enforces it only with an option, or cannot express it. Each target writes its table once, in its own folder, with
 * the reasons its compiler reports in coverage; the README's matrix is tested against the tables.
 */

/** The columns of the matrix: the address forms, IP prefixes, and UDP to a name. */
export const CAPABILITY_COLUMNS = ["fqdn", "subdomains", "prefix", "infix", "cidr", "udpName"] as const;
export type CapabilityColumn = (typeof CAPABILITY_COLUMNS)[number];

/** The README's heading of each column. */
export const CAPABILITY_HEADINGS: Readonly<Record<CapabilityColumn, string>> = {
  fqdn: "names (`a.b.c`)",
  subdomains: "`*.b.c`",
  prefix: "`*cdn.b.c`",
  infix: "`a.*.c`, `pay*.b.c`",
  cidr: "IP prefixes",
  udpName: "UDP to a name",
};

/**
 * - `enforced`: exactly what the model says;
 * - `widened`: more than the model says, reported in coverage;
 * - `option`: depends on an option named in the summary;
 * - `no`: the target cannot express it, reported in coverage.
 */
export type Support = "enforced" | "widened" | "option" | "no";

export interface Capability {
  readonly support: Support;
  /** How, in a few words (the README's cell after the verdict). */
  readonly summary: string;
}

export type CapabilityTable = Readonly<Record<CapabilityColumn, Capability>>;

/** The README's cell for a capability: the verdict in bold, then the summary. */
export function capabilityCell(capability: Capability): string {
  return `**${capability.support}**: ${capability.summary}`;
}
