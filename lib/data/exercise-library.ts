import "server-only";
import type { Actor } from "@/lib/domain/access";
import { EXERCISE_LIBRARY, type ExerciseDefinition } from "@/lib/domain/exercises";
import { audit } from "@/lib/data/audit";
import { isUniqueViolation, transaction, type Tx } from "@/lib/data/tx";
import { NotFoundError, ValidationError, ConflictError } from "@/lib/errors";
import { clinicExerciseCode, type ClinicExerciseInput } from "@/lib/validation/programme";

/**
 * A clinic's exercise library (issue 14 item 1): the built-in exercises
 * (lib/domain/exercises.ts) and the clinic's own (ClinicExercise), minus
 * none: a retired exercise (ExerciseRetirement, built-in or own) stays in the
 * library so old programmes and ticks still name it, but cannot be newly
 * prescribed. Only admins add and retire (admin.settings); both audited.
 */
export type LibraryExercise = ExerciseDefinition & {
  builtIn: boolean;
  retired: { at: Date } | null;
};

/** The whole library of a clinic: built-in first, in their order, then the clinic's own by name. */
export async function libraryIn(tx: Tx, clinicId: string): Promise<LibraryExercise[]> {
  const [own, retired] = await Promise.all([
    tx.clinicExercise.findMany({ where: { clinicId }, orderBy: { name: "asc" } }),
    tx.exerciseRetirement.findMany({ where: { clinicId } }),
  ]);
  const retiredAt = new Map(retired.map((r) => [r.code, r.retiredAt]));
  const mark = (e: ExerciseDefinition, builtIn: boolean): LibraryExercise => {
    const at = retiredAt.get(e.code);
    return { ...e, builtIn, retired: at ? { at } : null };
  };
  return [
    ...EXERCISE_LIBRARY.map((e) => mark(e, true)),
    ...own.map((o) =>
      mark(
        {
          code: o.code,
          name: o.name,
          steps: o.steps,
          muscles: o.muscles,
          dosage: {
            sets: o.sets,
            daysPerWeek: o.daysPerWeek,
            ...(o.reps !== null ? { reps: o.reps } : {}),
            ...(o.holdSeconds !== null ? { holdSeconds: o.holdSeconds } : {}),
            ...(o.loadKg !== null ? { loadKg: o.loadKg } : {}),
          },
          progression: o.progression,
        },
        false,
      ),
    ),
  ];
}

/** The library of the actor's clinic (no patient data: not audited). */
export async function getExerciseLibrary(actor: Actor): Promise<LibraryExercise[]> {
  return transaction((tx) => libraryIn(tx, actor.clinicId));
}

/** An exercise's name in the library, or its code when the library no longer knows it. */
export function exerciseName(library: readonly LibraryExercise[], code: string): string {
  return library.find((e) => e.code === code)?.name ?? code;
}

/**
 * The exercises a new programme version may hold: every item is in the
 * clinic's library, and a retired one only if the version it starts from
 * already held it (kept, not newly prescribed). Issues name the item.
 */
export function prescriptionIssues(
  library: readonly LibraryExercise[],
  codes: readonly string[],
  previous: readonly string[],
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  codes.forEach((code, i) => {
    const e = library.find((x) => x.code === code);
    if (!e) issues.push({ path: `items.${i}.exercise`, message: "Choose an exercise of the library" });
    else if (e.retired && !previous.includes(code))
      issues.push({ path: `items.${i}.exercise`, message: `Choose another exercise: ${e.name} is retired from the library` });
  });
  return issues;
}

/** Adds a clinic's own exercise (admin). Its name is unique in the clinic, and so its code. */
export async function addClinicExercise(actor: Actor, input: ClinicExerciseInput): Promise<LibraryExercise> {
  const code = clinicExerciseCode(input.name);
  try {
    return await transaction(async (tx) => {
      const library = await libraryIn(tx, actor.clinicId);
      if (library.some((e) => e.code === code || e.name.toLowerCase() === input.name.toLowerCase()))
        throw new ValidationError([{ path: "name", message: "Choose another name: the library already has an exercise of this name" }]);
      const row = await tx.clinicExercise.create({
        data: {
          clinicId: actor.clinicId,
          code,
          name: input.name,
          steps: input.steps,
          muscles: input.muscles,
          sets: input.sets,
          reps: input.reps ?? null,
          holdSeconds: input.holdSeconds ?? null,
          loadKg: input.loadKg ?? null,
          daysPerWeek: input.daysPerWeek,
          progression: input.progression,
          createdById: actor.userId,
        },
      });
      await audit(tx, actor, {
        action: "exercise.add",
        entityType: "ClinicExercise",
        entityId: row.id,
        detail: { code, name: input.name },
      });
      return (await libraryIn(tx, actor.clinicId)).find((e) => e.code === code)!;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ValidationError([{ path: "name", message: "Choose another name: the library already has an exercise of this name" }]);
    throw error;
  }
}

/** Retires an exercise of the clinic's library (built-in or own): it can no longer be newly prescribed. */
export async function retireExercise(actor: Actor, code: string): Promise<LibraryExercise> {
  return transaction(async (tx) => {
    const exercise = (await libraryIn(tx, actor.clinicId)).find((e) => e.code === code);
    if (!exercise) throw new NotFoundError("exercise");
    if (exercise.retired) throw new ConflictError(`Reload the page: ${exercise.name} is already retired`);
    const row = await tx.exerciseRetirement.create({ data: { clinicId: actor.clinicId, code, retiredById: actor.userId } });
    await audit(tx, actor, { action: "exercise.retire", entityType: "ExerciseRetirement", entityId: row.id, detail: { code } });
    return { ...exercise, retired: { at: row.retiredAt } };
  });
}
