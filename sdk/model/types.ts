/**
 * The endpoint model's types. Everything downstream (compilers, components, CLI) reads these; nothing here imports
 * Pulumi or does I/O.
 */

/** Service instances of the Microsoft 365 IP Address and URL web service. */
export const INSTANCES = ["Worldwide", "USGovDoD", "USGovGCCHigh", "China"] as const;
export type Instance = (typeof INSTANCES)[number];

/** Service areas the web service knows. `Common` is always returned by the service, whatever is asked for. */
export const SERVICE_AREAS = ["MEM", "Common", "Exchange", "SharePoint", "Skype"] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

/** Connectivity categories, lowest precedence first. */
export const CATEGORIES = ["Default", "Allow", "Optimize"] as const;
export type Category = (typeof CATEGORIES)[number];

/** Tenant regions the Intune documentation distinguishes ("Tenant location" in the Intune admin center). */
export const REGIONS = ["NA", "EU", "AP"] as const;
export type Region = (typeof REGIONS)[number];

/** Where the data of a model came from. */
export type ModelSource = "live" | "cache" | "snapshot";

/**
 * The one form of an address, decided once at parse time. Every compiler switches on it.
 * - `fqdn`: `a.b.c`
 * - `subdomains`: `*.b.c`, every name below `b.c` but not `b.c` itself
 * - `prefix`: `*cdn.b.c`, any first label that ends in `cdn`, under `b.c`
 * - `infix`: `a.*.c` or `pay*.b.c`, a `*` inside the name; it stands for characters within one label
 * - `cidr4`, `cidr6`: an IP prefix
 */
export type AddressForm = "fqdn" | "subdomains" | "prefix" | "infix" | "cidr4" | "cidr6";

/** The coarse type printed in `plan --format json`. */
export type EndpointType = "fqdn" | "wildcard" | "cidr4" | "cidr6";

/** A validated address in canonical spelling (lower-case names, network-address CIDRs). */
export interface Address {
  readonly value: string;
  readonly form: AddressForm;
}

/**
 * A name pattern with exactly one `*`: `head*tail`. For `subdomains` head is empty and tail starts with a dot; for
 * `prefix` head is empty; for `infix` both are set. The `*` matches characters within one DNS label.
 */
export interface WildcardPattern {
  readonly head: string;
  readonly tail: string;
}

/** One endpoint set as published by the web service, validated. */
export interface EndpointSet {
  readonly id: number;
  readonly serviceArea: string;
  readonly serviceAreaDisplayName?: string;
  readonly category: Category;
  readonly required: boolean;
  readonly expressRoute: boolean;
  /** Canonical port specs: "443", "1000-1005", sorted, merged. */
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  readonly urls: readonly Address[];
  readonly ips: readonly Address[];
  readonly notes?: string;
}

/** Where an endpoint of the model came from. */
export type Origin = { kind: "service"; setId: number } | { kind: "catalog"; feature: string };

/** One address of the resolved model, with everything merged from every source that names it. */
export interface Endpoint {
  readonly address: string;
  readonly form: AddressForm;
  readonly type: EndpointType;
  readonly tcpPorts: readonly string[];
  readonly udpPorts: readonly string[];
  readonly category: Category;
  readonly required: boolean;
  readonly features: readonly string[];
  readonly regions: readonly Region[];
  /** TLS inspection breaks this endpoint (Microsoft: not supported); exclude it from inspection. */
  readonly tlsInspectionUnsupported: boolean;
  /** Azure service tag that publishes this range, when the catalog knows one. */
  readonly serviceTag?: string;
  readonly origins: readonly Origin[];
}

/** The resolved, canonical, hashed model that every compiler reads. */
export interface EgressModel {
  readonly instance: Instance;
  /** The web service version (YYYYMMDDNN) of the service data, or null when the data's version was not recorded. */
  readonly version: string | null;
  readonly source: ModelSource;
  /** sha256 of the canonical JSON of instance and endpoints (not version or source), hex. */
  readonly hash: string;
  readonly endpoints: readonly Endpoint[];
}
