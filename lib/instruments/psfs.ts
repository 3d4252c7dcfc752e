/**
 * PSFS activities are carried forward (Stratford et al. 1995): a follow-up
 * scores the activities the runner named at the intake, unchanged and in the
 * same order, so each activity is compared with itself. The activities come
 * from the earliest signed assessment of the episode that recorded PSFS
 * (normally the intake). A follow-up may leave PSFS out; when it records it,
 * it scores every carried activity.
 *
 * Pure: used by the form (names locked, one score each) and by the server,
 * which refuses anything else with a message naming the field.
 */
import { formatDate } from "../format";
import type { PsfsItem } from "../clinical/input";

export type PsfsBaseline = { activities: string[]; assessedOn: string };

type Prior = { assessedOn: string; answers: { measures?: { psfs?: readonly PsfsItem[] | undefined } | undefined } };

/** The activities to carry forward: those of the earliest prior (oldest first) with PSFS; null when none recorded any. */
export function psfsBaseline(priorsOldestFirst: readonly Prior[]): PsfsBaseline | null {
  for (const p of priorsOldestFirst) {
    const psfs = p.answers.measures?.psfs;
    if (psfs?.length) return { activities: psfs.map((a) => a.activity), assessedOn: p.assessedOn };
  }
  return null;
}

const quoted = (list: readonly string[]) => list.map((a) => `“${a}”`).join(", ");

/** Why a follow-up's PSFS is not the carried activities, by field; [] when it is (or records no PSFS). */
export function psfsCarryForwardIssues(
  baseline: PsfsBaseline | null,
  psfs: readonly Pick<PsfsItem, "activity">[] | undefined,
): { path: string; message: string }[] {
  if (!baseline || !psfs) return [];
  const on = formatDate(baseline.assessedOn);
  if (psfs.length !== baseline.activities.length)
    return [
      {
        path: "measures.psfs",
        message: `Score the ${baseline.activities.length} activities recorded on ${on} (${quoted(baseline.activities)}): a follow-up scores the same activities`,
      },
    ];
  return psfs.flatMap((item, i) =>
    item.activity === baseline.activities[i]
      ? []
      : [
          {
            path: `measures.psfs.${i}.activity`,
            message: `Keep “${baseline.activities[i]}” as recorded on ${on}: a follow-up scores the same activities, unchanged`,
          },
        ],
  );
}
