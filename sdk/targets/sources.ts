/** The source addresses (the managed devices), checked once for every target. */
import * as ipaddr from "ipaddr.js";
import { ConfigurationError } from "../errors";

/** Source addresses checked once for every target: CIDRs or IPs of either family, never empty. */
export interface Sources {
  readonly all: readonly string[];
  readonly v4: readonly string[];
  readonly v6: readonly string[];
}

function anyError(target: string, raw: string): ConfigurationError {
  return new ConfigurationError(
    `${target}: source address ${JSON.stringify(raw)} is every address, so the rules would let any device out. Give the managed devices' CIDRs, or set allowAnySource: true (--allow-any-source) if that is really meant.`,
  );
}

/** Validates the source addresses (the managed devices). There is no default: an egress rule needs its sources. */
export function parseSources(values: readonly string[] | undefined, target: string, allowAnySource = false): Sources {
  if (!values || values.length === 0) {
    throw new ConfigurationError(
      `${target}: sourceAddresses is required: give the CIDRs of the managed devices (e.g. ["10.20.0.0/16"]).`,
    );
  }
  const v4: string[] = [];
  const v6: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === "*") {
      if (!allowAnySource) throw anyError(target, raw);
      v4.push("0.0.0.0/0");
      v6.push("::/0");
      continue;
    }
    const [ip = "", length] = value.split("/");
    const valid =
      /^[0-9a-fA-F:.]+$/.test(ip) &&
      (length === undefined || /^\d{1,3}$/.test(length)) &&
      (ip.includes(":") ? ipaddr.IPv6.isValid(ip) : ipaddr.IPv4.isValidFourPartDecimal(ip));
    if (!valid) {
      throw new ConfigurationError(
        `${target}: source address ${JSON.stringify(raw)} is not an IPv4 or IPv6 address or CIDR.`,
      );
    }
    const parsed = ipaddr.parse(ip);
    const bits = parsed.kind() === "ipv4" ? 32 : 128;
    const prefix = length === undefined ? bits : Number(length);
    if (prefix > bits)
      throw new ConfigurationError(
        `${target}: source address ${JSON.stringify(raw)} has a prefix longer than ${bits}.`,
      );
    if (prefix === 0 && !allowAnySource) throw anyError(target, raw);
    const network =
      parsed.kind() === "ipv4"
        ? ipaddr.IPv4.networkAddressFromCIDR(`${ip}/${prefix}`).toString()
        : ipaddr.IPv6.networkAddressFromCIDR(`${ip}/${prefix}`).toRFC5952String();
    (bits === 32 ? v4 : v6).push(`${network}/${prefix}`);
  }
  const unique = (list: string[]) => [...new Set(list)];
  return { all: [...unique(v4), ...unique(v6)], v4: unique(v4), v6: unique(v6) };
}
