import nextJest from "next/jest.js";

// Three projects, run by `npm test` in this order:
//   unit         pure modules (lib/clinical, lib/validation, lib/export)
//   integration  lib/data, actions and API handlers against a real PostgreSQL
//   e2e          a real browser (Debian chromium) against `next start`
const createJestConfig = nextJest({ dir: "./" });

const base = {
  testEnvironment: "node",
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/$1",
    // Modules that never reach the browser `import "server-only"`; Next's bundler
    // refuses them in a client component. Tests run them on the server side.
    "^server-only$": "<rootDir>/node_modules/next/dist/compiled/server-only/empty.js",
  },
};

// ESM-only dependencies of otplib (two-factor sign-in): jest runs CommonJS,
// so these few packages are compiled like our own code.
const ESM_ONLY = ["@noble/hashes", "@scure/base"];

async function project(displayName, extra) {
  const config = await createJestConfig({ ...base, displayName, ...extra })();
  // next/jest ignores node_modules except its own list: add ours to that list.
  config.transformIgnorePatterns = config.transformIgnorePatterns.map((p) =>
    p.startsWith("/node_modules/(?!.pnpm)(?!(") ? p.replace("(?!(", `(?!(${ESM_ONLY.join("|")}|`) : p,
  );
  return config;
}

const config = async () => ({
  projects: [
    await project("unit", { testMatch: ["<rootDir>/tests/unit/**/*.test.ts"] }),
    // One fresh, migrated database per run (tests/setup, tests/helpers/db.ts):
    // PostgreSQL at TEST_DATABASE_ADMIN_URL, or an embedded PGlite if none is reachable.
    await project("integration", {
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/setup/integration-global-setup.ts",
      globalTeardown: "<rootDir>/tests/setup/integration-global-teardown.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/setup/integration-each-file.ts"],
    }),
    // A fresh database with the demo data, the app built into .next-e2e and
    // served by `next start`; Debian's chromium through playwright-core.
    await project("e2e", {
      testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
      globalSetup: "<rootDir>/tests/setup/e2e-global-setup.ts",
      globalTeardown: "<rootDir>/tests/setup/e2e-global-teardown.ts",
      setupFilesAfterEnv: ["<rootDir>/tests/setup/e2e-each-file.ts"],
    }),
  ],
});

export default config;
