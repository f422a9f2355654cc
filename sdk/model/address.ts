import * as ipaddr from "ipaddr.js";
import { Address, AddressForm, EndpointType, WildcardPattern } from "./types";
import { AddressError } from "../errors";

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
/** A DNS label: letters, digits and inner hyphens (RFC 1035/1123), lower case after canonicalisation. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** The part of a label a `*` leaves: may start or end with a hyphen (`*-files`, `pay*`). */
const LABEL_FRAGMENT = /^[a-z0-9-]*$/;
const IPV4_SHAPE = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_SHAPE = /^[0-9a-f:.]+$/;
const PREFIX_LENGTH = /^(?:0|[1-9]\d{0,2})$/;

/**
 * Parses one address as the web service or the catalog spells it, and returns its canonical value and form.
 * Accepted: an FQDN, `*.suffix`, a prefix wildcard `*cdn.example.com`, a mid-label wildcard
 * (`autodiscover.*.onmicrosoft.com`, `payloadprod*.blob.core.windows.net`), an IPv4 or IPv6 CIDR (or a bare IP,
 * taken as a host route). Anything else throws {@link AddressError}. Names are lower-cased; CIDRs are reduced to their
 * network address.
 */
export function parseAddress(raw: unknown): Address {
  if (typeof raw !== "string") {
    throw new AddressError(String(raw), `expected a string, got ${raw === null ? "null" : typeof raw}`);
  }
  if (raw.length === 0) throw new AddressError(raw, "it is empty");
  if (raw.length > MAX_NAME_LENGTH + 2) throw new AddressError(raw, `it is longer than ${MAX_NAME_LENGTH} characters`);
  // Nothing outside this set can appear in a name, a wildcard or a CIDR. This rejects quotes, semicolons, spaces,
  // schemes ("https://"), paths, ports ("host:443" fails later: ':' only passes in IPv6) and control characters.
  if (!/^[A-Za-z0-9.*:/-]+$/.test(raw)) {
    const bad = [...raw].find((c) => !/[A-Za-z0-9.*:/-]/.test(c)) ?? "";
    throw new AddressError(raw, `it contains ${describeChar(bad)}, which no host name or CIDR may contain`);
  }
  if (raw.includes("://")) throw new AddressError(raw, "it is a URL with a scheme; give the host name only");
  const value = raw.toLowerCase();
  const host = value.split("/")[0] ?? "";
  if (host.includes(":") && /[g-z*]/.test(host)) {
    throw new AddressError(raw, "a host name cannot contain ':'; give the name without a port");
  }
  if (host.includes(":") || /^[0-9.]+$/.test(host)) return parseCidr(raw, value);
  if (value.includes("/")) throw new AddressError(raw, "it has a path; give the host name only");
  if (value.includes("*")) return parseWildcard(raw, value);
  checkName(raw, value);
  return { value, form: "fqdn" };
}

function describeChar(c: string): string {
  if (c === " ") return "a space";
  if (c === '"') return "a double quote";
  if (c === "'") return "a single quote";
  if (c === ";") return "a semicolon";
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).padStart(4, "0")}`;
  return `the character ${JSON.stringify(c)}`;
}

function checkName(raw: string, name: string): void {
  if (name.length > MAX_NAME_LENGTH)
    throw new AddressError(raw, `the name is longer than ${MAX_NAME_LENGTH} characters`);
  if (name.endsWith(".")) throw new AddressError(raw, "it ends with a dot");
  const labels = name.split(".");
  if (labels.length < 2) throw new AddressError(raw, "a host name needs at least two labels");
  for (const label of labels) checkLabel(raw, label);
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) throw new AddressError(raw, "the top-level label is numeric");
}

function checkLabel(raw: string, label: string): void {
  if (label.length === 0) throw new AddressError(raw, "it has an empty label (two dots in a row, or a leading dot)");
  if (label.length > MAX_LABEL_LENGTH) throw new AddressError(raw, `the label "${label}" is longer than 63 characters`);
  if (!LABEL.test(label)) throw new AddressError(raw, `the label "${label}" is not a valid DNS label`);
}

function parseWildcard(raw: string, value: string): Address {
  const stars = value.split("*").length - 1;
  if (stars > 1) throw new AddressError(raw, "it has more than one '*'");
  const labels = value.split(".");
  const starIndex = labels.findIndex((l) => l.includes("*"));
  const starLabel = labels[starIndex] ?? "";
  const suffixLabels = labels.slice(starIndex + 1);
  if (suffixLabels.length < 2) {
    throw new AddressError(raw, "a wildcard must sit above a domain of at least two labels (not '*.com' or 'a.*')");
  }
  const suffix = suffixLabels.join(".");
  checkName(raw, suffix);
  for (const label of labels.slice(0, starIndex)) checkLabel(raw, label);
  const [before = "", after = ""] = starLabel.split("*");
  if (!LABEL_FRAGMENT.test(before) || !LABEL_FRAGMENT.test(after)) {
    throw new AddressError(raw, `the label "${starLabel}" is not a valid wildcard label`);
  }
  if (starLabel.length > MAX_LABEL_LENGTH) throw new AddressError(raw, `the label "${starLabel}" is too long`);
  let form: AddressForm;
  if (starIndex === 0 && starLabel === "*") form = "subdomains";
  else if (starIndex === 0 && before === "") form = "prefix";
  else form = "infix";
  return { value, form };
}

function parseCidr(raw: string, value: string): Address {
  const slash = value.indexOf("/");
  const ip = slash >= 0 ? value.slice(0, slash) : value;
  const lengthText = slash >= 0 ? value.slice(slash + 1) : undefined;
  const isV4 = !ip.includes(":");
  if (isV4 ? !IPV4_SHAPE.test(ip) : !IPV6_SHAPE.test(ip)) {
    throw new AddressError(raw, isV4 ? "it is not a dotted-decimal IPv4 address" : "it is not an IPv6 address");
  }
  if (lengthText !== undefined && !PREFIX_LENGTH.test(lengthText)) {
    throw new AddressError(raw, "the prefix length is not a number");
  }
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = isV4 ? ipaddr.IPv4.parse(ip) : ipaddr.IPv6.parse(ip);
  } catch {
    throw new AddressError(raw, isV4 ? "it is not a valid IPv4 address" : "it is not a valid IPv6 address");
  }
  const max = parsed.kind() === "ipv4" ? 32 : 128;
  const length = lengthText === undefined ? max : Number(lengthText);
  if (length > max) throw new AddressError(raw, `the prefix length ${length} is larger than ${max}`);
  if (length === 0) throw new AddressError(raw, "a /0 prefix would allow the whole Internet");
  if (parsed.kind() === "ipv4") {
    const network = ipaddr.IPv4.networkAddressFromCIDR(`${parsed.toString()}/${length}`);
    return { value: `${network.toString()}/${length}`, form: "cidr4" };
  }
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) throw new AddressError(raw, "IPv4-mapped IPv6 addresses are not accepted; use IPv4");
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${v6.toString()}/${length}`);
  return { value: `${network.toRFC5952String()}/${length}`, form: "cidr6" };
}

/** The coarse type that `plan --format json` prints. */
export function endpointType(form: AddressForm): EndpointType {
  switch (form) {
    case "fqdn":
      return "fqdn";
    case "subdomains":
    case "prefix":
    case "infix":
      return "wildcard";
    case "cidr4":
      return "cidr4";
    case "cidr6":
      return "cidr6";
  }
}

/** Splits a wildcard address around its `*`. */
export function wildcardPattern(address: Address): WildcardPattern {
  const star = address.value.indexOf("*");
  if (star < 0) throw new Error(`${address.value} is not a wildcard`);
  return { head: address.value.slice(0, star), tail: address.value.slice(star + 1) };
}

/**
 * The narrowest `*.domain` that covers a mid-label or prefix wildcard: everything right of the label holding the
 * `*`. `autodiscover.*.onmicrosoft.com` becomes `*.onmicrosoft.com`; `payloadprod*.blob.core.windows.net` becomes
 * `*.blob.core.windows.net`.
 */
export function widenedWildcard(address: Address): string {
  const labels = address.value.split(".");
  const starIndex = labels.findIndex((l) => l.includes("*"));
  return `*.${labels.slice(starIndex + 1).join(".")}`;
}

/**
 * Whether `name` (a concrete host name) matches `address` under the model's semantics: exact for `fqdn`, strictly
 * below the domain for `subdomains`, and for `prefix`/`infix` the `*` stands for zero or more characters within one
 * label. The reference the tests hold each target's behaviour against; not used by rule rendering.
 */
export function nameMatches(address: Address, name: string): boolean {
  const host = name.toLowerCase();
  switch (address.form) {
    case "fqdn":
      return host === address.value;
    case "subdomains":
    case "prefix":
    case "infix": {
      const { head, tail } = wildcardPattern(address);
      if (!host.startsWith(head) || !host.endsWith(tail) || host.length < head.length + tail.length) return false;
      const middle = host.slice(head.length, host.length - tail.length);
      if (address.form === "subdomains") return middle.length > 0 && !middle.startsWith(".") && !middle.endsWith(".");
      return !middle.includes(".");
    }
    case "cidr4":
    case "cidr6":
      return false;
  }
}
