/** Suricata rule text for AWS Network Firewall: the exact match of each address form, and safe rendering. */
import { wildcardPattern } from "../../model/address";
import { Endpoint } from "../../model/types";

/** One Suricata rule before its sid is known. */
export interface Draft {
  readonly body: string;
  readonly drop: boolean;
}

const SAFE_TEXT = /^[a-z0-9.-]+$/;

/** Defence in depth: only validated host-name characters ever reach rule text. */
function safe(text: string): string {
  if (!SAFE_TEXT.test(text)) throw new Error(`refusing to render ${JSON.stringify(text)} into a Suricata rule`);
  return text;
}

function pcreEscape(text: string): string {
  return safe(text).replace(/\./g, "\\.");
}

export function suricataPorts(ports: readonly string[]): string {
  const items = ports.map((p) => p.replace("-", ":"));
  return items.length === 1 ? (items[0] ?? "any") : `[${items.join(",")}]`;
}

/** The sticky-buffer match of a name in its form's exact semantics. `nocase` for the SNI; the Host buffer is lower case. */
export function nameMatch(endpoint: Endpoint, nocase: boolean): string {
  const nc = nocase ? " nocase;" : "";
  const flags = nocase ? "i" : "";
  switch (endpoint.form) {
    case "fqdn":
      return `content:"${safe(endpoint.address)}"; startswith; endswith;${nc}`;
    case "subdomains": {
      const { tail } = wildcardPattern({ value: endpoint.address, form: endpoint.form });
      return `content:"${safe(tail)}"; endswith;${nc}`;
    }
    case "prefix": {
      const { tail } = wildcardPattern({ value: endpoint.address, form: endpoint.form });
      return `content:"${safe(tail)}"; endswith;${nc} pcre:"/^[^.]*${pcreEscape(tail)}$/${flags}";`;
    }
    case "infix": {
      const { head, tail } = wildcardPattern({ value: endpoint.address, form: endpoint.form });
      return `content:"${safe(head)}"; startswith;${nc} content:"${safe(tail)}"; distance:0; endswith;${nc} pcre:"/^${pcreEscape(head)}[^.]*${pcreEscape(tail)}$/${flags}";`;
    }
    case "cidr4":
    case "cidr6":
      throw new Error(`${endpoint.address} is not a name`);
  }
}

export function message(text: string): string {
  if (/["';\\]/.test(text)) throw new Error(`refusing to render ${JSON.stringify(text)} into a Suricata msg`);
  return text;
}
