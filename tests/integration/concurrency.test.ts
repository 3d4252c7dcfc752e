/**
 * Writes that race each other, on PostgreSQL. To make each race happen every
 * time (no sleeps, no luck), the test holds the contended row lock from a
 * connection of its own, waits until both writers are queued behind it
 * (pg_blocking_pids), and only then lets them go.
 *
 * - Two writes to one episode (signing a follow-up, saving another draft):
 *   each locks the episode first, so the caseload summary is computed from
 *   what the other committed and the just-signed worsening flag survives.
 * - Two administrators demoting each other: one of them stays an administrator.
 * - Two intakes saved into one episode at once: exactly one is kept.
 */
import pg from "pg";
import type { Actor } from "@/lib/domain/access";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { refreshEpisodeSummary } from "@/lib/data/episode-summary";
import { createEpisode, createPatient } from "@/lib/data/patients";
import { updateUser } from "@/lib/data/users";
import { ConflictError, ValidationError } from "@/lib/errors";
import { patientSchema } from "@/lib/validation/patients";
import {
  closeTestDb,
  createClinic,
  isoDaysAgo,
  ownerUrl,
  patientInput,
  testDb,
  type TestClinic,
  SCREEN_NOT_DONE,
} from "../helpers/fixtures";

type Holder = { pid: number; release: () => Promise<void> };

/** Takes a row lock in a transaction of its own, held until release(). */
async function holdLock(sql: string, params: unknown[]): Promise<Holder> {
  const client = new pg.Client({ connectionString: ownerUrl() });
  await client.connect();
  await client.query("BEGIN");
  const locked = await client.query(sql, params);
  if (locked.rowCount !== 1) throw new Error(`the lock query matched ${locked.rowCount} rows`);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return {
    pid: rows[0]!.pid,
    release: async () => {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

/**
 * Waits until `n` backends are blocked behind the holder (or 15 s pass); returns how many are.
 * Counted through the whole queue: the first writer waits for the holder, the next for the first.
 */
async function blockedBehind(holder: Holder, n: number): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl() });
  await client.connect();
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await client.query<{ pid: number; by: number[] }>(
        "SELECT pid, pg_blocking_pids(pid) AS by FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0",
      );
      const behind = new Set([holder.pid]);
      for (let grew = true; grew;) {
        grew = false;
        for (const r of rows)
          if (!behind.has(r.pid) && r.by.some((p) => behind.has(p))) {
            behind.add(r.pid);
            grew = true;
          }
      }
      const count = behind.size - 1;
      if (count >= n || Date.now() > deadline) return count;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await client.end();
  }
}

/** Runs the writers while the holder blocks them, then lets them go together. */
async function race<T>(holder: Holder, writers: (() => Promise<T>)[]): Promise<{ blocked: number; results: PromiseSettledResult<T>[] }> {
  const running = writers.map((w) => w());
  const blocked = await blockedBehind(holder, writers.length);
  await holder.release();
  return { blocked, results: await Promise.allSettled(running) };
}

if (!process.env.TEST_APP_ROLE) {
  it("needs PostgreSQL: the embedded database runs one session at a time, so writes cannot race there", async () => {
    const [row] = await testDb().$queryRaw<
      { superuser: boolean }[]
    >`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`;
    expect(row).toEqual({ superuser: true });
  });
} else {
  let c: TestClinic;
  beforeAll(async () => {
    c = await createClinic();
  });
  afterAll(closeTestDb);

  async function episodeWithSignedIntake(painNow: number) {
    const p = await createPatient(c.clinician, patientSchema.parse(patientInput()));
    const e = await createEpisode(c.clinician, { patientId: p.id, side: "left", complaint: "Medial knee pain", mechanism: "gradual" });
    const intake = await saveDraft(c.clinician, {
      episodeId: e.id,
      kind: "intake",
      assessedOn: isoDaysAgo(20),
      answers: { symptoms: { painNow } },
    });
    await signAssessment(c.clinician, intake.id, intake.version, SCREEN_NOT_DONE);
    return e.id;
  }
  const lockEpisodeRow = (episodeId: string) => holdLock(`SELECT 1 FROM "Episode" WHERE id = $1 FOR NO KEY UPDATE`, [episodeId]);

  it("signing and another save in one episode at once: the caseload summary keeps the just-signed worsening flag", async () => {
    const episodeId = await episodeWithSignedIntake(3);
    // A follow-up whose pain rose from 3 to 6: signing it flags the episode as worsening.
    const followUp = await saveDraft(c.clinician, {
      episodeId,
      kind: "follow_up",
      assessedOn: isoDaysAgo(2),
      answers: { symptoms: { painNow: 6 } },
    });
    const holder = await lockEpisodeRow(episodeId);
    const { blocked, results } = await race(holder, [
      () => signAssessment(c.clinician, followUp.id, followUp.version, SCREEN_NOT_DONE),
      () => saveDraft(c.clinician, { episodeId, kind: "follow_up", assessedOn: isoDaysAgo(1), answers: { symptoms: { painNow: 6 } } }),
    ]);
    expect(blocked).toBe(2);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const summary = async () => {
      const e = await testDb().episode.findUniqueOrThrow({ where: { id: episodeId } });
      return { worsening: e.worsening, draftCount: e.draftCount, lastSeenOn: e.lastSeenOn?.toISOString().slice(0, 10), urgency: e.urgency };
    };
    const stored = await summary();
    expect(stored).toMatchObject({ worsening: true, draftCount: 1, lastSeenOn: isoDaysAgo(2) });
    // And it is exactly what a fresh recomputation gives.
    await testDb().$transaction((tx) => refreshEpisodeSummary(tx, c.clinicId, episodeId));
    expect(await summary()).toEqual(stored);
  });

  it("two intakes saved into one episode at once: one is kept, the other is refused naming the kind", async () => {
    const p = await createPatient(c.clinician, patientSchema.parse(patientInput()));
    const e = await createEpisode(c.clinician, { patientId: p.id, side: "right", complaint: "Medial knee pain", mechanism: "gradual" });
    const holder = await lockEpisodeRow(e.id);
    const intake = () =>
      saveDraft(c.clinician, { episodeId: e.id, kind: "intake", assessedOn: isoDaysAgo(3), answers: { symptoms: { painNow: 4 } } });
    const { blocked, results } = await race(holder, [intake, intake]);
    expect(blocked).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason as ValidationError;
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.issues).toEqual([{ path: "kind", message: "Record a follow-up instead: this episode already has an intake" }]);
    expect(await testDb().assessment.count({ where: { episodeId: e.id, kind: "intake" } })).toBe(1);
  });

  describe("the last active administrator", () => {
    async function twoAdmins(): Promise<{ t: TestClinic; a: Actor; b: Actor }> {
      const t = await createClinic();
      await testDb().user.update({ where: { id: t.viewer.userId }, data: { role: "admin" } });
      return { t, a: t.admin, b: { ...t.viewer, role: "admin" } };
    }
    const activeAdmins = (clinicId: string) => testDb().user.count({ where: { clinicId, role: "admin", active: true } });
    const lockClinicRow = (clinicId: string) => holdLock(`SELECT 1 FROM "Clinic" WHERE id = $1 FOR NO KEY UPDATE`, [clinicId]);

    for (const [what, change] of [
      ["demote", { role: "clinician" as const, active: true }],
      ["deactivate", { role: "admin" as const, active: false }],
    ] as const) {
      it(`cannot be lost when two administrators ${what} each other at once`, async () => {
        const { t, a, b } = await twoAdmins();
        const holder = await lockClinicRow(t.clinicId);
        const { blocked, results } = await race(holder, [
          () => updateUser(a, { userId: b.userId, name: b.name, ...change }),
          () => updateUser(b, { userId: a.userId, name: a.name, ...change }),
        ]);
        expect(blocked).toBe(2);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason as ConflictError;
        expect(refused).toBeInstanceOf(ConflictError);
        expect(refused.message).toMatch(/last active administrator/);
        expect(await activeAdmins(t.clinicId)).toBe(1);
      });
    }
  });
}
