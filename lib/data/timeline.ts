import "server-only";
import type { Actor } from "@/lib/domain/access";
import type { EpisodeStatus } from "@/lib/domain/codes";
import type { Urgency } from "@/lib/domain/urgency";
import type { ImportantChange } from "@/lib/clinical";
import { readEvaluationOrNull, type StoredEvaluation } from "@/lib/stored/evaluation";
import { readAnswers } from "@/lib/stored/answers";
import { readSettingsUsed } from "@/lib/stored/settings";
import type { Answers } from "@/lib/validation/assessment";
import { PAIN_COMPANIONS, type PainCompanion } from "@/lib/domain/measures";
import { audit } from "@/lib/data/audit";
import { clinicClock } from "@/lib/data/clinic";
import { findPatientOrThrow } from "@/lib/data/patients";
import { clinicSettingsIn } from "@/lib/data/settings";
import { toDateString, transaction } from "@/lib/data/tx";
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
    const episodes = await tx.episode.findMany({
      where: { clinicId: actor.clinicId, patientId },
      orderBy: { createdAt: "asc" },
      select: { id: true, side: true, complaint: true, status: true },
    });
    const settings = await clinicSettingsIn(tx, actor.clinicId);
    const runs = await tx.run.findMany({
      where: { clinicId: actor.clinicId, patientId },
      orderBy: { date: "asc" },
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
    const assessments = await tx.assessment.findMany({
      where: { clinicId: actor.clinicId, episodeId: { in: episodes.map((e) => e.id) } },
      orderBy: [{ assessedOn: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        episodeId: true,
        kind: true,
        assessedOn: true,
        status: true,
        signedAt: true,
        urgency: true,
        evaluation: true,
        answers: true,
        settingsUsed: true,
        createdAt: true,
      },
    });
    await audit(tx, actor, { action: "timeline.view", entityType: "Patient", entityId: patientId, patientId });
    return {
      patientId,
      today: clock.today,
      timezone: clock.timezone,
      episodes,
      assessments: assessments.map((a) => ({
        id: a.id,
        episodeId: a.episodeId,
        kind: a.kind,
        assessedOn: toDateString(a.assessedOn),
        status: a.status,
        signedAt: a.signedAt?.toISOString() ?? null,
        urgency: a.urgency,
        evaluation: readEvaluationOrNull(a.evaluation),
        pain: painCompanions(readAnswers(a.answers)),
        judgedWith: readSettingsUsed(a.settingsUsed)?.importantChange ?? null,
        enteredLateOn: lateEntryDay(toDateString(a.assessedOn), a.createdAt, clock.timezone),
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

/** The pain answers charted beside pain now. */
function painCompanions(answers: Answers): Partial<Record<PainCompanion, number>> {
  const out: Partial<Record<PainCompanion, number>> = {};
  for (const c of PAIN_COMPANIONS) {
    const value = answers.symptoms?.[c.key];
    if (value !== undefined) out[c.key] = value;
  }
  return out;
}
