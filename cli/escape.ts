/**
 * Wire text made inert, one function per output format. Service data that fails validation is quoted in warnings
 * and errors; it must never become a live link in a pull-request comment, move a terminal's cursor, or leak a
 * password. Every format also redacts URL credentials and query strings and cuts overlong text.
 */
import { redactSecrets } from "../sdk/model/values";

/** Longest text of one warning or error, in characters. */
export const MAX_MESSAGE = 1000;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** For a terminal or a log: control characters (newlines too) made visible as \xNN, so one message stays one line. */
export function terminalText(text: string, max = MAX_MESSAGE): string {
  // eslint-disable-next-line no-control-regex
  return cut(redactSecrets(text), max).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === "\n" ? "\\n" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/**
 * For Markdown (a PR comment, an issue): the text as one inline code span, whose fence is longer than any run of
 * backticks inside it, so no link, image, HTML or emphasis in it is ever rendered; line breaks become spaces.
 */
export function markdownCode(text: string, max = MAX_MESSAGE): string {
  const flat = terminalText(text, max).replace(/\\n/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat.trim() === "" ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** For JSON: as is (JSON escapes every character that matters), with secrets redacted and overlong text cut. */
export function jsonText(text: string, max = MAX_MESSAGE): string {
  return cut(redactSecrets(text), max);
}
