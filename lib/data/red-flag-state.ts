import "server-only";
import { RED_FLAG_LABELS, type RedFlagCode } from "@/lib/clinical";
import { isUrgentFlag, openRedFlags, URGENCY_WORDS, type OpenRedFlag, type RedFlagAction } from "@/lib/domain";
import type { RedFlagFiring } from "@/lib/domain/red-flag-items";
import { readEvaluationOrNull } from "@/lib/stored/evaluation";
import { toDateString, type Tx } from "@/lib/data/tx";
import { ConflictError } from "@/lib/errors";
import type { Prisma } from "@/prisma/generated/client";
import { formatDate } from "@/lib/format";

/**
 * The red-flag state of episodes: the open items (lib/domain/red-flag-items.ts,
 * derived from the signed assessments and the actions recorded) and the
 * actions recorded, oldest first. Read by the record, the API, the caseload
 * summary, the discharge check and referrals (`redFlagStateIn`).
 */
export type RedFlagActionView = {
  id: string;
  code: string;
  assessmentId: string;
  action: RedFlagAction;
  reason: string | null;
  note: string | null;
  /** Who recorded it, named as they were then. */
  actedBy: { id: string; name: string };
  actedAt: Date;
};

/** An action as read: every column but the clinic's. */
export type ActionRow = Omit<Prisma.RedFlagActionGetPayload<object>, "clinicId">;

export function redFlagActionView(a: ActionRow): RedFlagActionView {
  return {
    id: a.id,
    code: a.code,
    assessmentId: a.assessmentId,
    action: a.action,
    reason: a.reason,
    note: a.note,
    actedBy: { id: a.actedById, name: a.actedByName },
    actedAt: a.actedAt,
  };
}

export type EpisodeRedFlags = { openRedFlags: OpenRedFlag[]; redFlagActions: RedFlagActionView[] };

/** A red-flag code as words ("Septic arthritis suspected"); an unknown code as itself. */
export const redFlagLabel = (code: string): string => RED_FLAG_LABELS[code as RedFlagCode] ?? code;

/** The red-flag state of each of `episodeIds` (all of the clinic `clinicId`). */
export async function redFlagStateIn(tx: Tx, clinicId: string, episodeIds: string[]): Promise<Map<string, EpisodeRedFlags>> {
  if (!episodeIds.length) return new Map();
  const [signed, actions] = await Promise.all([
    tx.assessment.findMany({
      where: { clinicId, episodeId: { in: episodeIds }, status: "signed" },
      select: { id: true, episodeId: true, assessedOn: true, signedAt: true, evaluation: true },
      // In signing order, then by id: of two signed in the same instant, the same one raises an item on every read.
      orderBy: [{ signedAt: "asc" }, { id: "asc" }],
    }),
    tx.redFlagAction.findMany({
      where: { clinicId, episodeId: { in: episodeIds } },
      orderBy: [{ actedAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const firings = signed.flatMap((a) =>
    a.signedAt
      ? [
          {
            episodeId: a.episodeId,
            assessmentId: a.id,
            assessedOn: toDateString(a.assessedOn),
            signedAt: a.signedAt,
            redFlags: readEvaluationOrNull(a.evaluation)?.redFlags ?? [],
          },
        ]
      : [],
  );
  return redFlagStateOf(episodeIds, firings, actions);
}

/**
 * The red-flag state of each of `episodeIds` from what was already read: the
 * firings of their signed assessments and their actions, oldest first.
 */
export function redFlagStateOf(
  episodeIds: string[],
  firings: readonly (RedFlagFiring & { episodeId: string })[],
  actions: readonly ActionRow[],
): Map<string, EpisodeRedFlags> {
  return new Map(
    episodeIds.map((id) => {
      const mine = actions.filter((a) => a.episodeId === id);
      return [
        id,
        {
          openRedFlags: openRedFlags(
            firings.filter((f) => f.episodeId === id),
            mine,
          ),
          redFlagActions: mine.map(redFlagActionView),
        },
      ];
    }),
  );
}

/** The red-flag state of one episode. */
export async function episodeRedFlagsIn(tx: Tx, clinicId: string, episodeId: string): Promise<EpisodeRedFlags> {
  return (await redFlagStateIn(tx, clinicId, [episodeId])).get(episodeId)!;
}

/** Why an episode cannot be discharged because of its red flags ("" when it can). */
export function dischargeBlockedBy(open: readonly OpenRedFlag[]): string {
  const urgent = open.filter(isUrgentFlag);
  if (!urgent.length) return "";
  const list = urgent.map((f) => `${redFlagLabel(f.code)} (${URGENCY_WORDS[f.urgency].toLowerCase()}, raised ${formatDate(f.raisedOn)})`);
  return `Record what was done about the open ${urgent.length === 1 ? "red flag" : "red flags"} first: this episode cannot be discharged while ${urgent.length === 1 ? "an emergency or urgent red flag is" : "emergency or urgent red flags are"} open (${list.join("; ")})`;
}

/**
 * Refuses (409) to discharge an episode with an open emergency or urgent red
 * flag. Every discharge calls it inside its transaction, with the episode
 * locked (lib/data/patients.ts setEpisodeStatus; a richer discharge calls it too).
 */
export async function assertDischargeAllowed(tx: Tx, clinicId: string, episodeId: string): Promise<void> {
  const reason = dischargeBlockedBy((await episodeRedFlagsIn(tx, clinicId, episodeId)).openRedFlags);
  if (reason) throw new ConflictError(reason);
}
