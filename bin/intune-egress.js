#!/usr/bin/env node
"use strict";
// The CLI runs from the compiled package (dist/). In a source checkout, `npm ci` builds it (prepare script).
let cli;
try {
  cli = require("../dist/cli/main.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND") {
    process.stderr.write(
      "intune-egress: the package is not built (dist/ is missing). Run 'npm run build' in the package directory.\n",
    );
    process.exit(1);
  }
  throw error;
}
cli.runFromProcess();
