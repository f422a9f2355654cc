/**
 * IP addresses and prefixes as integer ranges: parsed once (memoized), for CIDR aggregation in the compilers and fast
 * containment checks in the evaluators.
 */
import * as ipaddr from "ipaddr.js";

export type Family = 4 | 6;

export interface IpRange {
  readonly family: Family;
  readonly start: bigint;
  readonly end: bigint;
}

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** An address's family, or undefined when it is not an IP address. */
export function ipFamily(value: string): Family | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return 4;
  if (value.includes(":") && ipaddr.IPv6.isValid(value)) return 6;
  return undefined;
}

const parsed = new Map<string, IpRange>();

/** A CIDR (or a single address) as a range; memoized, as evaluators meet the same addresses again and again. */
export function ipRange(cidr: string): IpRange {
  let range = parsed.get(cidr);
  if (!range) {
    range = parseRange(cidr);
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(cidr, range);
  }
  return range;
}

function parseRange(cidr: string): IpRange {
  const [ip = "", length] = cidr.split("/");
  const parsed = ipaddr.parse(ip);
  const family: Family = parsed.kind() === "ipv4" ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const prefix = length === undefined ? bits : Number(length);
  const size = 1n << BigInt(bits - prefix);
  const start = (toBigInt(parsed.toByteArray()) / size) * size;
  return { family, start, end: start + size - 1n };
}

export function rangeContains(range: IpRange, address: IpRange): boolean {
  return range.family === address.family && address.start >= range.start && address.end <= range.end;
}

/** The address an integer stands for, in canonical spelling. */
export function fromBigInt(value: bigint, family: Family): string {
  const bytes: number[] = [];
  for (let i = (family === 4 ? 4 : 16) - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  if (family === 4) return new ipaddr.IPv4(bytes).toString();
  return (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
}

/** The first and last usable addresses of a prefix (its only address for a /32 or /128; both for a /31 or /127). */
export function usableAddresses(cidr: string): string[] {
  const range = ipRange(cidr);
  const size = range.end - range.start + 1n;
  if (size === 1n) return [fromBigInt(range.start, range.family)];
  if (size === 2n) return [fromBigInt(range.start, range.family), fromBigInt(range.end, range.family)];
  return [fromBigInt(range.start + 1n, range.family), fromBigInt(range.end - 1n, range.family)];
}
