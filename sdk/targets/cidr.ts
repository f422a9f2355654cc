import * as ipaddr from "ipaddr.js";

/** An IP range as integers, inclusive. */
interface Range {
  readonly start: bigint;
  readonly end: bigint;
}

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

function fromBigInt(value: bigint, bits: number): string {
  const bytes: number[] = [];
  for (let i = bits / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  if (bits === 32) return new ipaddr.IPv4(bytes).toString();
  return (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
}

function toRange(cidr: string, bits: number): Range {
  const [ip, lengthText] = cidr.split("/");
  const length = Number(lengthText);
  const start = toBigInt(ipaddr.parse(ip ?? "").toByteArray());
  const size = 1n << BigInt(bits - length);
  return { start, end: start + size - 1n };
}

/** Splits an inclusive range into the fewest CIDR blocks that cover exactly it. */
function rangeToCidrs(range: Range, bits: number): string[] {
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
    out.push(`${fromBigInt(start, bits)}/${length}`);
    start += size;
  }
  return out;
}

/**
 * Aggregates prefixes of one family: drops prefixes contained in others and merges adjacent ones, giving the fewest
 * CIDRs that cover exactly the same addresses. Input must be canonical CIDRs of the given family; output is sorted.
 */
export function aggregateCidrs(cidrs: readonly string[], family: 4 | 6): string[] {
  const bits = family === 4 ? 32 : 128;
  const ranges = cidrs
    .map((c) => toRange(c, bits))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end + 1n) {
      merged[merged.length - 1] = { start: last.start, end: range.end > last.end ? range.end : last.end };
    } else {
      merged.push(range);
    }
  }
  return merged.flatMap((r) => rangeToCidrs(r, bits));
}

/**
 * Like {@link aggregateCidrs}, and also says which input prefixes each output prefix covers (each input lies in
 * exactly one output). Linear after sorting.
 */
export function aggregateCidrsWithMembers(
  cidrs: readonly string[],
  family: 4 | 6,
): Array<{ cidr: string; members: string[] }> {
  const bits = family === 4 ? 32 : 128;
  const inputs = cidrs
    .map((c) => ({ cidr: c, range: toRange(c, bits) }))
    .sort((a, b) => (a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : 0));
  const out: Array<{ cidr: string; members: string[] }> = [];
  let i = 0;
  for (const cidr of aggregateCidrs(cidrs, family)) {
    const block = toRange(cidr, bits);
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
  const bits = outer.includes(":") ? 128 : 32;
  if (inner.includes(":") !== outer.includes(":")) return false;
  const o = toRange(outer, bits);
  const i = toRange(inner, bits);
  return i.start >= o.start && i.end <= o.end;
}
