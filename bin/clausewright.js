#!/usr/bin/env node
// The clausewright command. A separate file so the shebang stays out of the shared chunks of dist/.
import "../dist/cli.js";
