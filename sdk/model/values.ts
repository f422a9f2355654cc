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

/**
 * A value from the wire, quoted for a message: JSON-quoted (so quotes, newlines and control characters are escaped)
 * and cut to `max` characters, so a hostile or broken response can neither flood a message nor break its line.
 */
export function quoteWire(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…(${text.length} characters)`;
}

/** Redacts the user info (user:password@) and the query string of every URL in a text. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi, "$1<redacted>@")
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"']*)\?(?!<redacted>)[^\s#"'<>]*/gi, "$1?<redacted>");
}
