/**
 * `npm run db:backfill-outcomes [-- --clinic <id>]`: computes the outcome
 * summary ("EpisodeOutcome", lib/data/outcome-summary.ts) of every episode of
 * each clinic, one statement per clinic, their recurrences, and rebuilds the
 * clinic's daily sums ("OutcomeSum", lib/data/outcome-sums.ts). Episodes changed since the summary
 * exists are kept in step by the app; run this once after the migration that
 * added it, and again after a change of the outcome definitions
 * (docs/outcomes.md). Safe to run again and while the app runs (an upsert).
 * Runs as the app's role (DATABASE_URL).
 */
// The app's server modules load outside Next (scripts/server-only.cjs): first.
import "../server-only.cjs";
import { refreshClinicOutcomes } from "../../lib/data/outcome-summary";
import { db } from "../../lib/db";

async function main() {
  const i = process.argv.indexOf("--clinic");
  const only = i >= 0 ? process.argv[i + 1] : undefined;
  const clinics = only
    ? [{ id: only, name: only }]
    : await db().clinic.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
  for (const clinic of clinics) {
    const started = Date.now();
    // One transaction a clinic: readers never see its sums half rebuilt.
    const episodes = await db().$transaction((tx) => refreshClinicOutcomes(tx, clinic.id), { timeout: 600_000 });
    console.log(`[outcomes] ${clinic.name}: ${episodes} episodes summarised (${Date.now() - started} ms)`);
  }
  await db().$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
