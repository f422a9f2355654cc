// Runs once before the whole test run: says once, not once per suite, that the Suricata tests will skip.
const { spawnSync } = require("child_process");

module.exports = async () => {
  const result = spawnSync("suricata", ["-V"], { encoding: "utf8" });
  const version = result.status === 0 ? /version (\d+\.\d+\.\d+)/.exec(result.stdout + result.stderr)?.[1] : undefined;
  if (version?.startsWith("7.") || process.env.CI === "true") return;
  process.stderr.write(
    `\nSKIPPED: the Suricata tests need Suricata 7 (found: ${version ?? "none"}); install it with bash .ci/install-suricata.sh\n`,
  );
};
