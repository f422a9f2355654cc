/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "^intune-egress$": "<rootDir>/index.ts",
  },
  // The Suricata and fake-service tests start processes and servers; keep the 2-core machine responsive.
  maxWorkers: 2,
  testTimeout: 60000,
  // Says once per run that the Suricata tests skip when Suricata 7 is missing (they fail instead with CI=true).
  globalSetup: "<rootDir>/test/helpers/globalSetup.js",
};
