/**
 * Every error class of the SDK, in one place. Each message names what was wrong and what to do about it; the CLI and
 * the components show it as it is.
 */
import { quoteWire } from "./model/values";

/** A configuration error the user must fix (bad service URL, unknown instance). */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigurationError";
  }
}

/**
 * Data from the web service (or a file claiming to be such data) that the model refuses. The message names the
 * endpoint set and the bad value; nothing from a response that fails here is used.
 */
export class ServiceDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceDataError";
  }
}

/** The service could not be reached or kept failing; `reason` says how, for the fallback warning. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly reason: string,
    readonly url: string,
  ) {
    super(`The endpoints service at ${url} is unavailable: ${reason}`);
    this.name = "ServiceUnavailableError";
  }
}

/** A newly fetched version removes too much compared with the last known good data. */
export class RemovalBrakeError extends Error {
  constructor(
    readonly removed: readonly string[],
    readonly baselineCount: number,
    readonly ratio: number,
    readonly maxRatio: number,
    readonly against: string,
  ) {
    super(
      `Safety brake: the new endpoint data removes ${removed.length} of ${baselineCount} addresses (${(ratio * 100).toFixed(1)}%) ` +
        `compared with ${against}, more than the allowed ${(maxRatio * 100).toFixed(1)}%. Nothing was deployed from it. ` +
        `Examples of removed addresses: ${removed.slice(0, 5).join(", ")}. If Microsoft really removed them, rerun with ` +
        `maxRemovalRatio: 1 (component) or --max-removal-ratio 1 (CLI) once, after checking the change.`,
    );
    this.name = "RemovalBrakeError";
  }
}

/** A value the model refuses: the message says which value and why, so the caller can name its source. */
export class AddressError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`${quoteWire(value)} is not a valid endpoint address: ${reason}`);
    this.name = "AddressError";
  }
}

export class PortError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
  ) {
    super(`${quoteWire(value)} is not a valid port list: ${reason}`);
    this.name = "PortError";
  }
}

/** `drift` could not read the live service and will not pass on older data it was not asked to compare. */
export class StaleDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StaleDataError";
  }
}
