import "server-only";
import type { Actor } from "@/lib/domain/access";
import { adherence, type Adherence } from "@/lib/domain/exercises";
import { audit } from "@/lib/data/audit";
import { clinicClock } from "@/lib/data/clinic";
import { findStoredDocument, storeDocument, type StoredDocumentView } from "@/lib/data/documents";
import { libraryIn, prescriptionIssues, type LibraryExercise } from "@/lib/data/exercise-library";
import { findEpisodeOrThrow, lockEpisode } from "@/lib/data/patients";
import { asJson, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { renderProgrammeHandout } from "@/lib/export/programme-handout";
import { addDays, todayIn } from "@/lib/format";
import { readAnswers } from "@/lib/stored/answers";
import type { ProgrammeInput, StopProgrammeInput } from "@/lib/validation/programme";
import { programmesIn, versionView, type EpisodeProgramme, type ProgrammeVersion } from "@/lib/data/programme-state";

export { programmesIn, type EpisodeProgramme, type ProgrammeVersion } from "@/lib/data/programme-state";

/**
 * An episode's exercise programme (issue 14 item 1): every save is a new
 * version (append-only in PostgreSQL), so the earlier ones are kept. Saves
 * name the version they started from; a save over a newer one is refused.
 * Stopping is a last version marked stopped, with the reason; prescribing
 * again after a stop starts from it. The runner ticks the exercises of the
 * current version on their diary link (lib/data/exercise-ticks.ts); the
 * clinician sees the adherence here.
 */

/** One episode's programme (audited view). */
export async function getProgramme(actor: Actor, episodeId: string): Promise<EpisodeProgramme> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const programme = (await programmesIn(tx, actor.clinicId, [episode.id])).get(episode.id)!;
    await audit(tx, actor, { action: "programme.view", entityType: "Episode", entityId: episode.id, patientId: episode.patientId });
    return programme;
  });
}

/** The programme panel of the episode page: every version, the library (names, retired), and the runner's adherence. */
export type ProgrammePanel = EpisodeProgramme & {
  library: LibraryExercise[];
  /** Of the current version while it runs: the last 7 days and since it started. */
  adherence: { lastWeek: Adherence; sinceStart: Adherence; lastTick: string | null } | null;
  today: string;
};

export async function getProgrammePanel(actor: Actor, episodeId: string): Promise<ProgrammePanel> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const programme = (await programmesIn(tx, actor.clinicId, [episode.id])).get(episode.id)!;
    const library = await libraryIn(tx, actor.clinicId);
    const { today, timezone } = await clinicClock(tx, actor.clinicId);
    const current = programme.current;
    let adh: ProgrammePanel["adherence"] = null;
    if (current && !current.stopped) {
      const ticks = (
        await tx.exerciseTick.findMany({
          where: { clinicId: actor.clinicId, programmeId: current.id },
          orderBy: [{ doneOn: "asc" }, { id: "asc" }],
        })
      ).map((t) => ({ exercise: t.exercise, date: toDateString(t.doneOn) }));
      const start = todayIn(timezone, current.createdAt);
      const weekFrom = start > addDays(today, -6) ? start : addDays(today, -6);
      const span = (from: string) => Math.round((Date.parse(today) - Date.parse(from)) / 86_400_000) + 1;
      adh = {
        lastWeek: adherence(current.items, ticks, { from: weekFrom, to: today, days: span(weekFrom) }),
        sinceStart: adherence(current.items, ticks, { from: start, to: today, days: span(start) }),
        lastTick: ticks.length ? ticks.reduce((m, t) => (t.date > m ? t.date : m), ticks[0]!.date) : null,
      };
    }
    await audit(tx, actor, { action: "programme.view", entityType: "Episode", entityId: episode.id, patientId: episode.patientId });
    return { ...programme, library, adherence: adh, today };
  });
}

async function latestVersion(tx: Tx, clinicId: string, episodeId: string) {
  return tx.exerciseProgramme.findFirst({ where: { clinicId, episodeId }, orderBy: { version: "desc" } });
}

async function lockOpenEpisode(tx: Tx, actor: Actor, episodeId: string) {
  const episode = await lockEpisode(tx, actor, episodeId);
  if (episode.status !== "open") throw new ConflictError("Reopen this episode before changing its programme: it is discharged");
  return episode;
}

function refuseStale(current: number, basedOn: number): void {
  if (basedOn !== current)
    throw new ConflictError(
      `Reload the programme and make your changes again: someone else changed it (now version ${current}; you started from version ${basedOn})`,
    );
}

/** Saves a new version of an open episode's programme, audited, with the episode locked. */
export async function saveProgramme(actor: Actor, episodeId: string, input: ProgrammeInput): Promise<ProgrammeVersion> {
  return transaction(async (tx) => {
    const episode = await lockOpenEpisode(tx, actor, episodeId);
    const latest = await latestVersion(tx, actor.clinicId, episode.id);
    refuseStale(latest?.version ?? 0, input.basedOnVersion);
    const previous = latest && !latest.stopped ? versionView(latest).items.map((i) => i.exercise) : [];
    const issues = prescriptionIssues(
      await libraryIn(tx, actor.clinicId),
      input.items.map((i) => i.exercise),
      previous,
    );
    if (issues.length) throw new ValidationError(issues);
    const row = await tx.exerciseProgramme.create({
      data: {
        clinicId: actor.clinicId,
        episodeId: episode.id,
        version: (latest?.version ?? 0) + 1,
        items: asJson(input.items),
        notes: input.notes ?? null,
        createdById: actor.userId,
        createdByName: actor.name,
      },
    });
    await audit(tx, actor, {
      action: "programme.save",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: { programmeId: row.id, version: row.version, exercises: input.items.map((i) => i.exercise) },
    });
    return versionView(row);
  });
}

/** Stops the programme: a last version marked stopped, keeping what it stopped, with the reason. */
export async function stopProgramme(actor: Actor, episodeId: string, input: StopProgrammeInput): Promise<ProgrammeVersion> {
  return transaction(async (tx) => {
    const episode = await lockOpenEpisode(tx, actor, episodeId);
    const latest = await latestVersion(tx, actor.clinicId, episode.id);
    if (!latest) throw new ConflictError("Reload the page: this episode has no exercise programme to stop");
    if (latest.stopped) throw new ConflictError("Reload the page: this programme is already stopped");
    refuseStale(latest.version, input.basedOnVersion);
    const row = await tx.exerciseProgramme.create({
      data: {
        clinicId: actor.clinicId,
        episodeId: episode.id,
        version: latest.version + 1,
        items: asJson(latest.items),
        notes: input.reason,
        stopped: true,
        createdById: actor.userId,
        createdByName: actor.name,
      },
    });
    await audit(tx, actor, {
      action: "programme.stop",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: { programmeId: row.id, version: row.version, reason: input.reason },
    });
    return versionView(row);
  });
}

/**
 * The one-page handout of the current programme (GET
 * /api/v1/episodes/{id}/handout/pdf): made once per programme version, when
 * it is first asked for, and stored with its SHA-256 (the ETag); every
 * download is audited. The initial-management advice is that of the plan of
 * the latest signed assessment (not entered in error) when the version was
 * first printed. 404 while there is no programme, 409 once it is stopped.
 */
export async function programmeHandout(actor: Actor, episodeId: string): Promise<StoredDocumentView & { version: number }> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const latest = await latestVersion(tx, actor.clinicId, episode.id);
    if (!latest) throw new NotFoundError("exercise programme");
    if (latest.stopped) throw new ConflictError("Prescribe a new programme to print one: this programme is stopped");
    const key = {
      clinicId: actor.clinicId,
      kind: "programme_handout" as const,
      variant: "signed" as const,
      episodeId: episode.id,
      referralId: null,
      programmeId: latest.id,
    };
    let doc = await findStoredDocument(tx, key);
    if (!doc) {
      const current = versionView(latest);
      const [library, greeting, plan, clock] = await Promise.all([
        libraryIn(tx, actor.clinicId),
        tx.episode.findFirstOrThrow({
          where: { id: episode.id, clinicId: actor.clinicId },
          select: { patient: { select: { givenName: true } }, clinic: { select: { name: true } } },
        }),
        tx.assessment.findFirst({
          where: { clinicId: actor.clinicId, episodeId: episode.id, status: "signed" },
          orderBy: [{ assessedOn: "desc" }, { signedAt: "desc" }, { id: "desc" }],
          select: { answers: true },
        }),
        clinicClock(tx, actor.clinicId),
      ]);
      const bytes = await renderProgrammeHandout({
        clinicName: greeting.clinic.name,
        firstName: greeting.patient.givenName,
        programme: current,
        prescribedOn: todayIn(clock.timezone, current.createdAt),
        library,
        planItems: plan ? (readAnswers(plan.answers).plan?.items ?? []) : [],
      });
      doc = await storeDocument(tx, key, { bytes, contentType: "application/pdf" });
    }
    await audit(tx, actor, {
      action: "programme.handout",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: { programmeId: latest.id, version: latest.version, sha256: doc.sha256 },
    });
    return { ...doc, version: latest.version };
  });
}
