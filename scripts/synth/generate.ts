/**
 * `npm run synth:generate -- [options]`: fills the database named by
 * DATABASE_URL with one large synthetic clinic for benchmarks
 * (docs/benchmarks.md, "Large clinic"): "Synthetic Large Clinic (generated
 * data)", one clinician, 50,000 runners with one episode each, 500,000
 * assessments (8-12 per episode: intake and follow-ups, mostly signed, some
 * drafts, a few entered in error, addenda on about 2% of the signed ones),
 * 5,000,000 runs (100 per runner over 300 days) and 2,000 signed referrals
 * with their frozen snapshot. Every
 * evaluation is computed by the real engine (lib/clinical evaluate()) and
 * every referral snapshot by lib/export buildReferralSnapshot(); the
 * caseload columns of Episode are then computed in one set-based UPDATE that
 * follows lib/data/episode-summary.ts, and checked against it on a sample.
 *
 * Safety: refuses to run unless the database has no clinic at all (pass
 * --force to add the synthetic clinic next to existing ones; it never
 * changes or deletes other rows). Prints what it will do before doing it.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_bench npm run synth:generate -- --migrate
 *
 * Options:
 *   --migrate          apply the committed migrations first (scripts/db/offline/migrate.ts)
 *   --force            add the clinic even though the database already has clinics
 *   --dry-run          print the plan and stop
 *   --patients N       runners (default 50000); runs and assessments scale with it
 *   --referrals N      signed referrals (default 2000)
 *   --seed N           PRNG seed (default 20261125); same seed and day, same data
 *   --verify N         episodes whose summary is checked against lib/data (default 200)
 *   --evaluation-input also store Assessment.evaluationInput (the engine input kept
 *                      at signing, about 5.5 kB each; nothing benchmarked reads it,
 *                      and it more than doubles the JSON PostgreSQL has to parse)
 *   --workers N        worker threads building rows (default: cores, at most 4; 0 = main thread)
 *   --streams N        COPY connections for assessments (default 2; runs get their own)
 *   SYNTH_PASSWORD     the clinician's password (default: random, printed at the end)
 *
 * Speed (about 3-6 minutes on 2 cores): worker threads build blocks of 1,000
 * runners (scripts/synth/block.ts) while the main thread streams finished
 * blocks with COPY ... FROM STDIN on three connections (runs, assessments
 * twice), ordered by date within each block so that a runner's rows are
 * spread over the table as in a real clinic. On a fresh database as a superuser, foreign-key triggers
 * are skipped during the load (session_replication_role = replica, as
 * pg_restore --disable-triggers does) and checked afterwards with anti-joins,
 * and the Run indexes are dropped and rebuilt with the exact definitions
 * they had (checked). Ends with VACUUM ANALYZE.
 *
 * PostgreSQL accepts assessments and referrals only as drafts (migration
 * …_sealed_records): they are loaded as drafts, with what happened to them
 * next in plan tables (schema synth_load, dropped at the end), and signed,
 * marked entered in error, sent and cancelled by set-based UPDATEs that the
 * triggers check row by row.
 */
// The app's server modules load outside Next (scripts/server-only.cjs): first.
import "../server-only.cjs";
import "dotenv/config";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { FLAGGED_MAX_RANK, RANK_NOT_EVALUATED, urgencyOfRankSql, urgencyRankSql, WORKLIST_STEP } from "../../lib/domain/urgency";
import { worseningMeasuresSql } from "../../lib/domain/measures";
import { refreshEpisodeSummary } from "../../lib/data/episode-summary";
import { todayIn } from "../../lib/format";
import { PrismaClient } from "../../prisma/generated/client";
import { hashPassword } from "../../lib/passwords";
import { applyMigrations } from "../db/offline/migrate";
import { redactUrl } from "../db/url";
import {
  ASSESSMENT_COLS,
  buildBlock,
  EPISODE_COLS,
  episodeRow,
  PATIENT_COLS,
  patientRow,
  REFERRAL_COLS,
  REFERRAL_PLAN_COLS,
  RUN_COLS,
  SETTINGS_JSON,
  SIGN_ASSESSMENTS_SQL,
  SIGN_PLAN_COLS,
  SIGN_PLAN_TABLES,
  SIGN_REFERRALS_SQL,
  type BlockJob,
  type BlockResult,
} from "./block";
import { copyFrom, type CopyWriter } from "./copy";
import { insertDischarges } from "./discharges";
import { REFRESH_EPISODE_OUTCOMES_SQL } from "../../lib/data/outcome-summary";
import { DELETE_SUMS_SQL, INSERT_SUMS_SQL, RECURRED_SQL } from "../../lib/data/outcome-sums";
import { planPatient, RUNS_PER_PATIENT, visitsFor, type PatientPlan } from "./model";

export const CLINIC_NAME = "Synthetic Large Clinic (generated data)";
export const CLINICIAN_EMAIL = "clinician@synthetic-large-clinic.example";
const TIMEZONE = "Europe/London";
const BLOCK = 1000;

type Options = {
  migrate: boolean;
  force: boolean;
  dryRun: boolean;
  patients: number;
  referrals: number;
  seed: number;
  verify: number;
  evaluationInput: boolean;
  workers: number;
  streams: number;
};

function parseArgs(argv: string[]): Options {
  const o: Options = {
    migrate: false,
    force: false,
    dryRun: false,
    patients: 50_000,
    referrals: 2_000,
    seed: 20261125,
    verify: 200,
    evaluationInput: false,
    workers: Math.max(1, Math.min(4, os.cpus().length)),
    streams: 2,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${a} needs a whole number`);
      return n;
    };
    if (a === "--migrate") o.migrate = true;
    else if (a === "--force") o.force = true;
    else if (a === "--dry-run") o.dryRun = true;
    else if (a === "--patients") o.patients = Math.max(1, num());
    else if (a === "--referrals") o.referrals = num();
    else if (a === "--seed") o.seed = num();
    else if (a === "--verify") o.verify = num();
    else if (a === "--evaluation-input") o.evaluationInput = true;
    else if (a === "--workers") o.workers = num();
    else if (a === "--streams") o.streams = Math.max(1, num());
    else throw new Error(`unknown option ${a} (see the header of scripts/synth/generate.ts)`);
  }
  return o;
}

const fmt = (n: number) => n.toLocaleString("en-GB");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class Clock {
  private readonly start = Date.now();
  readonly phases: { name: string; ms: number }[] = [];
  async phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t = Date.now();
    console.log(`\n== ${name}`);
    const result = await fn();
    const ms = Date.now() - t;
    this.phases.push({ name, ms });
    console.log(`   done in ${secs(ms)} (total ${secs(this.elapsed())})`);
    return result;
  }
  elapsed() {
    return Date.now() - this.start;
  }
}

async function connect(url: string, bulk = false, fkOff = false): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: "synth:generate" });
  await c.connect();
  if (bulk) {
    await c.query("SET synchronous_commit = off");
    await c.query("SET maintenance_work_mem = '1GB'");
    if (fkOff) await c.query("SET session_replication_role = replica");
  }
  return c;
}

/** Index and primary-key definitions of a table, to drop them for the load and rebuild them identically. */
async function tableIndexes(c: pg.Client, table: string) {
  const { rows } = await c.query<{ name: string; indexdef: string; constraint: string | null; condef: string | null }>(
    `SELECT i.indexname AS name, i.indexdef, con.conname AS constraint, pg_get_constraintdef(con.oid) AS condef
       FROM pg_indexes i
       LEFT JOIN pg_constraint con ON con.conname = i.indexname AND con.conrelid = format('%I.%I', i.schemaname, i.tablename)::regclass
      WHERE i.schemaname = current_schema() AND i.tablename = $1
      ORDER BY i.indexname`,
    [table],
  );
  return rows;
}

// ---------------------------------------------------------------- episode summary

/**
 * The caseload columns of every episode of the clinic, as
 * lib/data/episode-summary.ts refreshEpisodeSummary computes them one
 * episode at a time: urgency of the latest signed evaluation, raised (never
 * lowered) by a draft that is not older; incomplete screen of the latest
 * signed (else draft) evaluation; last seen; worsening vs the previous signed
 * assessment (the measures of WORSENING_MEASURES); number of drafts; and the
 * non-null sort keys.
 */
const SUMMARY_SQL = `
WITH s AS (
  SELECT DISTINCT ON ("episodeId") "episodeId", "assessedOn", evaluation
    FROM "Assessment" WHERE "clinicId" = $1 AND status = 'signed'
   ORDER BY "episodeId", "assessedOn" DESC, "createdAt" DESC
), d AS (
  SELECT DISTINCT ON ("episodeId") "episodeId", "assessedOn", evaluation, count(*) OVER (PARTITION BY "episodeId") AS n
    FROM "Assessment" WHERE "clinicId" = $1 AND status = 'draft'
   ORDER BY "episodeId", "assessedOn" DESC, "createdAt" DESC
), x AS (
  SELECT e.id, e."nextReviewDate", lower(p."familyName" || ' ' || p."givenName") AS sort_name,
         s."assessedOn" AS signed_on, s.evaluation AS signed_eval,
         CASE WHEN d."episodeId" IS NOT NULL AND (s."episodeId" IS NULL OR d."assessedOn" >= s."assessedOn") THEN d.evaluation END AS draft_eval,
         coalesce(d.n, 0) AS drafts
    FROM "Episode" e
    JOIN "Patient" p ON p.id = e."patientId" AND p."clinicId" = e."clinicId"
    LEFT JOIN s ON s."episodeId" = e.id
    LEFT JOIN d ON d."episodeId" = e.id
   WHERE e."clinicId" = $1
), r AS (
  SELECT x.*, LEAST(
           ${urgencyRankSql("signed_eval->>'urgency'")},
           ${urgencyRankSql("draft_eval->>'urgency'")}) AS rank
    FROM x
)
UPDATE "Episode" e SET
  urgency = (${urgencyOfRankSql("r.rank")})::"Urgency",
  "urgencyRank" = coalesce(r.rank, ${RANK_NOT_EVALUATED}),
  "worklistRank" = coalesce(r.rank, ${RANK_NOT_EVALUATED}) * ${WORKLIST_STEP},
  "screenIncomplete" = coalesce(jsonb_array_length(coalesce(r.signed_eval, r.draft_eval)->'redFlagsNotAssessed') > 0, true),
  "lastSeenOn" = r.signed_on,
  "seenSort" = coalesce(r.signed_on, '0001-01-01'::date),
  "reviewSort" = coalesce(r."nextReviewDate", '9999-12-31'::date),
  "sortName" = r.sort_name,
  worsening = coalesce((SELECT bool_or(c.value->>'vsPrevious' = 'worsened') FROM jsonb_each(r.signed_eval->'changes') c WHERE c.key IN (${worseningMeasuresSql()})), false),
  "draftCount" = r.drafts
FROM r WHERE e.id = r.id`;

const SUMMARY_COLS = {
  urgency: true,
  urgencyRank: true,
  screenIncomplete: true,
  lastSeenOn: true,
  seenSort: true,
  reviewSort: true,
  sortName: true,
  worsening: true,
  draftCount: true,
  worklistRank: true,
} as const;

/** Re-computes the summary of `n` random episodes with lib/data itself (rolled back) and compares. */
async function verifySummaries(url: string, clinicId: string, n: number): Promise<void> {
  if (n === 0) return;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  const ROLLBACK = new Error("rollback");
  try {
    const sample = await prisma.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "Episode" WHERE "clinicId" = ${clinicId}::uuid ORDER BY random() LIMIT ${n}`;
    let mismatches = 0;
    for (const { id } of sample) {
      const before = await prisma.episode.findUniqueOrThrow({ where: { id }, select: SUMMARY_COLS });
      await prisma
        .$transaction(async (tx) => {
          await refreshEpisodeSummary(tx, clinicId, id);
          const after = await tx.episode.findUniqueOrThrow({ where: { id }, select: SUMMARY_COLS });
          if (JSON.stringify(after) !== JSON.stringify(before)) {
            mismatches++;
            if (mismatches <= 3)
              console.log(`   MISMATCH episode ${id}\n     SQL:      ${JSON.stringify(before)}\n     lib/data: ${JSON.stringify(after)}`);
          }
          throw ROLLBACK;
        })
        .catch((e: unknown) => {
          if (e !== ROLLBACK) throw e;
        });
    }
    if (mismatches > 0) throw new Error(`${mismatches} of ${sample.length} episode summaries differ from lib/data/episode-summary.ts`);
    console.log(`   ${sample.length} random episodes: the set-based summary equals refreshEpisodeSummary() (lib/data) for every one`);
  } finally {
    await prisma.$disconnect();
  }
}

// ---------------------------------------------------------------- worker pool

/** Worker threads building blocks (scripts/synth/worker.ts); with 0 workers, blocks are built inline. */
class BlockPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly all: Worker[] = [];

  constructor(size: number) {
    const file = path.join(__dirname, "worker.ts");
    for (let i = 0; i < size; i++) {
      // Workers do not inherit tsx's ESM hook: load tsx's CommonJS hook first.
      const w = new Worker(`require("tsx/cjs"); require(${JSON.stringify(file)});`, {
        eval: true,
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  async run(job: BlockJob): Promise<BlockResult> {
    if (this.all.length === 0) return buildBlock(job);
    const w = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    try {
      return await new Promise<BlockResult>((resolve, reject) => {
        const onError = (e: Error) => {
          w.off("message", onMessage);
          reject(e);
        };
        const onMessage = (r: BlockResult) => {
          w.off("error", onError);
          resolve(r);
        };
        w.once("message", onMessage);
        w.once("error", onError);
        w.postMessage(job);
      });
    } finally {
      const next = this.waiting.shift();
      if (next) next(w);
      else this.idle.push(w);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set: name the database to fill, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_bench");
  const today = todayIn(TIMEZONE);
  const visitsTotal = Array.from({ length: o.patients }, (_, i) => visitsFor(i)).reduce((a, b) => a + b, 0);
  console.log(`synth:generate into ${redactUrl(url)}`);
  console.log(`  clinic "${CLINIC_NAME}" (time zone ${TIMEZONE}, today ${today}), one clinician`);
  console.log(
    `  ${fmt(o.patients)} runners and episodes, ${fmt(visitsTotal)} assessments, ${fmt(o.patients * RUNS_PER_PATIENT)} runs, up to ${fmt(o.referrals)} signed referrals`,
  );
  console.log(`  seed ${o.seed}${o.migrate ? ", applying migrations first" : ""}${o.force ? ", --force" : ""}`);

  const clock = new Clock();
  const admin = await connect(url);
  try {
    if (o.migrate && !o.dryRun) {
      await clock.phase("migrations", async () => {
        const applied = await applyMigrations(url, { log: (l) => console.log(`   ${l}`) });
        console.log(`   ${applied.length} applied`);
      });
    }
    const { rows: tables } = await admin.query<{ ok: boolean }>(
      `SELECT to_regclass('"Episode"') IS NOT NULL AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'Episode' AND column_name = 'urgencyRank') AS ok`,
    );
    if (!tables[0]?.ok)
      throw new Error("the database has no Knee Clinic schema (or an old one): run with --migrate, or `npm run db:migrate` first");
    const { rows: clinics } = await admin.query<{ total: string; demo: string; synthetic: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE "isDemo") AS demo, count(*) FILTER (WHERE name = $1) AS synthetic FROM "Clinic"`,
      [CLINIC_NAME],
    );
    const c0 = clinics[0]!;
    if (Number(c0.total) > 0 && !o.force) {
      throw new Error(
        `Refusing to run: this database already holds ${c0.total} clinic(s) (${c0.demo} demo, ${c0.synthetic} synthetic). ` +
          `Generate into an empty database (createdb kc_bench; --migrate), or pass --force to add a synthetic clinic next to them.`,
      );
    }
    const { rows: su } = await admin.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    const superuser = !!su[0]?.rolsuper;
    const { rows: runCount } = await admin.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Run") AS any`);
    const fresh = Number(c0.total) === 0 && !runCount[0]?.any;
    const fkOff = fresh && superuser;
    const rebuildRunIndexes = fresh;
    console.log(
      `  load: ${o.workers} worker threads, COPY on ${o.streams + 1} connections; ${fkOff ? "foreign keys checked after the load" : "foreign keys checked row by row"}; ${rebuildRunIndexes ? "Run indexes rebuilt after the load" : "indexes kept during the load"}`,
    );
    if (o.dryRun) {
      console.log("\n--dry-run: nothing written.");
      return;
    }

    // 1. Clinic, settings, clinician.
    const password = process.env.SYNTH_PASSWORD || randomBytes(12).toString("base64url");
    const { ids, email, clinic, referrer } = await clock.phase("clinic and clinician", async () => {
      const hash = await hashPassword(password);
      const taken = await admin.query(`SELECT 1 FROM "User" WHERE email = $1`, [CLINICIAN_EMAIL]);
      const email = taken.rowCount ? CLINICIAN_EMAIL.replace("@", `+${randomBytes(3).toString("hex")}@`) : CLINICIAN_EMAIL;
      await admin.query("BEGIN");
      const c = await admin.query<{ id: string }>(
        `INSERT INTO "Clinic" (name, "isDemo", phone, address, timezone) VALUES ($1, false, '+44 20 7946 0999', '1 Synthetic Street, London', $2) RETURNING id`,
        [CLINIC_NAME, TIMEZONE],
      );
      const clinicId = c.rows[0]!.id;
      await admin.query(`INSERT INTO "ClinicSettings" ("clinicId") VALUES ($1)`, [clinicId]);
      const u = await admin.query<{ id: string }>(
        `INSERT INTO "User" ("clinicId", email, name, role, title, phone, "passwordHash") VALUES ($1, $2, 'Dr Sam Synthetic', 'clinician', 'Sports physiotherapist', '+44 20 7946 0998', $3) RETURNING id`,
        [clinicId, email, hash],
      );
      const userId = u.rows[0]!.id;
      await admin.query(
        `INSERT INTO "AuditEvent" ("clinicId", "userId", action, "entityType", "entityId", detail) VALUES ($1::uuid, NULL, 'seed.synthetic_data', 'Clinic', $1::text, $2)`,
        [clinicId, JSON.stringify({ patients: o.patients, seed: o.seed, generatedOn: today })],
      );
      await admin.query("COMMIT");
      console.log(`   clinic ${clinicId}, clinician ${email}`);
      return {
        ids: { clinicId, userId },
        email,
        clinic: {
          id: clinicId,
          name: CLINIC_NAME,
          phone: "+44 20 7946 0999",
          address: "1 Synthetic Street, London",
          timezone: "Europe/London",
        },
        referrer: { id: userId, name: "Dr Sam Synthetic", title: "Sports physiotherapist", email, phone: "+44 20 7946 0998" },
      };
    });

    // 2. Runners and episodes.
    const plans: PatientPlan[] = await clock.phase(`${fmt(o.patients)} runners and episodes`, async () => {
      const plans = Array.from({ length: o.patients }, (_, i) => planPatient(o.seed, i, today));
      const c = await connect(url, true, fkOff);
      try {
        const pw = await copyFrom(c, "Patient", PATIENT_COLS);
        for (const p of plans) await pw.row(patientRow(ids, p));
        console.log(`   ${fmt(await pw.end())} patients`);
        const ew = await copyFrom(c, "Episode", EPISODE_COLS);
        for (const p of plans) await ew.row(episodeRow(ids, p));
        console.log(`   ${fmt(await ew.end())} episodes`);
      } finally {
        await c.end();
      }
      return plans;
    });

    // The plans of what became of each assessment and referral after its draft was loaded.
    await admin.query(`DROP SCHEMA IF EXISTS synth_load CASCADE; CREATE SCHEMA synth_load; ${SIGN_PLAN_TABLES}`);

    // 3. Runs and assessments, block by block, each block in date order.
    const runIndexes = rebuildRunIndexes ? await tableIndexes(admin, "Run") : [];
    if (rebuildRunIndexes) {
      for (const ix of runIndexes) {
        if (ix.constraint) await admin.query(`ALTER TABLE "Run" DROP CONSTRAINT "${ix.constraint}"`);
        else await admin.query(`DROP INDEX "${ix.name}"`);
      }
    }
    const rebuild = async () => {
      await admin.query("SET maintenance_work_mem = '1GB'");
      for (const ix of runIndexes) {
        const t = Date.now();
        if (ix.constraint) await admin.query(`ALTER TABLE "Run" ADD CONSTRAINT "${ix.constraint}" ${ix.condef}`);
        else await admin.query(ix.indexdef);
        console.log(`   ${ix.name} (${secs(Date.now() - t)})`);
      }
      const after = await tableIndexes(admin, "Run");
      if (JSON.stringify(after) !== JSON.stringify(runIndexes))
        throw new Error(`the Run indexes differ after the rebuild:\n${JSON.stringify(runIndexes)}\n${JSON.stringify(after)}`);
      console.log("   definitions identical to before the load");
    };
    // If the load fails, the COPY stored nothing: put the indexes back before giving up.
    const loadRuns = async <T>(fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (error) {
        if (rebuildRunIndexes) await rebuild().catch((e: unknown) => console.error(`   could not rebuild the Run indexes: ${String(e)}`));
        throw error;
      }
    };
    // Which runners get a signed referral: evenly spread over those whose picture comes with one.
    const eligible = plans.filter((p) => p.redFlagScenario && p.scenario.referral);
    const takeEvery = Math.max(1, Math.floor(eligible.length / Math.max(1, o.referrals)));
    const referralFor = new Map<number, number>();
    for (let k = 0; k < eligible.length && referralFor.size < o.referrals; k += takeEvery)
      referralFor.set(eligible[k]!.index, referralFor.size);
    const referralText: string[] = [];
    const referralPlanText: string[] = [];

    const counts = await loadRuns(() =>
      clock.phase(
        `${fmt(o.patients * RUNS_PER_PATIENT)} runs and ${fmt(visitsTotal)} assessments (COPY, ${o.streams + 1} connections, ${o.workers} worker threads)`,
        async () => {
          const clients = await Promise.all(Array.from({ length: o.streams + 2 }, () => connect(url, true, fkOff)));
          const writers: CopyWriter[] = [];
          const pool = new BlockPool(o.workers);
          try {
            const rw = await copyFrom(clients[0]!, "Run", RUN_COLS);
            writers.push(rw);
            const sw = await copyFrom(clients[1]!, "synth_load.sign_plan", SIGN_PLAN_COLS);
            const aws: CopyWriter[] = [];
            for (const c of clients.slice(2)) aws.push(await copyFrom(c, "Assessment", ASSESSMENT_COLS));
            writers.push(...aws, sw);
            const jobs: BlockJob[] = [];
            for (let b = 0; b < plans.length; b += BLOCK) {
              const slice = plans.slice(b, b + BLOCK);
              jobs.push({
                seed: o.seed,
                today,
                ids,
                clinic,
                referrer,
                plans: slice,
                referrals: slice.filter((p) => referralFor.has(p.index)).map((p) => [p.index, referralFor.get(p.index)!]),
                evaluationInput: o.evaluationInput,
                streams: o.streams,
              });
            }
            const started = Date.now();
            let buildMs = 0;
            let assessmentsSent = 0;
            // Blocks are built ahead (at most workers + 2 in memory) and written in order.
            const ahead = Math.max(2, o.workers + 2);
            const pending: Promise<BlockResult>[] = [];
            let next = 0;
            const fill = () => {
              while (next < jobs.length && pending.length < ahead) pending.push(pool.run(jobs[next++]!));
            };
            fill();
            for (let b = 0; b < jobs.length; b++) {
              const r = await pending.shift()!;
              fill();
              buildMs += r.ms;
              await Promise.all([rw.text(r.runs, r.runCount), sw.text(r.signPlan, 0), ...aws.map((w, i) => w.text(r.assessments[i]!, 0))]);
              assessmentsSent += r.assessmentCount;
              if (r.referralCount) {
                referralText.push(r.referrals);
                referralPlanText.push(r.referralPlan);
              }
              const done = Math.min(plans.length, (b + 1) * BLOCK);
              if (done % (BLOCK * 5) === 0 || done === plans.length) {
                const sec = (Date.now() - started) / 1000;
                console.log(
                  `   ${fmt(done)} runners: ${fmt(rw.rows)} runs, ${fmt(assessmentsSent)} assessments sent (${sec.toFixed(0)} s, ${fmt(Math.round(assessmentsSent / sec))} assessments/s; building took ${secs(buildMs)} of worker time)`,
                );
              }
            }
            const [runsStored, ...stored] = await Promise.all(writers.map((w) => w.end()));
            const assessments = stored.slice(0, -1).reduce((a, b) => a + b, 0);
            console.log(`   stored ${fmt(runsStored!)} runs, ${fmt(assessments)} assessments`);
            return { runs: runsStored!, assessments };
          } catch (error) {
            for (const w of writers) w.fail("aborted");
            throw error;
          } finally {
            await pool.close();
            await Promise.all(clients.map((c) => c.end().catch(() => {})));
          }
        },
      ),
    );

    if (rebuildRunIndexes) {
      await clock.phase("rebuild the Run indexes", rebuild);
    }

    await clock.phase("sign the assessments (set-based UPDATEs, each row checked by the triggers)", async () => {
      const { rows } = await admin.query<{ signed: string; eie: string }>(
        `SELECT count(*) AS signed, count("enteredInErrorAt") AS eie FROM synth_load.sign_plan`,
      );
      const signed = await admin.query(SIGN_ASSESSMENTS_SQL[0]!, [ids.clinicId, ids.userId, SETTINGS_JSON]);
      const marked = await admin.query(SIGN_ASSESSMENTS_SQL[1]!, [ids.clinicId, ids.userId]);
      if (signed.rowCount !== Number(rows[0]!.signed) || marked.rowCount !== Number(rows[0]!.eie))
        throw new Error(
          `signed ${signed.rowCount} of ${rows[0]!.signed} assessments, marked ${marked.rowCount} of ${rows[0]!.eie} entered in error`,
        );
      console.log(`   ${fmt(signed.rowCount ?? 0)} signed, ${fmt(marked.rowCount ?? 0)} of them then entered in error`);
    });

    // 4. Referrals: loaded as drafts, then signed, sent and cancelled.
    const referrals = await clock.phase(`${fmt(referralFor.size)} signed referrals (snapshots built by lib/export)`, async () => {
      const c = await connect(url, true, fkOff);
      try {
        const w = await copyFrom(c, "Referral", REFERRAL_COLS);
        await w.text(referralText.join(""), referralFor.size);
        const stored = await w.end();
        const pw = await copyFrom(c, "synth_load.referral_plan", REFERRAL_PLAN_COLS);
        await pw.text(referralPlanText.join(""), referralFor.size);
        await pw.end();
        const moved: number[] = [];
        for (const sql of SIGN_REFERRALS_SQL) moved.push((await admin.query(sql, [ids.clinicId, ids.userId])).rowCount ?? 0);
        if (moved[0] !== stored) throw new Error(`signed ${moved[0]} of ${stored} referrals`);
        console.log(`   ${fmt(stored)} drafts signed, ${fmt(moved[1]!)} sent, ${fmt(moved[2]!)} of those cancelled`);
        return stored;
      } finally {
        await c.end();
      }
    });

    // 5. Addenda on about 2% of the signed assessments (a note added one to three days later).
    const addenda = await clock.phase("addenda on about 2% of signed assessments", async () => {
      const r = await admin.query(
        `INSERT INTO "Addendum" ("clinicId", "assessmentId", "authorId", text, "createdAt")
         SELECT a."clinicId", a.id, $2::uuid,
                (ARRAY['Phoned the runner: pain settled after the session, plan unchanged.',
                       'Imaging report received; see the referral. No change to the plan.',
                       'Correction: the runner trains on the track twice a week, not once.',
                       'Runner emailed: knee swelled after a long run; advised to rest and call if it recurs.',
                       'Physician replied to the referral: continue conservative care, review in four weeks.'])[1 + abs(hashtext(a.id::text)) % 5],
                a."signedAt" + (24 + abs(hashtext(a.id::text || 'at')) % 48) * interval '1 hour'
           FROM "Assessment" a
          WHERE a."clinicId" = $1 AND a.status = 'signed' AND abs(hashtext(a.id::text || 'addendum')) % 100 < 2`,
        [ids.clinicId, ids.userId],
      );
      console.log(`   ${fmt(r.rowCount ?? 0)} addenda`);
      return r.rowCount ?? 0;
    });

    // 5b. Discharges (reason, return to running, outcome), through the table's triggers.
    await clock.phase("discharges of the discharged episodes (outcome by lib/clinical)", async () => {
      // Statistics first: the bulk load left none, and without them the planner walks the assessments once per episode.
      for (const t of ["Episode", "Assessment"]) await admin.query(`ANALYZE "${t}"`);
      const n = await insertDischarges(admin, ids.clinicId, ids.userId, o.seed);
      console.log(`   ${fmt(n)} discharges`);
    });

    // 6. Caseload columns.
    await clock.phase("episode caseload columns (one set-based UPDATE)", async () => {
      const r = await admin.query(SUMMARY_SQL, [ids.clinicId]);
      console.log(`   ${fmt(r.rowCount ?? 0)} episodes`);
      // The episodes were loaded without triggers: set the clinic's caseload counts from them.
      await admin.query("SELECT caseload_count_rebuild($1::uuid)", [ids.clinicId]);
    });

    // 6b. The outcome summary of every episode (lib/data/outcome-summary.ts), one statement.
    await clock.phase("episode outcome summaries (one set-based upsert)", async () => {
      const r = await admin.query(REFRESH_EPISODE_OUTCOMES_SQL, [ids.clinicId, null]);
      console.log(`   ${fmt(r.rowCount ?? 0)} episodes`);
      const recurred = await admin.query(RECURRED_SQL, [ids.clinicId, null]);
      console.log(`   ${fmt(recurred.rowCount ?? 0)} recurrences`);
      await admin.query(DELETE_SUMS_SQL, [ids.clinicId, null]);
      const sums = await admin.query(INSERT_SUMS_SQL, [ids.clinicId, null]);
      console.log(`   ${fmt(sums.rowCount ?? 0)} daily outcome sums (lib/data/outcome-sums.ts)`);
    });

    if (fkOff) {
      await clock.phase("foreign keys (checked once, set-based)", async () => {
        const { rows } = await admin.query<Record<string, string>>(
          `
          SELECT
            (SELECT count(*) FROM "Episode" e WHERE e."clinicId" = $1 AND NOT EXISTS (SELECT 1 FROM "Patient" p WHERE p."clinicId" = e."clinicId" AND p.id = e."patientId")) AS episodes,
            (SELECT count(*) FROM "Run" r WHERE r."clinicId" = $1 AND NOT EXISTS (SELECT 1 FROM "Patient" p WHERE p."clinicId" = r."clinicId" AND p.id = r."patientId")) AS runs,
            (SELECT count(*) FROM "Assessment" a WHERE a."clinicId" = $1 AND NOT EXISTS (SELECT 1 FROM "Episode" e WHERE e."clinicId" = a."clinicId" AND e.id = a."episodeId")) AS assessments,
            (SELECT count(*) FROM "Referral" f WHERE f."clinicId" = $1 AND NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."clinicId" = f."clinicId" AND a.id = f."assessmentId" AND a."episodeId" = f."episodeId")) AS referrals`,
          [ids.clinicId],
        );
        const bad = Object.entries(rows[0] ?? {}).filter(([, n]) => Number(n) > 0);
        if (bad.length) throw new Error(`rows without their parent: ${bad.map(([k, n]) => `${k} ${n}`).join(", ")}`);
        console.log("   every episode, run, assessment and referral has its parent row");
      });
    }

    await clock.phase(`check ${o.verify} episode summaries against lib/data`, () => verifySummaries(url, ids.clinicId, o.verify));

    await clock.phase("VACUUM ANALYZE", async () => {
      for (const t of [
        "Patient",
        "Episode",
        "Run",
        "Assessment",
        "Addendum",
        "Referral",
        "AuditEvent",
        "User",
        "Clinic",
        "ClinicSettings",
        "CaseloadCount",
        "Discharge",
        "EpisodeOutcome",
        "OutcomeSum",
      ]) {
        const s = Date.now();
        await admin.query(`VACUUM (ANALYZE) "${t}"`);
        console.log(`   ${t} (${secs(Date.now() - s)})`);
      }
    });

    const { rows: stats } = await admin.query<Record<string, string>>(
      `
      SELECT
        (SELECT count(*) FROM "Episode" WHERE "clinicId" = $1 AND status = 'open') AS open,
        (SELECT count(*) FROM "Episode" WHERE "clinicId" = $1 AND status = 'open' AND "urgencyRank" <= ${FLAGGED_MAX_RANK}) AS flagged,
        (SELECT count(*) FROM "Episode" WHERE "clinicId" = $1 AND status = 'open' AND worsening) AS worsening,
        (SELECT count(*) FROM "Episode" WHERE "clinicId" = $1 AND status = 'open' AND "draftCount" > 0) AS drafts,
        (SELECT count(*) FROM "Assessment" WHERE "clinicId" = $1 AND status = 'signed') AS signed,
        (SELECT count(*) FROM "Assessment" WHERE "clinicId" = $1 AND status = 'draft') AS draft_assessments,
        (SELECT count(*) FROM "Assessment" WHERE "clinicId" = $1 AND status = 'entered_in_error') AS entered_in_error,
        pg_size_pretty(pg_database_size(current_database())) AS db_size,
        pg_size_pretty(pg_total_relation_size('"Run"')) AS run_size,
        pg_size_pretty(pg_total_relation_size('"Assessment"')) AS assessment_size`,
      [ids.clinicId],
    );
    const s = stats[0]!;
    console.log(`\nDone in ${secs(clock.elapsed())}.`);
    for (const p of clock.phases) console.log(`  ${secs(p.ms).padStart(9)}  ${p.name}`);
    console.log(
      `  ${fmt(o.patients)} runners, ${fmt(counts.runs)} runs, ${fmt(counts.assessments)} assessments (${fmt(Number(s.signed))} signed, ${fmt(Number(s.draft_assessments))} drafts, ${fmt(Number(s.entered_in_error))} entered in error), ${fmt(addenda)} addenda, ${fmt(referrals)} referrals`,
    );
    console.log(
      `  caseload: ${fmt(Number(s.open))} open episodes, ${fmt(Number(s.flagged))} flagged, ${fmt(Number(s.worsening))} worsening, ${fmt(Number(s.drafts))} with drafts`,
    );
    console.log(`  database ${s.db_size} (Run ${s.run_size}, Assessment ${s.assessment_size})`);
    console.log(`\nSign in as ${email} with password ${password}`);
    console.log(`  (synthetic data only; the bench reads BENCH_EMAIL and BENCH_PASSWORD)`);
  } finally {
    await admin.query("DROP SCHEMA IF EXISTS synth_load CASCADE").catch(() => undefined);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(`\nsynth:generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
