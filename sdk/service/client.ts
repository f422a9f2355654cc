import axios, { AxiosResponse } from "axios";
import {
  ChangeRecord,
  VersionInfo,
  parseChangesResponse,
  expectedServiceAreas,
  parseEndpointsResponse,
  parseVersionResponse,
} from "../model/parse";
import { EndpointSet, Instance } from "../model/types";
import { ConfigurationError, ServiceDataError, ServiceUnavailableError } from "../errors";
import { VERSION_PATTERN, quoteWire, redactSecrets } from "../model/values";

export const DEFAULT_SERVICE_URL = "https://endpoints.office.com";

export interface ServiceClientOptions {
  /** Base URL of the web service. @default INTUNE_EGRESS_SERVICE_URL, else https://endpoints.office.com */
  readonly serviceUrl?: string;
  /** The machine's GUID for the `clientrequestid` parameter. */
  readonly clientRequestId: string;
  /** Per-request timeout in milliseconds, covering connect, headers and body. @default 15000 */
  readonly timeoutMs?: number;
  /** Attempts per request, including the first. @default 3 */
  readonly maxAttempts?: number;
  /** First backoff delay after a network error or 5xx; it doubles on each retry. @default 500 */
  readonly retryDelayMs?: number;
  /** Longest Retry-After (429) the client waits for; a longer one fails the request at once. @default 60 */
  readonly maxRetryAfterSeconds?: number;
  /** Largest response body accepted, in bytes. @default 20 MiB */
  readonly maxResponseBytes?: number;
  /** Waits; replaceable in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Progress messages for long operations. */
  readonly onProgress?: (message: string) => void;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * Validates and normalises a service URL: https, or plain http for a loopback host only; no credentials, query or
 * fragment. Returns the URL without a trailing slash.
 */
export function normaliseServiceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(
      `The service URL ${quoteWire(redactSecrets(value))} is not a URL. Give e.g. https://endpoints.office.com.`,
    );
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === "http:" && !loopback) {
    throw new ConfigurationError(
      `The service URL ${redactSecrets(value)} uses plain http. Endpoint data decides what your firewall allows, so only https is accepted (http only for a loopback test server).`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(`The service URL ${quoteWire(redactSecrets(value))} must use https.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationError(
      `The service URL ${redactSecrets(value)} must not carry credentials, a query or a fragment: give the base URL only.`,
    );
  }
  return url.toString().replace(/\/+$/, "");
}

export function defaultServiceUrl(option?: string): string {
  return normaliseServiceUrl(option ?? process.env.INTUNE_EGRESS_SERVICE_URL ?? DEFAULT_SERVICE_URL);
}

/** Network error codes worth another attempt. DNS "not found" is not: it will not fix itself in a second. */
const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ERR_CANCELED",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterSeconds(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== "string" || header.trim() === "") return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * The real HTTP client of the Microsoft 365 IP Address and URL web service: `/version`, `/endpoints` and `/changes`,
 * with timeouts, bounded retries with backoff on network errors and 5xx, and Retry-After on 429.
 */
export class EndpointsServiceClient {
  readonly serviceUrl: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryAfterSeconds: number;
  private readonly maxResponseBytes: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly progress: (message: string) => void;

  constructor(private readonly options: ServiceClientOptions) {
    this.serviceUrl = defaultServiceUrl(options.serviceUrl);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 60;
    this.maxResponseBytes = options.maxResponseBytes ?? 20 * 1024 * 1024;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.progress = options.onProgress ?? (() => undefined);
  }

  async getVersion(instance: Instance): Promise<VersionInfo> {
    const body = await this.getJson(`/version/${instance}`, {}, `version of ${instance}`);
    return parseVersionResponse(body, instance);
  }

  /** `/endpoints/{instance}?ServiceAreas=...`. The service always adds the Common sets. */
  async getEndpoints(
    instance: Instance,
    serviceAreas: readonly string[],
  ): Promise<{ sets: EndpointSet[]; body: unknown }> {
    const areas = serviceAreas.filter((a) => a.toLowerCase() !== "common");
    const query: Record<string, string> = areas.length > 0 ? { ServiceAreas: areas.join(",") } : {};
    const body = await this.getJson(
      `/endpoints/${instance}`,
      query,
      `endpoints of ${instance} (${areas.join(",") || "Common"})`,
    );
    return { sets: parseEndpointsResponse(body, expectedServiceAreas(instance, areas)), body };
  }

  /** `/changes/{instance}/{version}`: every change published after `version`. */
  async getChanges(instance: Instance, version: string, serviceAreas: readonly string[] = []): Promise<ChangeRecord[]> {
    if (!VERSION_PATTERN.test(version))
      throw new ConfigurationError(`The version ${JSON.stringify(version)} is not a 10-digit version.`);
    const areas = serviceAreas.filter((a) => a.toLowerCase() !== "common");
    const query: Record<string, string> = areas.length > 0 ? { ServiceAreas: areas.join(",") } : {};
    const body = await this.getJson(
      `/changes/${instance}/${version}`,
      query,
      `changes of ${instance} since ${version}`,
    );
    return parseChangesResponse(body);
  }

  private async getJson(pathname: string, query: Record<string, string>, what: string): Promise<unknown> {
    const params = new URLSearchParams({ ...query, clientrequestid: this.options.clientRequestId });
    const url = `${this.serviceUrl}${pathname}?${params.toString()}`;
    let lastReason = "no attempt made";
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      this.progress(
        attempt === 1 ? `requesting ${what}` : `requesting ${what} (attempt ${attempt} of ${this.maxAttempts})`,
      );
      let response: AxiosResponse<string>;
      try {
        response = await axios.get<string>(url, {
          timeout: this.timeoutMs,
          signal: AbortSignal.timeout(this.timeoutMs),
          responseType: "text",
          transformResponse: [(data: string) => data],
          validateStatus: () => true,
          maxContentLength: this.maxResponseBytes,
          maxRedirects: 3,
          headers: { Accept: "application/json", "User-Agent": "intune-egress" },
        });
      } catch (error) {
        const code = errorCode(error);
        const timedOut = code === "ECONNABORTED" || code === "ERR_CANCELED" || code === "ETIMEDOUT";
        const message = error instanceof Error ? error.message : String(error);
        lastReason = timedOut
          ? `no complete answer within ${this.timeoutMs} ms`
          : code && !message.includes(code)
            ? `${code}: ${message}`
            : message;
        if (code === "ERR_BAD_RESPONSE" && /maxContentLength/.test(String(error))) {
          throw new ServiceDataError(`the ${what} response is larger than ${this.maxResponseBytes} bytes`);
        }
        if (!code || !RETRYABLE_CODES.has(code) || attempt === this.maxAttempts) break;
        await this.backoff(attempt, lastReason);
        continue;
      }
      if (response.status === 200) return this.parseBody(response.data, what);
      if (response.status === 429) {
        const wait = retryAfterSeconds(response.headers["retry-after"]);
        lastReason = `rate limited (HTTP 429)${wait === undefined ? " without Retry-After" : `, Retry-After ${wait} s`}`;
        // Never retry a 429 in a tight loop: without a usable Retry-After, or with one longer than we may wait, stop.
        if (wait === undefined || wait > this.maxRetryAfterSeconds || attempt === this.maxAttempts) break;
        const delaySeconds = Math.max(1, wait);
        this.progress(`${what}: rate limited, waiting ${delaySeconds} s as the service asks`);
        await this.sleep(delaySeconds * 1000);
        continue;
      }
      if (response.status >= 500) {
        lastReason = `HTTP ${response.status}`;
        if (attempt === this.maxAttempts) break;
        await this.backoff(attempt, lastReason);
        continue;
      }
      throw new ServiceUnavailableError(
        `HTTP ${response.status} for ${what}; check the instance and service URL`,
        this.serviceUrl,
      );
    }
    throw new ServiceUnavailableError(`${lastReason}, requesting the ${what}`, this.serviceUrl);
  }

  private async backoff(attempt: number, reason: string): Promise<void> {
    const delay = this.retryDelayMs * 2 ** (attempt - 1);
    this.progress(`${reason}; retrying in ${delay} ms`);
    await this.sleep(delay);
  }

  private parseBody(text: string, what: string): unknown {
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ServiceDataError(`the ${what} response is not valid JSON (truncated or corrupt: ${detail})`);
    }
  }
}
