/**
 * The README's claims that code can check: the capability matrix equals the targets' capability tables, cell by cell,
 * and the JSON keys it documents for `plan`, `verify` and `drift` are the ones they print.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "./helpers/cli";
import { CAPABILITY_COLUMNS, CAPABILITY_HEADINGS, capabilityCell, targetSpecs } from "../sdk/targets";

const README = fs.readFileSync(path.resolve(__dirname, "../README.md"), "utf8");

/** The rows of the first Markdown table after a heading, as trimmed cells (the separator row dropped). */
function tableAfter(heading: string): string[][] {
  const section = README.split(`\n${heading}\n`)[1] ?? "";
  const lines = section.split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("|")) break;
    if (/^\|[\s|:-]+\|$/.test(line)) continue;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

test("the README's matrix of what each target enforces is the capability tables", () => {
  const expected = [
    ["", ...CAPABILITY_COLUMNS.map((c) => CAPABILITY_HEADINGS[c])],
    ...targetSpecs().flatMap((spec) =>
      spec.capabilities.map(({ variant, table }) => [
        `**${variant}**`,
        ...CAPABILITY_COLUMNS.map((c) => capabilityCell(table[c])),
      ]),
    ),
  ];
  expect(tableAfter("## What each target can and cannot enforce")).toEqual(expected);
});

/** The top-level keys of the first `{ ... }` after a marker, as the README documents them ("x?" is optional). */
function documentedKeys(marker: string): { required: string[]; optional: string[] } {
  const after = README.slice(README.indexOf(marker) + marker.length);
  const start = after.indexOf("`{");
  let depth = 0;
  let end = start;
  for (let i = start + 1; i < after.length; i++) {
    if (after[i] === "{") depth++;
    if (after[i] === "}" && --depth === 0) {
      end = i;
      break;
    }
  }
  const body = after.slice(start + 2, end).replace(/\s+/g, " ");
  const keys: string[] = [];
  let level = 0;
  let current = "";
  for (const ch of body) {
    if (ch === "{" || ch === "[") level++;
    if (ch === "}" || ch === "]") level--;
    if (ch === "," && level === 0) {
      keys.push(current);
      current = "";
    } else current += ch;
  }
  keys.push(current);
  const names = keys.map((k) => k.trim().split(":")[0]?.trim() ?? "").filter((k) => k !== "");
  return {
    required: names.filter((k) => !k.endsWith("?")),
    optional: names.filter((k) => k.endsWith("?")).map((k) => k.slice(0, -1)),
  };
}

function expectDocumented(marker: string, actual: readonly string[]) {
  const { required, optional } = documentedKeys(marker);
  expect(required.length).toBeGreaterThan(1);
  for (const key of required) expect(actual).toContain(key);
  for (const key of actual) expect([...required, ...optional]).toContain(key);
}

describe("the JSON keys the README documents are the ones the CLI prints", () => {
  test("plan --format json, with every target and with one", async () => {
    const all = JSON.parse((await runCli(["plan", "--source", "snapshot", "--format", "json"])).stdout);
    expectDocumented("**`plan`**", Object.keys(all));
    const one = JSON.parse(
      (await runCli(["plan", "--source", "snapshot", "--format", "json", "--target", "nsg"])).stdout,
    );
    expectDocumented("**`plan`**", Object.keys(one));
    expect(Object.keys(one)).not.toContain("azureFirewall");
  });

  test("verify --format json", async () => {
    const out = JSON.parse((await runCli(["verify", "--source", "snapshot", "--format", "json"])).stdout);
    expectDocumented("**`verify`**", Object.keys(out));
  });

  test("drift --format json", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intune-egress-readme-"));
    const file = path.join(dir, "baseline.json");
    await runCli(["snapshot", "--source", "snapshot", "--out", file]);
    const out = JSON.parse(
      (await runCli(["drift", "--baseline", file, "--source", "snapshot", "--format", "json"])).stdout,
    );
    expectDocumented("**`drift`**", Object.keys(out));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
