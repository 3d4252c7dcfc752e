import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layers (docs/architecture.md). A rule below names what a folder may not
 * import: the ground floor (lib/domain) and the pure layers above it
 * (lib/clinical, lib/validation) import nothing of the server, the database or
 * the pages; pages and components reach the database only through lib/data.
 * Import cycles and client modules reaching server modules are checked by
 * tests/unit/app/import-graph.test.ts.
 */
const SERVER = [
  "@/lib/data",
  "@/lib/data/*",
  "@/lib/db",
  "@/lib/auth",
  "@/lib/actions/*",
  "@/lib/api",
  "@/lib/mail",
  "@/lib/passwords",
  "@/lib/export/*",
  "@/lib/import/*",
  "@/prisma/*",
  "@prisma/*",
  "next",
  "next/*",
  "next-auth",
  "next-auth/*",
  "react",
  "react-dom",
  "@/app/*",
];
const relative = (names) => names.flatMap((n) => [`../${n}`, `../${n}/*`, `../../${n}`, `../../${n}/*`]);
const SERVER_RELATIVE = relative(["data", "db", "auth", "actions", "api", "mail", "passwords", "export", "import", "app", "prisma"]);

const layer = (files, forbidden, message) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: [{ group: forbidden, message }] }] },
});

/**
 * Small units: no function over 80 lines (blank lines and comments not
 * counted) in app/ or lib/; an error. A function longer on purpose says why
 * where it is written:
 *   // eslint-disable-next-line max-lines-per-function -- the reason
 * and an exception no longer needed is itself an error (unused directives are
 * reported), so the exceptions only shrink. Split a function rather than add one.
 */
export const SMALL_UNITS = { max: 80, skipBlankLines: true, skipComments: true };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  layer(
    ["lib/domain/**"],
    [
      ...SERVER,
      ...SERVER_RELATIVE,
      "@/lib/clinical",
      "@/lib/clinical/*",
      "@/lib/validation",
      "@/lib/validation/*",
      "../clinical",
      "../clinical/*",
      "../validation/*",
    ],
    "lib/domain is the ground floor: it imports only lib/domain and lib/errors.",
  ),
  layer(
    ["lib/clinical/**"],
    [...SERVER, ...SERVER_RELATIVE, "@/lib/validation", "@/lib/validation/*", "../validation/*", "../../validation/*"],
    "lib/clinical is pure: it imports only lib/clinical, lib/domain and lib/errors.",
  ),
  layer(
    ["lib/validation/**"],
    [...SERVER, ...SERVER_RELATIVE],
    "lib/validation is shared with the browser: it imports only lib/validation, lib/domain, lib/clinical and pure helpers.",
  ),
  {
    files: ["app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: { "max-lines-per-function": ["error", SMALL_UNITS] },
  },
  layer(
    ["app/**"],
    ["@/lib/db", "@/prisma/*", "@prisma/*", "pg"],
    "Pages and components reach the database only through lib/data (clinic-scoped, audited).",
  ),
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "test-results/**",
      ".data/**",
      "prisma/generated/**",
      "next-env.d.ts",
      "coverage/**",
    ],
  },
];

export default config;
