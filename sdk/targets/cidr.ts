import { Family, IpRange, fromBigInt, ipRange, rangeContains } from "../model/ip";

/** Splits an inclusive range into the fewest CIDR blocks that cover exactly it. */
function rangeToCidrs(range: IpRange): string[] {
  const bits = range.family === 4 ? 32 : 128;
  const out: string[] = [];
  let start = range.start;
  while (start <= range.end) {
    let size = 1n;
    let length = bits;
    // Grow the block while it stays aligned at `start` and inside the range.
    while (length > 0 && start % (size * 2n) === 0n && start + size * 2n - 1n <= range.end) {
      size *= 2n;
      length -= 1;
    }
    out.push(`${fromBigInt(start, range.family)}/${length}`);
    start += size;
  }
  return out;
}

/**
 * Aggregates prefixes of one family: drops prefixes contained in others and merges adjacent ones, giving the fewest
 * CIDRs that cover exactly the same addresses. Input must be canonical CIDRs of the given family; output is sorted.
 */
export function aggregateCidrs(cidrs: readonly string[], family: Family): string[] {
  const ranges = cidrs.map((c) => ipRange(c)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: IpRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end + 1n) {
      merged[merged.length - 1] = { family, start: last.start, end: range.end > last.end ? range.end : last.end };
    } else {
      merged.push(range);
    }
  }
  return merged.flatMap((r) => rangeToCidrs(r));
}

/**
 * Like {@link aggregateCidrs}, and also says which input prefixes each output prefix covers (each input lies in
 * exactly one output). Linear after sorting.
 */
export function aggregateCidrsWithMembers(
  cidrs: readonly string[],
  family: Family,
): Array<{ cidr: string; members: string[] }> {
  const inputs = cidrs
    .map((c) => ({ cidr: c, range: ipRange(c) }))
    .sort((a, b) => (a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : 0));
  const out: Array<{ cidr: string; members: string[] }> = [];
  let i = 0;
  for (const cidr of aggregateCidrs(cidrs, family)) {
    const block = ipRange(cidr);
    const members: string[] = [];
    while (i < inputs.length && (inputs[i]?.range.start ?? 0n) <= block.end) {
      const input = inputs[i];
      if (input) members.push(input.cidr);
      i++;
    }
    out.push({ cidr, members });
  }
  return out;
}

/** Whether `inner` lies inside `outer` (same family, canonical CIDRs). */
export function cidrContains(outer: string, inner: string): boolean {
  return rangeContains(ipRange(outer), ipRange(inner));
}
