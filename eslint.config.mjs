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
 * counted) in app/ or lib/; an error. The files below hold one function that
 * is longer on purpose, each with its reason (tests/unit/app/long-functions.test.ts
 * fails when one of them no longer needs it). Split a function rather than add a file here.
 */
export const SMALL_UNITS = { max: 80, skipBlankLines: true, skipComments: true };

export const LONG_FUNCTIONS = {
  "app/(auth)/login/login-form.tsx": "the sign-in steps (password, then code or recovery code) kept together",
  "app/(clinic)/admin/audit/page.tsx": "the audit log page: its filters, its table and paging, top to bottom",
  "app/(clinic)/patients/\\[patientId\\]/episodes/\\[episodeId\\]/assessments/\\[assessmentId\\]/page.tsx":
    "a signed assessment's page: its sections in the order of the record",
  "app/(clinic)/patients/\\[patientId\\]/page.tsx": "the patient record: each episode with its sections in reading order",
  "app/(clinic)/patients/\\[patientId\\]/runs/file-import.tsx": "one upload with its progress, result and errors",
  "app/(clinic)/patients/\\[patientId\\]/runs/page.tsx": "the run log page: the log, its charts and its forms, top to bottom",
  "app/(clinic)/patients/directory/page.tsx": "the runner directory: search, table and paging",
  "app/_components/assessment/answers-view.tsx": "a signed record's answers in form order",
  "app/_components/assessment/controls.tsx": "one switch over the kinds of question, each a few lines",
  "app/_components/assessment/evaluation-panel.tsx": "the evaluation as one reading order: urgency, red flags, load, measures, advice",
  "app/_components/assessment/measures-section.tsx": "the measures in the order of the paper forms",
  "app/_components/assessment/treatment-fieldset.tsx": "one fieldset, fields in form order",
  "app/_components/charts/data-tables.tsx": "each chart's accessible data table, one column per series",
  "app/_components/charts/measure-chart.tsx": "one recharts composition (axes, series, reference lines, accessible table)",
  "app/_components/charts/training-chart.tsx": "one recharts composition (axes, series, reference lines, accessible table)",
  "app/_components/charts/training-detail-chart.tsx": "one recharts composition (axes, series, reference lines, accessible table)",
  "app/_components/forms/patient-form.tsx": "one form, fields in order",
  "app/_components/patient/patient-header.tsx": "the header's facts in reading order",
  "app/_components/patient/red-flag-actions.tsx": "one open flag with its form and history",
  "app/_components/referral/referral-document.tsx": "the referral outline's blocks, one case per kind of block",
  "app/_components/referral/referral-forms.tsx": "the referral draft form, fields in the document's order",
  "app/r/_components/diary.tsx": "the runner's diary day as the runner fills it, one flow",
  "app/r/_components/questionnaire.tsx": "the runner's questionnaire steps as the runner sees them, one flow",
  "lib/data/auth.ts": "sign-in checks in one transaction, in the order they must run (throttle, lockout, password, second factor)",
  "lib/data/referrals.ts": "the snapshot's sources read in one transaction",
  "lib/data/run-import.ts": "imported runs saved in one transaction with their duplicates and limits",
  "lib/export/fhir.ts": "the FHIR bundle assembled from its builders in the bundle's order",
  "lib/export/referral-outline.ts": "the referral outline built once, section by section in the document's order",
  "lib/export/snapshot.ts": "the snapshot built field by field from its sources, as it is stored",
  "lib/import/tcx.ts": "one streaming reader, its states in one place",
  "lib/import/upload.ts": "one streaming upload, its states in one place",
  "lib/import/zip.ts": "one streaming reader, its states in one place",
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
    rules: { "max-lines-per-function": ["error", SMALL_UNITS] },
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
