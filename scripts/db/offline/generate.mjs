// `postinstall`: `prisma generate`, made to work offline.
//
// Every Prisma CLI command first downloads a native schema engine from a host
// this machine cannot reach, and fails. `generate` does not use that engine, and
// skips the download when PRISMA_SCHEMA_ENGINE_BINARY names any existing
// executable, so we point it at the node binary. Works on a clean clone with
// no DATABASE_URL and no .env (prisma.config.ts falls back to "").
// Plain .mjs (no tsx) because it runs during `npm ci`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  CHECKPOINT_DISABLE: "1", // no update check over the network
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

const result = spawnSync(process.execPath, [prismaCli, "generate", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
