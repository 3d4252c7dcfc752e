import "server-only";
import { RED_FLAG_LABELS, type RedFlagCode } from "@/lib/clinical";
import { isUrgentFlag, openRedFlags, URGENCY_WORDS, type OpenRedFlag, type RedFlagAction } from "@/lib/domain";
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

type ActionRow = Prisma.RedFlagActionGetPayload<object>;

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
  const state = new Map<string, EpisodeRedFlags>(episodeIds.map((id) => [id, { openRedFlags: [], redFlagActions: [] }]));
  if (!episodeIds.length) return state;
  const [signed, actions] = await Promise.all([
    tx.assessment.findMany({
      where: { clinicId, episodeId: { in: episodeIds }, status: "signed" },
      select: { id: true, episodeId: true, assessedOn: true, signedAt: true, evaluation: true },
    }),
    tx.redFlagAction.findMany({
      where: { clinicId, episodeId: { in: episodeIds } },
      orderBy: [{ actedAt: "asc" }, { id: "asc" }],
    }),
  ]);
  for (const id of episodeIds) {
    const firings = signed
      .filter((a) => a.episodeId === id && a.signedAt)
      .map((a) => ({
        assessmentId: a.id,
        assessedOn: toDateString(a.assessedOn),
        signedAt: a.signedAt!,
        redFlags: readEvaluationOrNull(a.evaluation)?.redFlags ?? [],
      }));
    const mine = actions.filter((a) => a.episodeId === id);
    state.set(id, {
      openRedFlags: openRedFlags(firings, mine),
      redFlagActions: mine.map(redFlagActionView),
    });
  }
  return state;
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
