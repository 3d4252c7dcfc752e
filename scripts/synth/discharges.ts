/**
 * The discharges of the synthetic clinic (issue 16): one per discharged
 * episode, with a reason, a return-to-running date for most runners who went
 * back to running, and the outcome against the baseline computed by
 * lib/clinical computeOutcome from the stored scores, as lib/data does when
 * a clinician discharges. Inserted through the table's triggers (the signer's
 * name stamped; Episode.returnedToRunAt derived by PostgreSQL).
 */
import type pg from "pg";
import { computeOutcome } from "../../lib/clinical/outcome";
import type { Scores } from "../../lib/clinical/types";
import { addDays } from "../../lib/format";
import { DEFAULT_SETTINGS, type DischargeReason } from "../../lib/domain";
import { prng } from "./model";

const BATCH = 1000;

/** Reasons in the proportions of a running clinic; the runners who went back to running mostly say when. */
const REASONS: readonly { reason: DischargeReason; weight: number; returned: number }[] = [
  { reason: "returned_to_full_running", weight: 55, returned: 1 },
  { reason: "goal_race_completed", weight: 15, returned: 1 },
  { reason: "self_discharged", weight: 12, returned: 0.5 },
  { reason: "lost_to_follow_up", weight: 10, returned: 0 },
  { reason: "referred_on", weight: 5, returned: 0.2 },
  { reason: "other", weight: 3, returned: 0.5 },
];
const TOTAL = REASONS.reduce((n, r) => n + r.weight, 0);

type Row = {
  episodeId: string;
  dischargedOn: string;
  intakeId: string;
  intakeOn: string;
  intakeScores: Scores | null;
  lastId: string | null;
  lastOn: string | null;
  lastScores: Scores | null;
};

/** Inserts the discharge of every discharged episode of the clinic; returns how many. */
export async function insertDischarges(admin: pg.Client, clinicId: string, userId: string, seed: number): Promise<number> {
  const { rows } = await admin.query<Row>(
    `
    SELECT e.id AS "episodeId", to_char((e."dischargedAt" AT TIME ZONE c.timezone)::date, 'YYYY-MM-DD') AS "dischargedOn",
           (array_agg(a.id ORDER BY (a.kind = 'intake') DESC, a."assessedOn", a."signedAt"))[1] AS "intakeId",
           to_char((array_agg(a."assessedOn" ORDER BY (a.kind = 'intake') DESC, a."assessedOn", a."signedAt"))[1], 'YYYY-MM-DD') AS "intakeOn",
           (array_agg(a.evaluation->'scores' ORDER BY (a.kind = 'intake') DESC, a."assessedOn", a."signedAt"))[1] AS "intakeScores",
           (array_agg(a.id ORDER BY a."assessedOn" DESC, a."signedAt" DESC))[1] AS "lastId",
           to_char((array_agg(a."assessedOn" ORDER BY a."assessedOn" DESC, a."signedAt" DESC))[1], 'YYYY-MM-DD') AS "lastOn",
           (array_agg(a.evaluation->'scores' ORDER BY a."assessedOn" DESC, a."signedAt" DESC))[1] AS "lastScores"
      FROM "Episode" e JOIN "Clinic" c ON c.id = e."clinicId"
      JOIN "Assessment" a ON a."clinicId" = e."clinicId" AND a."episodeId" = e.id AND a.status = 'signed'
     WHERE e."clinicId" = $1 AND e.status = 'discharged'
     GROUP BY e.id, c.timezone
     ORDER BY e.id`,
    [clinicId],
  );
  // One assessment only: the intake is also the last (no final visit).
  for (const r of rows) if (r.lastId === r.intakeId) [r.lastId, r.lastOn, r.lastScores] = [null, null, null];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH).map((r, k) => {
      const rng = prng((seed ^ Math.imul(start + k + 1, 0x9e3779b1) ^ 0x0d15c4a7) >>> 0);
      let pick = rng.int(1, TOTAL);
      const chosen = REASONS.find((x) => (pick -= x.weight) <= 0) ?? REASONS[0]!;
      const returned = rng.next() < chosen.returned;
      // Back to running between two weeks after the intake and the discharge day.
      const span = Math.max(0, Math.round((Date.parse(r.dischargedOn) - Date.parse(r.intakeOn)) / 86_400_000) - 14);
      const returnToRunningOn = returned ? addDays(r.dischargedOn, -rng.int(0, Math.min(span, 42))) : null;
      const outcome = computeOutcome(
        { assessmentId: r.intakeId, assessedOn: r.intakeOn, scores: r.intakeScores ?? {} },
        r.lastId && r.lastOn ? { assessmentId: r.lastId, assessedOn: r.lastOn, scores: r.lastScores ?? {} } : null,
        DEFAULT_SETTINGS.importantChange,
      );
      return [
        r.episodeId,
        chosen.reason,
        chosen.reason === "other" ? "Moved to another clinic" : null,
        r.dischargedOn,
        returnToRunningOn,
        JSON.stringify(outcome),
      ];
    });
    const cols = (i: number) => batch.map((b) => b[i]);
    await admin.query(
      `INSERT INTO "Discharge" ("clinicId", "episodeId", reason, "reasonText", "dischargedOn", "returnToRunningOn", outcome, "dischargedById", "dischargedByName", "createdAt")
       SELECT $1::uuid, x.e, x.r::"DischargeReason", x.t, x.d, x.rtr, x.o, $2::uuid, '', (x.d + time '16:00') AT TIME ZONE 'UTC'
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::date[], $7::date[], $8::jsonb[]) AS x(e, r, t, d, rtr, o)`,
      [clinicId, userId, cols(0), cols(1), cols(2), cols(3), cols(4), cols(5)],
    );
  }
  return rows.length;
}
