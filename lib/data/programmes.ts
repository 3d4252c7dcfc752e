import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { findEpisodeOrThrow, lockEpisode } from "@/lib/data/patients";
import { asJson, transaction } from "@/lib/data/tx";
import { ConflictError } from "@/lib/errors";
import type { ProgrammeInput } from "@/lib/validation/programme";
import { programmesIn, versionView, type EpisodeProgramme, type ProgrammeVersion } from "@/lib/data/programme-state";

export { programmesIn, type EpisodeProgramme, type ProgrammeVersion } from "@/lib/data/programme-state";

/**
 * An episode's exercise programme (issue 14 item 1): every save is a new
 * version (append-only in PostgreSQL), so the earlier ones are kept. Saves
 * name the version they started from; a save over a newer one is refused.
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

/** Saves a new version of an open episode's programme, audited, with the episode locked. */
export async function saveProgramme(actor: Actor, episodeId: string, input: ProgrammeInput): Promise<ProgrammeVersion> {
  return transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    if (episode.status !== "open") throw new ConflictError("This episode is discharged: reopen it before changing its programme.");
    const latest = await tx.exerciseProgramme.findFirst({
      where: { clinicId: actor.clinicId, episodeId: episode.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const current = latest?.version ?? 0;
    if (input.basedOnVersion !== current)
      throw new ConflictError(
        `The programme was changed by someone else (now version ${current}; you started from version ${input.basedOnVersion}). Reload it and make your changes again.`,
      );
    const row = await tx.exerciseProgramme.create({
      data: {
        clinicId: actor.clinicId,
        episodeId: episode.id,
        version: current + 1,
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
