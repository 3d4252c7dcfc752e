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
 * counted) in app/ or lib/, except where a reason is written here. A "warn"
 * while the session's parallel work lands; to become an "error".
 */
const LONG_FUNCTIONS = {
  "app/_components/assessment/measures-section.tsx": "the measures in the order of the paper forms; to split with the assessment form",
  "app/_components/assessment/controls.tsx": "one switch over the kinds of question, each a few lines",
  "app/_components/assessment/evaluation-panel.tsx": "the evaluation as one reading order: urgency, red flags, load, measures, advice",
  "app/_components/assessment/answers-view.tsx": "a signed record's answers in form order",
  "app/_components/assessment/treatment-fieldset.tsx": "one fieldset, fields in form order",
  "app/_components/charts/*.tsx": "one recharts composition each (axes, series, reference lines, accessible table)",
  "app/r/_components/*.tsx": "the runner's steps in one flow, as the runner sees them",
  "app/(auth)/login/login-form.tsx": "the sign-in steps (password, then code or recovery code) kept together",
  "app/(clinic)/**/page.tsx": "a page reads its data and lays out its sections top to bottom",
  "app/(clinic)/patients/\\[patientId\\]/runs/file-import.tsx": "one upload with its progress, result and errors",
  "app/_components/forms/patient-form.tsx": "one form, fields in order",
  "app/_components/patient/patient-header.tsx": "the header's facts in reading order",
  "app/_components/patient/red-flag-actions.tsx": "one open flag with its form and history",
  "app/_components/referral/*.tsx": "one referral form or block, in the document's order",
  "lib/data/auth.ts": "sign-in checks in one transaction, in the order they must run (throttle, lockout, password, second factor)",
  "lib/data/referrals.ts": "the snapshot's sources read in one transaction",
  "lib/data/run-import.ts": "imported runs saved in one transaction with their duplicates and limits",
  "lib/export/*.ts": "one document built section by section in the referral's order",
  "lib/import/*.ts": "one streaming reader each, its states in one place",
  "lib/runner-steps.ts": "the runner's steps as data, one entry each",
};

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
    rules: { "max-lines-per-function": ["warn", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  { files: Object.keys(LONG_FUNCTIONS), rules: { "max-lines-per-function": "off" } },
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
