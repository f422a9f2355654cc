import { DriftReport, EndpointDrift, UpcomingChange } from "../sdk/drift";
import { markdownCode, terminalText } from "./escape";
import { portsLabel } from "./format";
import { targetSpecs } from "../sdk/targets/registry";

const TARGET_LABEL: Record<string, string> = Object.fromEntries(targetSpecs().map((t) => [t.id, t.label]));

function targetsLabel(e: EndpointDrift): string {
  return e.targets.length === 0 ? "none" : e.targets.map((t) => TARGET_LABEL[t.target] ?? t.target).join(", ");
}

function counts(report: DriftReport): string {
  return `${report.added.length} added, ${report.removed.length} removed, ${report.changed.length} changed`;
}

function version(v: string | null): string {
  return v ?? "not recorded";
}

function changeLine(c: UpcomingChange): string {
  const what = [
    c.added.length > 0 ? `adds ${c.added.join(", ")}` : "",
    c.removed.length > 0 ? `removes ${c.removed.join(", ")}` : "",
  ]
    .filter((s) => s !== "")
    .join("; ");
  return `${c.effectiveDate ?? "no date"}${c.upcoming ? " (upcoming)" : ""}  version ${c.version}  set ${c.endpointSetId}  ${c.disposition}${c.impact ? ` (${c.impact})` : ""}${what ? `: ${what}` : ""}`;
}

/** The first line: what changed, and whether it matters to the firewall. */
function headline(report: DriftReport): string {
  const changedTargets = report.rules.filter((r) => r.changed).map((r) => TARGET_LABEL[r.target] ?? r.target);
  switch (report.status) {
    case "in-sync":
      return `No drift: the live model equals the baseline (${report.live.endpointCount} endpoints, hash ${report.live.hash.slice(0, 12)}).`;
    case "model-only":
      return `No rule changes: the model changed (${counts(report)}), but every target's rules are the same.`;
    case "drift":
      return `Drift: ${counts(report)}; the rules change in ${changedTargets.join(", ")}.`;
  }
}

/** When the live side is older data read on purpose, how old it is. */
function dataLine(report: DriftReport): string | undefined {
  if (!report.data) return undefined;
  const what = report.data.source === "cache" ? "the cached data" : "the embedded snapshot";
  return `Compared with ${what} recorded ${report.data.recordedAt.slice(0, 10)} (${report.data.ageDays} days old), not the live service.`;
}

/** The report for a terminal. */
export function driftText(report: DriftReport): string {
  let out = `${headline(report)}\n`;
  const data = dataLine(report);
  if (data) out += `${data}\n`;
  out += `  baseline: version ${version(report.baseline.version)}, ${report.baseline.endpointCount} endpoints, hash ${report.baseline.hash.slice(0, 12)} (${terminalText(report.baseline.foundIn)})\n`;
  out += `  live:     version ${version(report.live.version)}, ${report.live.endpointCount} endpoints, hash ${report.live.hash.slice(0, 12)} (source ${report.live.source})\n`;
  for (const r of report.rules)
    out += `  ${(TARGET_LABEL[r.target] ?? r.target).padEnd(21)} rules ${r.changed ? `change: ${r.before.slice(0, 12)} -> ${r.after.slice(0, 12)}` : `unchanged (${r.after.slice(0, 12)})`}\n`;
  if (report.status === "model-only") out += "\nModel-only changes (no target's rules change):\n";
  for (const [feature, lists] of Object.entries(report.byFeature).sort(([a], [b]) => (a < b ? -1 : 1))) {
    out += `\n${feature}\n`;
    const find = (list: readonly EndpointDrift[], address: string) => list.find((e) => e.address === address);
    for (const address of lists.added) {
      const e = find(report.added, address);
      if (e) out += `  + ${e.address} (${portsLabel(e)}) -> rules change in: ${targetsLabel(e)}\n`;
    }
    for (const address of lists.removed) {
      const e = find(report.removed, address);
      if (e) out += `  - ${e.address} (${portsLabel(e)}) -> rules change in: ${targetsLabel(e)}\n`;
    }
    for (const address of lists.changed) {
      const e = find(report.changed, address);
      if (e) out += `  ~ ${e.address}: ${(e.changes ?? []).join("; ")} -> rules change in: ${targetsLabel(e)}\n`;
    }
  }
  out += "\nChanges Microsoft published since the baseline version:\n";
  if (!report.changesSinceBaseline.available)
    out += `  not available: ${terminalText(report.changesSinceBaseline.note ?? "")}\n`;
  else if (report.changesSinceBaseline.records.length === 0) out += "  none that concern Intune\n";
  else for (const c of report.changesSinceBaseline.records) out += `  ${terminalText(changeLine(c))}\n`;
  return out;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function code(text: string): string {
  return `\`${text}\``;
}

/** The report as a pull-request comment. */
export function driftMarkdown(report: DriftReport): string {
  const lines: string[] = [];
  lines.push(
    report.status === "in-sync"
      ? "## Intune egress: no drift"
      : report.status === "model-only"
        ? `## Intune egress: model changed, rules unchanged (${counts(report)})`
        : `## Intune egress drift: ${counts(report)}`,
  );
  lines.push("");
  const data = dataLine(report);
  if (data) lines.push(`> ${data}`, "");
  lines.push(headline(report), "");
  lines.push("| | service version | endpoints | model hash | source |");
  lines.push("|---|---|---|---|---|");
  lines.push(
    `| baseline | ${version(report.baseline.version)} | ${report.baseline.endpointCount} | ${code(report.baseline.hash.slice(0, 12))} | ${markdownCode(report.baseline.foundIn)} |`,
  );
  lines.push(
    `| live | ${version(report.live.version)} | ${report.live.endpointCount} | ${code(report.live.hash.slice(0, 12))} | ${report.live.source} |`,
  );
  lines.push("");
  lines.push("| target | rules |");
  lines.push("|---|---|");
  for (const r of report.rules)
    lines.push(
      `| ${TARGET_LABEL[r.target] ?? r.target} | ${r.changed ? `**change**: ${code(r.before.slice(0, 12))} → ${code(r.after.slice(0, 12))}` : `unchanged (${code(r.after.slice(0, 12))})`} |`,
    );
  if (report.status !== "in-sync") {
    lines.push("");
    lines.push(
      report.status === "drift" ? "### Endpoint changes by feature" : "### Model-only changes (no rule changes)",
    );
    lines.push("");
    lines.push("| feature | change | endpoint | ports | what changed | rules change in |");
    lines.push("|---|---|---|---|---|---|");
    const rows: Array<[string, string, EndpointDrift]> = [
      ...report.added.map((e): [string, string, EndpointDrift] => [e.feature, "added", e]),
      ...report.removed.map((e): [string, string, EndpointDrift] => [e.feature, "removed", e]),
      ...report.changed.map((e): [string, string, EndpointDrift] => [e.feature, "changed", e]),
    ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [feature, change, e] of rows) {
      lines.push(
        `| ${feature} | ${change} | ${code(e.address)} | ${cell(portsLabel(e))} | ${cell((e.changes ?? []).join("; ") || "-")} | ${targetsLabel(e)} |`,
      );
    }
    const touched = [...report.added, ...report.removed, ...report.changed].flatMap((e) =>
      e.targets.flatMap((t) => t.rules.map((r) => `${TARGET_LABEL[t.target] ?? t.target}: ${r}`)),
    );
    if (touched.length > 0) {
      lines.push("");
      lines.push("<details><summary>Rules that change</summary>");
      lines.push("");
      for (const rule of [...new Set(touched)].sort()) lines.push(`- ${cell(rule)}`);
      lines.push("");
      lines.push("</details>");
    }
  }
  lines.push(...changesMarkdown(report));
  if (report.warnings.length > 0) {
    lines.push("");
    lines.push("### Warnings");
    lines.push("");
    for (const w of report.warnings) lines.push(`- ${markdownCode(w)}`);
  }
  lines.push("");
  return lines.join("\n");
}

/** The changes Microsoft published since the baseline's version, as a Markdown section. */
function changesMarkdown(report: DriftReport): string[] {
  const lines: string[] = [];
  lines.push("");
  lines.push("### Changes Microsoft published since the baseline version");
  lines.push("");
  if (!report.changesSinceBaseline.available) {
    lines.push(`Not available: ${markdownCode(report.changesSinceBaseline.note ?? "")}.`);
  } else if (report.changesSinceBaseline.records.length === 0) {
    lines.push("None that concern Intune.");
  } else {
    lines.push("| effective | version | set | change | added | removed |");
    lines.push("|---|---|---|---|---|---|");
    for (const c of report.changesSinceBaseline.records) {
      lines.push(
        `| ${c.effectiveDate ?? "-"}${c.upcoming ? " **(upcoming)**" : ""} | ${c.version} | ${c.endpointSetId} | ${c.disposition}${c.impact ? ` (${c.impact})` : ""} | ${c.added.map(code).join(", ") || "-"} | ${c.removed.map(code).join(", ") || "-"} |`,
      );
    }
  }
  return lines;
}
