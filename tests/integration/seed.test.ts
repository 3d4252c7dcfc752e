/**
 * The demo seed: idempotent, covers every red flag, risk factor and
 * consideration in each clinic, creates referrals in every state, and never
 * runs against a database that holds a real clinic.
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { returnToRunIn } from "@/lib/data/return-to-run-state";
import { PrismaClient } from "@/prisma/generated/client";
import { CONSIDERATION_CODES, RED_FLAG_CODES, RISK_FACTOR_CODES } from "@/lib/clinical";
import { RED_FLAG_SCENARIOS } from "../../prisma/seed/scenarios";
import { seed } from "../../prisma/seed";
import { applyMigrations } from "../../scripts/db/offline/migrate";
import { adminUrl, createServerDatabase, serverIsReachable } from "../helpers/db";

jest.setTimeout(180_000);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

it("refuses to seed the shared test database, which holds non-demo clinics", async () => {
  const url = process.env.DATABASE_OWNER_URL!;
  await query(url, `INSERT INTO "Clinic" (name) VALUES ('A real clinic')`);
  await expect(seed(url, () => undefined)).rejects.toThrow(/Refusing to seed: this database holds \d+ clinic\(s\) that are not demo data/);
  expect(await query(url, `SELECT 1 FROM "Clinic" WHERE "isDemo"`)).toEqual([]);
});

it("seeds the demo clinics once, with every rule firing in each clinic", async () => {
  // A database of its own (on the PGlite fallback there is only one database: the refusal test above covers it).
  if (!(await serverIsReachable(adminUrl()))) return;
  const db = await createServerDatabase(adminUrl());
  try {
    await applyMigrations(db.url);
    const log: string[] = [];
    await seed(db.url, (l) => log.push(l));
    await seed(db.url, (l) => log.push(l));
    expect(log.filter((l) => l.includes("already present"))).toHaveLength(2);

    const clinics = await query<{ name: string; users: string; patients: string }>(
      db.url,
      `SELECT c.name, (SELECT count(*) FROM "User" u WHERE u."clinicId" = c.id) AS users, (SELECT count(*) FROM "Patient" p WHERE p."clinicId" = c.id) AS patients FROM "Clinic" c ORDER BY c.name`,
    );
    expect(clinics.map((c) => [c.name, Number(c.users)])).toEqual([
      ["Harbour Physiotherapy", 1],
      ["Riverside Sports Medicine", 3],
    ]);
    for (const c of clinics) expect(Number(c.patients)).toBeGreaterThanOrEqual(38);
    // The demo signs in with email and password alone (new clinics require two-factor sign-in of admins).
    expect(await query(db.url, `SELECT DISTINCT "twoFactorRequired"::text AS policy FROM "Clinic"`)).toEqual([{ policy: "off" }]);

    const ages = await query<{ min: number; max: number }>(
      db.url,
      `SELECT min(date_part('year', age(now(), "birthDate")))::int AS min, max(date_part('year', age(now(), "birthDate")))::int AS max FROM "Patient"`,
    );
    expect(ages[0]!.min).toBeGreaterThanOrEqual(14);
    expect(ages[0]!.max).toBeLessThanOrEqual(70);

    for (const [list, codes] of [
      ["redFlags", RED_FLAG_CODES],
      ["riskFactors", RISK_FACTOR_CODES],
      ["considerations", CONSIDERATION_CODES],
    ] as const) {
      const rows = await query<{ name: string; codes: string[] }>(
        db.url,
        `SELECT c.name, array_agg(DISTINCT x->>'code') AS codes FROM "Assessment" a JOIN "Clinic" c ON c.id = a."clinicId",
           jsonb_array_elements(a.evaluation->'${list}') x WHERE a.status = 'signed' GROUP BY c.name`,
      );
      expect(rows).toHaveLength(2);
      for (const r of rows) expect([...r.codes].sort()).toEqual([...codes].sort());
    }

    const follow = await query<{ n: number }>(
      db.url,
      `SELECT min(n)::int AS n FROM (SELECT count(*) FILTER (WHERE kind = 'follow_up') AS n FROM "Assessment" GROUP BY "episodeId") t`,
    );
    expect(follow[0]!.n).toBeGreaterThanOrEqual(1);
    const referrals = await query<{ status: string; urgency: string }>(
      db.url,
      `SELECT DISTINCT status::text, urgency::text FROM "Referral"`,
    );
    expect(new Set(referrals.map((r) => r.status))).toEqual(new Set(["draft", "signed", "sent", "cancelled"]));
    expect(referrals.some((r) => r.urgency === "urgent" && r.status !== "draft")).toBe(true);
    // Every discharged episode has its discharge, every reason shows, outcomes are measured, and both letters are signed with their PDF.
    const discharges = await query<{ reason: string; n: number; measured: number; letters: number; pdfs: number }>(
      db.url,
      `SELECT d.reason::text AS reason, count(*)::int AS n,
              count(*) FILTER (WHERE jsonb_array_length(d.outcome->'measures') > 0)::int AS measured,
              (SELECT count(*) FROM "EpisodeLetter" l WHERE l."episodeId" = ANY(array_agg(d."episodeId")))::int AS letters,
              (SELECT count(*) FROM "StoredDocument" s WHERE s."letterId" IS NOT NULL AND s."episodeId" = ANY(array_agg(d."episodeId")))::int AS pdfs
         FROM "Discharge" d GROUP BY d.reason`,
    );
    expect(new Set(discharges.map((d) => d.reason))).toEqual(
      new Set(["returned_to_full_running", "goal_race_completed", "referred_on", "self_discharged", "lost_to_follow_up", "other"]),
    );
    for (const d of discharges)
      expect({ reason: d.reason, measured: d.measured, letters: d.letters, pdfs: d.pdfs }).toEqual({
        reason: d.reason,
        measured: d.n,
        letters: 2 * d.n,
        pdfs: 2 * d.n,
      });
    const undischarged = await query<{ n: number }>(
      db.url,
      `SELECT count(*)::int AS n FROM "Episode" e WHERE e.status = 'discharged' AND NOT EXISTS (SELECT 1 FROM "Discharge" d WHERE d."episodeId" = e.id)`,
    );
    expect(undischarged[0]!.n).toBe(0);
    const states = await query<{ worsening: number; overdue: number; drafts: number }>(
      db.url,
      `SELECT count(*) FILTER (WHERE worsening)::int AS worsening, count(*) FILTER (WHERE "reviewSort" < current_date)::int AS overdue, count(*) FILTER (WHERE "draftCount" > 0)::int AS drafts FROM "Episode" WHERE status = 'open'`,
    );
    expect(states[0]!.worsening).toBeGreaterThan(0);
    expect(states[0]!.overdue).toBeGreaterThan(0);
    expect(states[0]!.drafts).toBeGreaterThan(0);

    // Coherent clinical stories (issue 9 item 7).
    // Every referral's question and reason are the scenario's pair, about a flag its assessment fired.
    const byQuestion = new Map(RED_FLAG_SCENARIOS.filter((s) => s.referral).map((s) => [s.referral!.question, s.referral!]));
    const asked = await query<{ question: string; reason: string; codes: string[] }>(
      db.url,
      `SELECT r.question, r.reason, array(SELECT x->>'code' FROM jsonb_array_elements(a.evaluation->'redFlags') x) AS codes
         FROM "Referral" r JOIN "Assessment" a ON a.id = r."assessmentId" AND a."clinicId" = r."clinicId"`,
    );
    expect(asked.length).toBeGreaterThan(10);
    for (const r of asked) {
      const scenario = byQuestion.get(r.question);
      expect({ question: r.question, known: !!scenario }).toEqual({ question: r.question, known: true });
      expect(r.reason).toBe(scenario!.reason);
      expect(r.codes).toContain(scenario!.flag);
    }
    // The SCFE teenager: referred the same day (signed and sent on the day of the intake), never on a walk-run plan.
    const scfe = await query<{ intake: string; sent: string | null; status: string; plans: string[] }>(
      db.url,
      `SELECT to_char(a."assessedOn", 'YYYY-MM-DD') AS intake, to_char(r."sentAt", 'YYYY-MM-DD') AS sent, r.status::text AS status,
              array(SELECT DISTINCT p FROM "Assessment" b, jsonb_array_elements_text(b.answers->'plan'->'items') p
                     WHERE b."episodeId" = r."episodeId" AND b.status = 'signed') AS plans
         FROM "Referral" r JOIN "Assessment" a ON a.id = r."assessmentId"
        WHERE r.question LIKE 'Suspected slipped capital femoral epiphysis%'`,
    );
    expect(scfe).toHaveLength(2);
    for (const r of scfe) {
      expect(r.status).toBe("sent");
      expect(r.sent).toBe(r.intake);
      expect(r.plans).not.toContain("walk_run_progression");
      expect(r.plans).toContain("refer_physician");
    }
    // The septic knee: sent to the emergency department the same day, and its flag actioned.
    const septic = await query<{ recipient: string; status: string; actions: string[]; open: string[] }>(
      db.url,
      `SELECT r.recipient, r.status::text AS status, coalesce(e."openUrgentFlags", '{}') AS open,
              array(SELECT f.action::text FROM "RedFlagAction" f WHERE f."episodeId" = r."episodeId" AND f.code = 'septic_arthritis_suspected') AS actions
         FROM "Referral" r JOIN "Episode" e ON e.id = r."episodeId"
        WHERE r.question LIKE 'Please assess today for septic arthritis%'`,
    );
    expect(septic).toHaveLength(2);
    for (const r of septic) {
      expect(r).toMatchObject({ recipient: "Emergency department, City Hospital", status: "sent" });
      expect(r.actions).toContain("sent_to_ed");
    }
    // Some flags are still open today (with a referral not yet sent, or raised again at the latest visit),
    // none on a discharged episode; the caseload counts agree.
    const open = await query<{ clinic: string; flagged: number; unsent: number; discharged: number; counted: number }>(
      db.url,
      `SELECT c.name AS clinic,
              count(*) FILTER (WHERE e.status = 'open' AND cardinality(e."openUrgentFlags") > 0)::int AS flagged,
              count(*) FILTER (WHERE e.status = 'open' AND e."unsentUrgentReferrals" > 0)::int AS unsent,
              count(*) FILTER (WHERE e.status = 'discharged' AND cardinality(e."openUrgentFlags") > 0)::int AS discharged,
              (SELECT "openUrgentFlags" FROM "CaseloadCount" k WHERE k."clinicId" = c.id) AS counted
         FROM "Episode" e JOIN "Clinic" c ON c.id = e."clinicId" GROUP BY c.id, c.name`,
    );
    expect(open).toHaveLength(2);
    for (const c of open) {
      expect(c.flagged).toBeGreaterThan(0);
      expect(c.counted).toBe(c.flagged);
      expect(c.discharged).toBe(0);
    }
    expect(open.some((c) => c.unsent > 0)).toBe(true);
    // Exercise programmes: changed ones (history), a stopped one, the runner's ticks; the clinic's own and a retired exercise.
    const programmes = await query<{
      clinic: string;
      episodes: number;
      changed: number;
      stopped: number;
      ticks: number;
      own: number;
      retired: number;
    }>(
      db.url,
      `SELECT c.name AS clinic,
              (SELECT count(DISTINCT p."episodeId") FROM "ExerciseProgramme" p WHERE p."clinicId" = c.id)::int AS episodes,
              (SELECT count(*) FROM "ExerciseProgramme" p WHERE p."clinicId" = c.id AND p.version = 2 AND NOT p.stopped)::int AS changed,
              (SELECT count(*) FROM "ExerciseProgramme" p WHERE p."clinicId" = c.id AND p.stopped)::int AS stopped,
              (SELECT count(*) FROM "ExerciseTick" t WHERE t."clinicId" = c.id)::int AS ticks,
              (SELECT count(*) FROM "ClinicExercise" x WHERE x."clinicId" = c.id)::int AS own,
              (SELECT count(*) FROM "ExerciseRetirement" x WHERE x."clinicId" = c.id)::int AS retired
         FROM "Clinic" c`,
    );
    expect(programmes).toHaveLength(2);
    for (const p of programmes) {
      expect(p.episodes).toBeGreaterThanOrEqual(5);
      expect(p.changed).toBeGreaterThan(0);
      expect(p.stopped).toBe(1);
      expect(p.ticks).toBeGreaterThan(20);
      expect([p.own, p.retired]).toEqual([1, 1]);
    }
    // Return-to-run plans (issue 14 item 6): in each clinic one progressing, one stepping back after a diary alert,
    // one pain-free after a bone stress finding; the app's proposals today follow from the diary.
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    try {
      for (const clinic of await prisma.clinic.findMany({ select: { id: true } })) {
        const plans = await prisma.returnToRunPlan.findMany({ where: { clinicId: clinic.id }, select: { episodeId: true } });
        const byEpisode = await returnToRunIn(
          prisma,
          clinic.id,
          plans.map((p) => p.episodeId),
        );
        const views = [...byEpisode.values()].map((v) => v!);
        const summary = views.map((v) => [v.mode, v.currentStage, v.proposal.step]).sort();
        expect(summary).toEqual([
          ["pain_free", 1, "hold"],
          ["pain_monitored", 3, "advance"],
          ["pain_monitored", 4, "step_back"],
        ]);
        const back = views.find((v) => v.proposal.step === "step_back")!;
        expect(back.proposal.reason).toMatch(/^Pain 6\/10 during the run on .*: above the limit of 3\/10\. Step back to stage 3\.$/);
        expect(await prisma.diaryAlert.count({ where: { clinicId: clinic.id, reviewedAt: null, code: "pain_over_limit" } })).toBe(1);
        expect(views.find((v) => v.mode === "pain_free")!.proposal.reason).toMatch(
          /^2 of 3 sessions of this stage logged within the pain rules/,
        );
        for (const v of views) {
          expect(v.history[0]).toMatchObject({ step: "start", proposedStep: "start", entryCriteria: { met: { hops_pain_free: true } } });
          expect(v.history.every((d) => d.proposedStep === d.step && d.reason === null)).toBe(true);
        }
        const boneId = [...byEpisode].find(([, v]) => v!.mode === "pain_free")![0];
        const bone = await prisma.assessment.findFirstOrThrow({
          where: { clinicId: clinic.id, episodeId: boneId, status: "signed" },
          orderBy: { assessedOn: "desc" },
          select: { evaluation: true },
        });
        expect(JSON.stringify(bone.evaluation)).toContain('"code":"bone_stress_injury_suspected"');
      }
    } finally {
      await prisma.$disconnect();
    }
  } finally {
    await db.drop();
  }
});
