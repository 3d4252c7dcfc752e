/**
 * What the running app may do in PostgreSQL, table by table: the one list
 * that `npm run db:grant -- <role>` grants from (scripts/db/grant.ts).
 *
 * Every table of the schema has an entry, `_prisma_migrations` included (an
 * empty list means "no access"). A migration that adds a table adds its entry
 * here in the same commit: `npm run db:grant` refuses to run while a table
 * has none, and so does tests/integration/db-roles.test.ts.
 *
 * Grant the least the app needs. Never TRUNCATE, REFERENCES or TRIGGER; no
 * UPDATE or DELETE on append-only tables (AuditEvent, Addendum). The role
 * never owns a table, so it can neither disable a trigger nor change the
 * schema; the triggers of the migrations run with its privileges, so a table
 * that a trigger writes needs those privileges too (CaseloadCount).
 */
export const APP_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;
export type AppPrivilege = (typeof APP_PRIVILEGES)[number];

export const APP_TABLE_GRANTS: Record<string, readonly AppPrivilege[]> = {
  // Written by the migrator (db:migrate, as the owner) only.
  _prisma_migrations: [],
  // Read, and updated by clinic settings (time zone); the last-admin rule locks the row (FOR NO KEY UPDATE). Created by the seed only.
  Clinic: ["SELECT", "UPDATE"],
  ClinicSettings: ["SELECT", "INSERT", "UPDATE"],
  // Kept in step by the statement triggers on Episode, which run as the app.
  CaseloadCount: ["SELECT", "INSERT", "UPDATE"],
  // Users are deactivated, never deleted.
  User: ["SELECT", "INSERT", "UPDATE"],
  Patient: ["SELECT", "INSERT", "UPDATE"],
  Episode: ["SELECT", "INSERT", "UPDATE"],
  // Draft assessments are discarded (DELETE); PostgreSQL refuses deleting a signed one.
  Assessment: ["SELECT", "INSERT", "UPDATE", "DELETE"],
  // Append-only.
  Addendum: ["SELECT", "INSERT"],
  // The run log is corrected and pruned by clinicians.
  Run: ["SELECT", "INSERT", "UPDATE", "DELETE"],
  // The shoe log: pairs added, edited, retired, and deleted when entered by mistake (their runs keep going, without shoes).
  Shoe: ["SELECT", "INSERT", "UPDATE", "DELETE"],
  // Draft referrals are deleted; PostgreSQL refuses deleting a signed one.
  Referral: ["SELECT", "INSERT", "UPDATE", "DELETE"],
  // What was done about a red flag: append-only (PostgreSQL refuses UPDATE and DELETE too).
  RedFlagAction: ["SELECT", "INSERT"],
  // Discharges: append-only (PostgreSQL refuses UPDATE and DELETE too); a reopened episode keeps them.
  Discharge: ["SELECT", "INSERT"],
  // Rendered documents (a referral's PDF and FHIR bundle): write-once (PostgreSQL refuses UPDATE and DELETE too).
  StoredDocument: ["SELECT", "INSERT"],
  // Exercise programmes: each change is a new version; append-only (PostgreSQL refuses UPDATE and DELETE too).
  ExerciseProgramme: ["SELECT", "INSERT"],
  // The outcome summary of each episode (lib/data/outcome-summary.ts): upserted when the episode summary is refreshed.
  EpisodeOutcome: ["SELECT", "INSERT", "UPDATE"],
  // The daily sums of the outcome figures (lib/data/outcome-sums.ts): a day's rows are deleted and recomputed together.
  OutcomeSum: ["SELECT", "INSERT", "DELETE"],
  // A clinic's own exercises and the retired ones: never changed or deleted (PostgreSQL refuses it too).
  ClinicExercise: ["SELECT", "INSERT"],
  ExerciseRetirement: ["SELECT", "INSERT"],
  // The runner's ticks: made, and deleted when the runner unticks; never changed.
  ExerciseTick: ["SELECT", "INSERT", "DELETE"],
  // The return-to-run plan and its decisions (the plan's history): append-only (PostgreSQL refuses UPDATE and DELETE too).
  ReturnToRunPlan: ["SELECT", "INSERT"],
  ReturnToRunDecision: ["SELECT", "INSERT"],
  // Signed discharge summaries and GP letters, one row per version: append-only (PostgreSQL refuses UPDATE and DELETE too).
  EpisodeLetter: ["SELECT", "INSERT"],
  // Append-only audit trail.
  AuditEvent: ["SELECT", "INSERT"],
  // Server-side sessions: created at sign-in, ended (endedAt) at sign-out or revocation, deleted once they can never be used again (at a sign-in).
  Session: ["SELECT", "INSERT", "UPDATE", "DELETE"],
  // Two-factor recovery codes: issued, then spent or replaced (usedAt), never deleted.
  RecoveryCode: ["SELECT", "INSERT", "UPDATE"],
  // Per-address sign-in counters: windows that have passed are deleted.
  SignInThrottle: ["SELECT", "INSERT", "UPDATE", "DELETE"],
  // The runner's links: created, opened, answered, withdrawn or revoked, reviewed; never deleted (what the runner reported is kept).
  QuestionnaireRequest: ["SELECT", "INSERT", "UPDATE"],
  DiaryLink: ["SELECT", "INSERT", "UPDATE"],
  // Diary days: the next-morning pain is added the next day; never deleted.
  DiaryEntry: ["SELECT", "INSERT", "UPDATE"],
  // Diary alerts: raised, then reviewed; never deleted.
  DiaryAlert: ["SELECT", "INSERT", "UPDATE"],
  // Per-address counters of requests to the runner's links: windows that have passed are deleted.
  RunnerLinkThrottle: ["SELECT", "INSERT", "UPDATE", "DELETE"],
};
