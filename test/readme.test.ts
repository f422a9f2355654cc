/**
 * The README's claims that code can check: the capability matrix equals the targets' capability tables, cell by cell.
 */
import * as fs from "fs";
import * as path from "path";
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
