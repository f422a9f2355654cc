/** Port lists as the web service spells them ("80,443", "443,80", "80, 443", "", "123", "3478-3481"). */
import { PortError } from "../errors";

/** An inclusive port range; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const PORT = /^(?:0|[1-9]\d{0,4})$/;

function parsePort(list: string, text: string): number {
  if (!PORT.test(text)) throw new PortError(list, `"${text}" is not a port number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new PortError(list, `${port} is outside 1-65535`);
  return port;
}

/**
 * Parses a comma-separated port list into canonical specs: sorted, overlapping and adjacent ranges merged, each
 * spelled "443" or "1000-1005". An absent or empty list gives no ports.
 */
export function parsePortList(list: unknown): string[] {
  if (list === undefined || list === null) return [];
  if (typeof list !== "string") throw new PortError(String(list), `expected a string, got ${typeof list}`);
  if (list.trim() === "") return [];
  const ranges = list.split(",").map((part): PortRange => {
    const item = part.trim();
    if (item === "") throw new PortError(list, "it has an empty item");
    const dash = item.indexOf("-");
    if (dash < 0) {
      const port = parsePort(list, item);
      return { from: port, to: port };
    }
    const from = parsePort(list, item.slice(0, dash).trim());
    const to = parsePort(list, item.slice(dash + 1).trim());
    if (from > to) throw new PortError(list, `the range "${item}" runs backwards`);
    return { from, to };
  });
  return formatPortRanges(mergePortRanges(ranges));
}

/** Sorts and merges overlapping or adjacent ranges. */
export function mergePortRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) {
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

export function formatPortRanges(ranges: readonly PortRange[]): string[] {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`));
}

/** Parses one canonical spec ("443" or "1000-1005"). */
/** Whether a port list holds a port: each spec a port, a range "from-to", or "*" (every port, as targets write it). */
export function portsInclude(specs: readonly string[], port: number): boolean {
  return specs.some((spec) => {
    if (spec === "*") return true;
    const { from, to } = portRange(spec);
    return port >= from && port <= to;
  });
}

export function portRange(spec: string): PortRange {
  const dash = spec.indexOf("-");
  if (dash < 0) return { from: Number(spec), to: Number(spec) };
  return { from: Number(spec.slice(0, dash)), to: Number(spec.slice(dash + 1)) };
}

/** The union of canonical port lists, canonical again. */
export function unionPorts(...lists: ReadonlyArray<readonly string[]>): string[] {
  return formatPortRanges(mergePortRanges(lists.flat().map(portRange)));
}

/** The ports of `list` that are not in `remove`, canonical. */
export function subtractPorts(list: readonly string[], remove: readonly string[]): string[] {
  let pieces = mergePortRanges(list.map(portRange));
  for (const cut of remove.map(portRange)) {
    pieces = pieces.flatMap((r) => {
      if (cut.to < r.from || cut.from > r.to) return [r];
      const out: PortRange[] = [];
      if (cut.from > r.from) out.push({ from: r.from, to: cut.from - 1 });
      if (cut.to < r.to) out.push({ from: cut.to + 1, to: r.to });
      return out;
    });
  }
  return formatPortRanges(pieces);
}

/** The ports common to both lists, canonical. */
export function intersectPorts(a: readonly string[], b: readonly string[]): string[] {
  return subtractPorts(a, subtractPorts(a, b));
}
