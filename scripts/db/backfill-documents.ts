/**
 * `npm run db:backfill-documents [-- --clinic <id>] [--batch <n>]`: stores the
 * exports (PDF and FHIR bundle; a Cancelled version of cancelled ones) of
 * every signed, sent or cancelled referral that has none yet: referrals
 * signed before exports were stored (demo, synthetic and production data).
 *
 * Referrals signed since are stored when signed and cancelled; a referral
 * missed here is stored on its first download anyway (lib/data/referrals.ts
 * `exportReferralDocument`), so running this is optional: it moves the
 * rendering cost off the first downloads. A migration cannot do it (it
 * cannot render PDFs). Safe to run again and while the app runs: a stored
 * document is never replaced, and each batch is one transaction.
 * Runs as the app's role (DATABASE_URL), which may insert stored documents.
 */
// The app's server modules load outside Next (scripts/server-only.cjs): first.
import "../server-only.cjs";
import { backfillReferralDocuments } from "../../lib/data/referrals";
import { db } from "../../lib/db";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const batch = Number(option("batch") ?? 50);
  if (!Number.isInteger(batch) || batch < 1) throw new Error("--batch must be a whole number of referrals, at least 1");
  const only = option("clinic");
  const clinics = only
    ? [{ id: only, name: only }]
    : await db().clinic.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
  let total = 0;
  for (const clinic of clinics) {
    const started = Date.now();
    const { referrals, documents } = await backfillReferralDocuments(clinic.id, batch);
    total += documents;
    console.log(`[documents] ${clinic.name}: ${referrals} signed referrals, ${documents} documents stored (${Date.now() - started} ms)`);
  }
  console.log(`[documents] done: ${total} documents stored`);
  await db().$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
