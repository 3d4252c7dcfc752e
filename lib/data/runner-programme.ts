import "server-only";
import { dosageWords } from "@/lib/domain/exercises";
import { libraryIn } from "@/lib/data/exercise-library";
import { versionView } from "@/lib/data/programme-state";
import { toDateString, type Tx } from "@/lib/data/tx";
import { addDays, todayIn } from "@/lib/format";

/**
 * The current programme as the runner sees it on their diary link (read by
 * lib/data/diary.ts and lib/data/exercise-ticks.ts): the exercises in plain
 * words, the days they may tick, and their ticks of this version.
 */
export const TICK_DAYS = 7;

export type RunnerProgramme = {
  version: number;
  notes: string | null;
  exercises: { code: string; name: string; dosage: string; notes: string | null; steps: readonly string[] }[];
  /** The days the runner may tick, newest first. */
  days: string[];
  ticks: { exercise: string; date: string }[];
};

/** The current programme of an episode for its runner, or null (none yet, or stopped). */
export async function runnerProgramme(tx: Tx, clinicId: string, episodeId: string, today: string): Promise<RunnerProgramme | null> {
  const row = await tx.exerciseProgramme.findFirst({ where: { clinicId, episodeId }, orderBy: { version: "desc" } });
  if (!row || row.stopped) return null;
  const version = versionView(row);
  const [library, clinic, ticks] = await Promise.all([
    libraryIn(tx, clinicId),
    tx.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timezone: true } }),
    tx.exerciseTick.findMany({ where: { clinicId, programmeId: row.id }, orderBy: [{ doneOn: "asc" }, { id: "asc" }] }),
  ]);
  const start = todayIn(clinic.timezone, row.createdAt);
  const days: string[] = [];
  for (let d = today; d >= start && days.length < TICK_DAYS; d = addDays(d, -1)) days.push(d);
  return {
    version: version.version,
    notes: version.notes,
    exercises: version.items.map((i) => {
      const e = library.find((x) => x.code === i.exercise);
      return { code: i.exercise, name: e?.name ?? i.exercise, dosage: dosageWords(i), notes: i.notes ?? null, steps: e?.steps ?? [] };
    }),
    days,
    ticks: ticks.map((t) => ({ exercise: t.exercise, date: toDateString(t.doneOn) })),
  };
}
