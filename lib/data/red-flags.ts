import "server-only";
import type { Actor } from "@/lib/domain/access";
import { RED_FLAG_ACTION_LABELS } from "@/lib/domain/labels";
import { audit } from "@/lib/data/audit";
import { refreshEpisodeSummary } from "@/lib/data/episode-summary";
import { findEpisodeOrThrow, lockEpisode } from "@/lib/data/patients";
import {
  episodeRedFlagsIn,
  redFlagActionView,
  redFlagLabel,
  type EpisodeRedFlags,
  type RedFlagActionView,
} from "@/lib/data/red-flag-state";
import { transaction } from "@/lib/data/tx";
import { ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import type { RedFlagActionInput } from "@/lib/validation/red-flags";

export {
  assertDischargeAllowed,
  episodeRedFlagsIn,
  redFlagStateIn,
  type EpisodeRedFlags,
  type RedFlagActionView,
} from "@/lib/data/red-flag-state";

/**
 * Records what was done about an open red flag of an episode: the action
 * closes the open item of its code (lib/domain/red-flag-items.ts). Append-only
 * (PostgreSQL refuses changing or deleting the row), audited in the same
 * transaction, with the episode locked so the caseload summary follows.
 */
export async function recordRedFlagAction(actor: Actor, episodeId: string, input: RedFlagActionInput): Promise<RedFlagActionView> {
  return transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    const { openRedFlags } = await episodeRedFlagsIn(tx, actor.clinicId, episode.id);
    const item = openRedFlags.find((f) => f.code === input.code);
    if (!item)
      throw new ValidationError([
        {
          path: "code",
          message: `Choose an open red flag of this episode: ${redFlagLabel(input.code)} is not one (nothing to record, or already recorded)`,
        },
      ]);
    if (input.assessmentId && input.assessmentId !== item.assessmentId)
      throw new ValidationError([
        {
          path: "assessmentId",
          message: `Choose the assessment of ${formatDate(item.raisedOn)}: it raised the open ${redFlagLabel(item.code)} flag, not this one`,
        },
      ]);
    const row = await tx.redFlagAction.create({
      data: {
        clinicId: actor.clinicId,
        episodeId: episode.id,
        assessmentId: item.assessmentId,
        code: item.code,
        action: input.action,
        reason: input.reason ?? null,
        note: input.note ?? null,
        actedById: actor.userId,
        actedByName: actor.name,
        // The same clock as signedAt (lib/data/assessments.ts): the open items are ordered by these two times.
        actedAt: new Date(),
      },
    });
    await refreshEpisodeSummary(tx, actor.clinicId, episode.id);
    await audit(tx, actor, {
      action: "red_flag.action",
      entityType: "Episode",
      entityId: episode.id,
      patientId: episode.patientId,
      detail: {
        redFlagActionId: row.id,
        code: item.code,
        urgency: item.urgency,
        assessmentId: item.assessmentId,
        action: input.action,
        label: RED_FLAG_ACTION_LABELS[input.action],
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    return redFlagActionView(row);
  });
}

/** The open red flags and actions of one episode of the actor's clinic (audited as a view of the record). */
export async function episodeRedFlags(actor: Actor, episodeId: string): Promise<EpisodeRedFlags> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const state = await episodeRedFlagsIn(tx, actor.clinicId, episode.id);
    await audit(tx, actor, { action: "red_flags.view", entityType: "Episode", entityId: episode.id, patientId: episode.patientId });
    return state;
  });
}
