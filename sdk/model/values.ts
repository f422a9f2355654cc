/** Small checks on untrusted JSON values, shared by every parser at the package's boundaries. */

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A service version: ten digits, YYYYMMDDNN. */
export const VERSION_PATTERN = /^\d{10}$/;

/** True for a string that is a service version (YYYYMMDDNN). */
export function isServiceVersion(value: unknown): value is string {
  return typeof value === "string" && VERSION_PATTERN.test(value);
}
