import "server-only";
import type { Actor } from "@/lib/domain/access";
import type { EpisodeStatus } from "@/lib/domain/codes";
import type { Urgency } from "@/lib/domain/urgency";
import type { ImportantChange } from "@/lib/clinical";
import { readEvaluationOrNull, type StoredEvaluation } from "@/lib/stored/evaluation";
import { readPainCompanions } from "@/lib/stored/answers";
import { readStored } from "@/lib/stored/read";
import { readSettingsUsed } from "@/lib/stored/settings";
import type { PainCompanion } from "@/lib/domain/measures";
import { z } from "zod";
import { Prisma } from "@/prisma/generated/client";
import {
  AssessmentKind,
  AssessmentStatus,
  EpisodeStatus as EpisodeStatusValues,
  Side,
  Urgency as UrgencyValues,
} from "@/prisma/generated/enums";
import { auditInsert } from "@/lib/data/audit";
import { agg, by, timestamp, uuid } from "@/lib/data/json-row";
import { clinicClock } from "@/lib/data/clinic";
import { findPatientOrThrow } from "@/lib/data/patients";
import { clinicSettingsIn } from "@/lib/data/settings";
import { toDateString, transaction, type Tx } from "@/lib/data/tx";
import { lateEntryDay } from "@/lib/format";

/**
 * A runner's course over time: every assessment of every episode with its
 * stored evaluation and the pain answers charted beside pain now
 * (entered-in-error ones included, marked, so the history
 * can show them struck through; charts leave them out), the whole run log
 * and the clinic's current thresholds (each assessment also carries the
 * important changes it was judged with, stored at signing). Audited as a view.
 * Served by two indexes: Assessment (clinicId, episodeId, assessedOn) and
 * Run (clinicId, patientId, date).
 */
export type TimelineData = {
  patientId: string;
  today: string;
  /** The clinic's IANA time zone (what "today" and signing days mean). */
  timezone: string;
  episodes: { id: string; side: "left" | "right" | "both"; complaint: string; status: EpisodeStatus }[];
  assessments: {
    id: string;
    episodeId: string;
    kind: "intake" | "follow_up";
    assessedOn: string;
    status: "draft" | "signed" | "entered_in_error";
    signedAt: string | null;
    urgency: Urgency | null;
    evaluation: StoredEvaluation | null;
    /** Worst pain of the last week and pain during running (0-10, from the answers; absent when not asked), charted beside pain now. */
    pain: Partial<Record<PainCompanion, number>>;
    /** A late entry: the clinic's day it was entered (first saved) when later than the day assessed, else null. */
    enteredLateOn: string | null;
    /** The important changes it was judged with: the settings stored with it at signing (null for drafts). */
    judgedWith: ImportantChange | null;
  }[];
  runs: {
    date: string;
    distanceKm: number;
    durationSec: number | null;
    elevationGainM: number | null;
    elevationLossM: number | null;
    avgCadenceSpm: number | null;
    treadmill: boolean;
  }[];
  /** The day the run log is complete from: no ACWR or spike is read from before it. */
  runsLoggedSince: string | null;
  settings: { spikePct: number; importantChange: ImportantChange };
};

/** The timeline of a patient, audited ("timeline.view") in the transaction that read it. */
export async function getTimeline(actor: Actor, patientId: string): Promise<TimelineData> {
  return transaction(async (tx) => {
    const patient = await findPatientOrThrow(tx, actor, patientId);
    const clock = await clinicClock(tx, actor.clinicId);
    const settings = await clinicSettingsIn(tx, actor.clinicId);
    const runs = await tx.run.findMany({
      where: { clinicId: actor.clinicId, patientId },
      orderBy: [{ date: "asc" }, { id: "asc" }],
      select: {
        date: true,
        distanceKm: true,
        durationSec: true,
        elevationGainM: true,
        elevationLossM: true,
        avgCadenceSpm: true,
        indoor: true,
        surface: true,
      },
    });
    const { episodes, assessments } = await readEpisodesAndAssessments(
      tx,
      actor.clinicId,
      patientId,
      auditInsert(actor, { action: "timeline.view", entityType: "Patient", entityId: patientId, patientId }),
    );
    return {
      patientId,
      today: clock.today,
      timezone: clock.timezone,
      episodes,
      assessments: assessments.map((a) => ({
        id: a.id,
        episodeId: a.episodeId,
        kind: a.kind,
        assessedOn: a.assessedOn,
        status: a.status,
        signedAt: a.signedAt?.toISOString() ?? null,
        urgency: a.urgency,
        evaluation: readEvaluationOrNull(a.evaluation),
        pain: readPainCompanions(a.symptoms),
        judgedWith: readSettingsUsed(a.settingsUsed)?.importantChange ?? null,
        enteredLateOn: lateEntryDay(a.assessedOn, a.createdAt, clock.timezone),
      })),
      runs: runs.map(({ date, indoor, surface, ...r }) => ({
        ...r,
        date: toDateString(date),
        treadmill: indoor || surface === "treadmill",
      })),
      runsLoggedSince: toDateString(patient.runsLoggedSince),
      settings: { spikePct: settings.spikePct, importantChange: settings.importantChange },
    };
  });
}

const episodesAndAssessments = z.strictObject({
  episodes: z.array(z.strictObject({ id: uuid, side: by(Side), complaint: z.string(), status: by(EpisodeStatusValues) })),
  assessments: z.array(
    z.strictObject({
      id: uuid,
      episodeId: uuid,
      kind: by(AssessmentKind),
      assessedOn: z.iso.date(),
      status: by(AssessmentStatus),
      signedAt: timestamp.nullable(),
      urgency: by(UrgencyValues).nullable(),
      evaluation: z.unknown(),
      /** answers -> 'symptoms' only: the pain companions are all the timeline reads of the answers. */
      symptoms: z.unknown(),
      settingsUsed: z.unknown(),
      createdAt: timestamp,
    }),
  ),
});

/**
 * The patient's episodes (oldest first) and their assessments (oldest first), with only the
 * symptoms of their answers, as one JSON value parsed by a strict reader;
 * `also` (the view's audit row) is written by the same statement.
 */
async function readEpisodesAndAssessments(tx: Tx, clinicId: string, patientId: string, also: Prisma.Sql) {
  const rows = await tx.$queryRaw<{ timeline: unknown }[]>`
    WITH also AS (${also}),
    e AS (SELECT * FROM "Episode" WHERE "clinicId" = ${clinicId}::uuid AND "patientId" = ${patientId}::uuid)
    SELECT json_build_object(
      'episodes', (SELECT ${agg(
        Prisma.sql`json_build_object('id', e.id, 'side', e.side, 'complaint', e.complaint, 'status', e.status)`,
        Prisma.sql`e."createdAt", e.id`,
      )} FROM e),
      'assessments', (SELECT ${agg(
        Prisma.sql`json_build_object(
        'id', a.id, 'episodeId', a."episodeId", 'kind', a.kind, 'assessedOn', a."assessedOn", 'status', a.status,
        'signedAt', a."signedAt", 'urgency', a.urgency, 'evaluation', a.evaluation, 'symptoms', a.answers -> 'symptoms',
        'settingsUsed', a."settingsUsed", 'createdAt', a."createdAt")`,
        Prisma.sql`a."assessedOn", a."createdAt", a.id`,
      )} FROM "Assessment" a WHERE a."clinicId" = ${clinicId}::uuid AND a."episodeId" IN (SELECT id FROM e))
    ) AS timeline`;
  return readStored("timeline", episodesAndAssessments, rows[0]?.timeline);
}
