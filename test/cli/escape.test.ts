/**
 * Wire text is inert in every report: markdown links, HTML, backticks, newlines, control characters and secrets in a
 * service response or a warning never render, move the cursor, break a line or leak, in text, Markdown and JSON.
 */
// This test is about control characters: its patterns name them on purpose.
/* eslint-disable no-control-regex */
import { DriftReport } from "../../sdk/drift";
import { driftMarkdown, driftText } from "../../cli/driftFormat";
import { jsonText, markdownCode, terminalText } from "../../cli/escape";
import { runCli } from "../helpers/cli";
import { useFakeService } from "../helpers/fakeService";

const HOSTILE = [
  "[click](http://evil.example)",
  '<img src=x onerror="alert(1)">',
  "``` fenced ``` and `tick`",
  "line1\nline2\r\nline3",
  "\u001b[31mred\u001b[0m\u0007bell",
  "https://user:secret@host.example/path?token=abc",
].join(" | ");

test("terminal text: one line, control characters visible, secrets redacted", () => {
  const out = terminalText(HOSTILE);
  expect(out).not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(out).toContain("line1\\nline2\\x0d\\nline3");
  expect(out).toContain("\\x1b[31mred\\x1b[0m\\x07bell");
  expect(out).toContain("https://<redacted>@host.example/path?<redacted>");
  expect(out).not.toContain("secret");
});

test("markdown: one inline code span whose fence is longer than any backtick run inside", () => {
  const out = markdownCode(HOSTILE);
  expect(out.startsWith("````")).toBe(true);
  expect(out.endsWith("````")).toBe(true);
  expect(out.slice(4, -4)).not.toContain("````");
  expect(out).not.toContain("\n");
  expect(out).not.toContain("secret");
  expect(markdownCode("`edge`")).toBe("`` `edge` ``");
});

test("JSON: as is but for redaction and length", () => {
  const out = jsonText(HOSTILE);
  expect(out).toContain("[click](http://evil.example)");
  expect(out).not.toContain("secret");
  expect(jsonText("x".repeat(5000))).toHaveLength(1000);
  expect(JSON.parse(JSON.stringify({ w: out })).w).toBe(out);
});

const report: DriftReport = {
  status: "model-only",
  rules: [{ target: "nsg", before: "a".repeat(64), after: "a".repeat(64), changed: false }],
  baseline: { version: null, hash: "b".repeat(64), endpointCount: 1, foundIn: HOSTILE },
  live: { version: null, hash: "c".repeat(64), source: "live", endpointCount: 1 },
  added: [],
  removed: [],
  changed: [],
  byFeature: {},
  changesSinceBaseline: { available: false, note: HOSTILE, records: [] },
  warnings: [HOSTILE],
};

test("the drift reports: nothing hostile survives in text or Markdown", () => {
  const text = driftText(report);
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(text.split("\n").every((l) => !l.includes("line2") || l.includes("line1\\nline2"))).toBe(true);
  expect(text).not.toContain("secret");
  const md = driftMarkdown(report);
  // Every hostile value sits inside a code span: no live link, image, HTML or fence outside one.
  const outside = md.replace(/(`+)[^`].*?\1/g, "");
  expect(outside).not.toContain("](http");
  expect(outside).not.toContain("<img");
  expect(outside).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  expect(md).not.toContain("secret");
});

const fake = useFakeService(({ service }) =>
  service.serve(
    "2025073100",
    JSON.stringify([
      {
        id: 1,
        serviceArea: "MEM",
        urls: [HOSTILE],
        tcpPorts: "443",
        required: true,
        category: "Default",
        expressRoute: false,
      },
    ]),
    true,
  ),
);

test("plan with a hostile service response: the fallback warning quotes it inertly on stderr and in JSON", async () => {
  const run = await runCli([
    "plan",
    "--format",
    "json",
    "--service-url",
    fake.service.url,
    "--cache-dir",
    fake.cacheDir,
    "--target",
    "azure-firewall",
    "--dns-proxy",
  ]);
  expect(run.code).toBe(0);
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  expect(lines[0]).toMatch(
    /^warning: The endpoints service returned data that failed validation \(endpoint set 1: url "\[click\].*…\(202 characters\) rejected/,
  );
  expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(run.stderr).not.toContain("secret");
  const json = JSON.parse(run.stdout) as { warnings: string[] };
  expect(json.warnings[0]).not.toContain("secret");
  expect(json.warnings[0]?.length).toBeLessThanOrEqual(1000);
});
