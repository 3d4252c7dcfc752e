import "server-only";
import { auditRunner } from "@/lib/data/audit";
import { usableLink } from "@/lib/data/diary";
import { runnerProgramme, type RunnerProgramme } from "@/lib/data/runner-programme";
import { greetingOf } from "@/lib/data/runner-links";
import { fromDateString, transaction } from "@/lib/data/tx";
import { ConflictError, ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { parseWithIssues } from "@/lib/validation/assessment";
import { exerciseTickSchema } from "@/lib/validation/programme";

/**
 * The runner's side of their exercise programme (issue 14 item 1): on the
 * diary link they see the current programme in plain words and tick each
 * exercise done, today or on the days before (back to the day it was
 * prescribed, at most TICK_DAYS days: lib/data/runner-programme.ts). Ticks belong to the programme version
 * they were made on; a change of programme starts afresh. Nothing here names
 * the runner beyond the diary's greeting. Audited with the runner as actor.
 */
/** POST /api/r/{token}/exercises {date, exercise, done}: ticks or unticks; answers the programme as it now is. */
export async function tickExercise(token: unknown, body: unknown): Promise<RunnerProgramme> {
  return transaction(async (tx) => {
    const { link, today } = await usableLink(tx, token);
    const input = parseWithIssues(exerciseTickSchema, body);
    const before = await runnerProgramme(tx, link.clinicId, link.episodeId, today);
    if (!before) throw new ConflictError("Reload this page: your clinic has stopped or changed your exercise programme");
    const exercise = before.exercises.find((e) => e.code === input.exercise);
    if (!exercise)
      throw new ValidationError([{ path: "exercise", message: "Reload this page: this exercise is not in your programme any more" }]);
    if (!before.days.includes(input.date))
      throw new ValidationError([
        { path: "date", message: `Choose a day from ${formatDate(before.days.at(-1)!)} to ${formatDate(today)}` },
      ]);
    const programme = await tx.exerciseProgramme.findFirstOrThrow({
      where: { clinicId: link.clinicId, episodeId: link.episodeId, version: before.version },
      select: { id: true },
    });
    const where = { clinicId: link.clinicId, programmeId: programme.id, exercise: input.exercise, doneOn: fromDateString(input.date) };
    if (input.done) await tx.exerciseTick.createMany({ data: [{ ...where, episodeId: link.episodeId }], skipDuplicates: true });
    else await tx.exerciseTick.deleteMany({ where });
    const { patientId } = await greetingOf(tx, link.clinicId, link.episodeId);
    await auditRunner(tx, link.clinicId, {
      action: input.done ? "programme.tick" : "programme.untick",
      entityType: "DiaryLink",
      entityId: link.id,
      patientId,
      detail: { programmeId: programme.id, version: before.version, exercise: input.exercise, date: input.date },
    });
    return (await runnerProgramme(tx, link.clinicId, link.episodeId, today))!;
  });
}
