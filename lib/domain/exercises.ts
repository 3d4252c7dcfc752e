/**
 * The exercise library seeded for medial knee pain in runners (issue 14
 * item 1): the support muscles the clinicians strengthen (glutes and hip
 * abductors, quadriceps, hamstrings, calves, adductors). Each exercise has
 * plain-language steps for the runner, the muscles it targets, a default
 * dosage and how to progress it. Codes are stable: programmes store them.
 */

/** A dosage: sets of repetitions or of held seconds, an optional load, days per week. */
export interface Dosage {
  sets: number;
  /** Repetitions per set (per side where the exercise is one-sided); absent for a hold. */
  reps?: number | undefined;
  /** Seconds held per set; absent for repetitions. */
  holdSeconds?: number | undefined;
  /** Added load in kg (0 or absent: body weight). */
  loadKg?: number | undefined;
  daysPerWeek: number;
}

/** The ranges a dosage must be in (the validation and the form read them). */
export const DOSAGE_LIMITS = Object.freeze({
  sets: [1, 10],
  reps: [1, 50],
  holdSeconds: [5, 300],
  loadKg: [0, 200],
  daysPerWeek: [1, 7],
} as const);

export interface ExerciseDefinition {
  code: string;
  name: string;
  /** Plain-language steps for the runner. */
  steps: readonly string[];
  /** The muscles it targets. */
  muscles: readonly string[];
  dosage: Dosage;
  /** How to make it harder when it is easy and pain-free. */
  progression: string;
}

export const EXERCISE_LIBRARY: readonly ExerciseDefinition[] = Object.freeze([
  {
    code: "side_lying_hip_abduction",
    name: "Side-lying hip abduction",
    steps: [
      "Lie on your side with the lower knee bent and the top leg straight.",
      "Turn the top toes slightly down and lift the leg about 30 cm, leading with the heel.",
      "Lower it slowly over 3 seconds. Keep your hips stacked: do not roll back.",
    ],
    muscles: ["Gluteus medius", "Gluteus minimus"],
    dosage: { sets: 3, reps: 15, daysPerWeek: 3 },
    progression: "Add a resistance band above the knees, then an ankle weight (1-3 kg).",
  },
  {
    code: "side_plank",
    name: "Side plank",
    steps: [
      "Lie on your side, elbow under the shoulder, knees bent.",
      "Lift your hips so your body is in a straight line from head to knees.",
      "Hold, breathing normally. Lower with control.",
    ],
    muscles: ["Gluteus medius", "Obliques", "Hip abductors"],
    dosage: { sets: 3, holdSeconds: 30, daysPerWeek: 3 },
    progression: "Straighten the legs (feet stacked), then lift the top leg during the hold.",
  },
  {
    code: "single_leg_bridge",
    name: "Single-leg bridge",
    steps: [
      "Lie on your back, one knee bent with the foot flat, the other leg straight.",
      "Push through the heel and lift your hips until they are level with the bent knee.",
      "Hold for 2 seconds at the top and lower slowly. Keep the pelvis level.",
    ],
    muscles: ["Gluteus maximus", "Hamstrings"],
    dosage: { sets: 3, reps: 12, daysPerWeek: 3 },
    progression: "Put the foot on a step, then add a weight on the hips.",
  },
  {
    code: "wall_sit",
    name: "Wall sit",
    steps: [
      "Stand with your back against a wall, feet a step away from it, hip-width apart.",
      "Slide down until your knees are bent to a comfortable angle (no more than 90 degrees).",
      "Keep your knees in line with your second toe and hold.",
    ],
    muscles: ["Quadriceps"],
    dosage: { sets: 4, holdSeconds: 45, daysPerWeek: 4 },
    progression: "Sit a little deeper, hold longer, then hold a weight.",
  },
  {
    code: "step_down",
    name: "Step-down",
    steps: [
      "Stand on a low step on one leg.",
      "Slowly lower the other heel towards the floor by bending the standing knee.",
      "Keep the standing knee over the middle of the foot, not falling inwards. Push back up.",
    ],
    muscles: ["Quadriceps", "Gluteus medius"],
    dosage: { sets: 3, reps: 10, daysPerWeek: 3 },
    progression: "Use a higher step, lower more slowly, then hold a weight.",
  },
  {
    code: "split_squat",
    name: "Split squat",
    steps: [
      "Stand with one foot forward and one back, as in a long stride.",
      "Lower the back knee towards the floor, keeping your body upright.",
      "Keep the front knee over the foot and push back up through the front heel.",
    ],
    muscles: ["Quadriceps", "Gluteus maximus"],
    dosage: { sets: 3, reps: 10, daysPerWeek: 3 },
    progression: "Hold dumbbells, then raise the back foot on a bench (Bulgarian split squat).",
  },
  {
    code: "bridge_walk_out",
    name: "Bridge walk-outs",
    steps: [
      "Lift your hips into a bridge, both feet on the floor.",
      "Walk your heels away from you in small steps, keeping the hips up, as far as you control.",
      "Walk them back in and lower.",
    ],
    muscles: ["Hamstrings", "Gluteus maximus"],
    dosage: { sets: 3, reps: 6, daysPerWeek: 2 },
    progression: "Walk further out, then do it on one leg.",
  },
  {
    code: "nordic_curl",
    name: "Nordic hamstring curl",
    steps: [
      "Kneel on a cushion with your ankles held down by a partner or under a heavy bench.",
      "Keep your body straight from knees to head and lean forward as slowly as you can.",
      "Catch yourself with your hands and push back up.",
    ],
    muscles: ["Hamstrings"],
    dosage: { sets: 2, reps: 5, daysPerWeek: 2 },
    progression: "Lower more slowly and further before catching yourself, then add repetitions.",
  },
  {
    code: "calf_raise",
    name: "Calf raises",
    steps: [
      "Stand on the edge of a step on one leg, holding on for balance.",
      "Rise up onto your toes as high as you can, then lower the heel below the step slowly.",
      "Do both with a straight knee and with a slightly bent knee.",
    ],
    muscles: ["Gastrocnemius", "Soleus"],
    dosage: { sets: 3, reps: 15, daysPerWeek: 4 },
    progression: "Hold a weight or wear a loaded backpack; aim for 25 single-leg raises.",
  },
  {
    code: "copenhagen_plank",
    name: "Copenhagen plank",
    steps: [
      "Lie on your side, elbow under the shoulder, top knee resting on a bench.",
      "Lift your hips so your body is straight, the lower leg hanging free.",
      "Hold, then lower with control.",
    ],
    muscles: ["Hip adductors", "Obliques"],
    dosage: { sets: 3, holdSeconds: 20, daysPerWeek: 2 },
    progression: "Move the bench support from the knee to the ankle (long lever), then lift the lower leg to meet the bench.",
  },
]);

export type ExerciseCode = string;

/** The code of any exercise: a built-in one, or a clinic's own (prefixed). */
export const EXERCISE_CODE_PATTERN = /^[a-z0-9_]{1,80}$/;
export const CLINIC_EXERCISE_PREFIX = "clinic_";

/** The seeded exercise of a code, if it is one. */
export function libraryExercise(code: string): ExerciseDefinition | undefined {
  return EXERCISE_LIBRARY.find((e) => e.code === code);
}

/** "3 x 15, 3 days a week", "3 x 30 s hold, 5 kg, 3 days a week". */
export function dosageText(d: Dosage): string {
  const per = d.holdSeconds !== undefined ? `${d.sets} x ${d.holdSeconds} s hold` : `${d.sets} x ${d.reps ?? 0}`;
  const load = d.loadKg ? `, ${d.loadKg} kg` : "";
  return `${per}${load}, ${d.daysPerWeek} day${d.daysPerWeek === 1 ? "" : "s"} a week`;
}

/** The dosage in the runner's words: "3 sets of 15", "3 holds of 30 seconds", with the load and the days. */
export function dosageWords(d: Dosage): string {
  const per =
    d.holdSeconds !== undefined
      ? `${d.sets} hold${d.sets === 1 ? "" : "s"} of ${d.holdSeconds} seconds`
      : `${d.sets} set${d.sets === 1 ? "" : "s"} of ${d.reps ?? 0}`;
  const load = d.loadKg ? ` with ${d.loadKg} kg` : "";
  return `${per}${load}, ${d.daysPerWeek} day${d.daysPerWeek === 1 ? "" : "s"} a week`;
}

/**
 * Adherence: how many days the runner ticked each exercise as done, against
 * the days a week prescribed, over a window of `days` days (the last week, or
 * the days since the version started). Expected days are rounded to whole days.
 */
export type ExerciseAdherence = { exercise: string; done: number; expected: number };
export type Adherence = { from: string; to: string; days: number; exercises: ExerciseAdherence[]; done: number; expected: number };

export function adherence(
  items: readonly { exercise: string; daysPerWeek: number }[],
  ticks: readonly { exercise: string; date: string }[],
  window: { from: string; to: string; days: number },
): Adherence {
  const exercises = items.map((i) => ({
    exercise: i.exercise,
    done: new Set(ticks.filter((t) => t.exercise === i.exercise && t.date >= window.from && t.date <= window.to).map((t) => t.date)).size,
    expected: Math.max(1, Math.round((i.daysPerWeek * window.days) / 7)),
  }));
  return {
    ...window,
    exercises,
    done: exercises.reduce((s, e) => s + Math.min(e.done, e.expected), 0),
    expected: exercises.reduce((s, e) => s + e.expected, 0),
  };
}

type PrescribedItem = Dosage & { exercise: string; notes?: string | undefined };

/**
 * What changed from one programme version to the next, in words, for the
 * history: "Added Side plank (3 x 30 s hold, 3 days a week)", "Wall sit: 3 x
 * 30 s hold, 3 days a week -> 4 x 45 s hold, 4 days a week", "Removed Nordic
 * hamstring curl", "Notes changed".
 */
export function programmeChanges(
  before: { items: readonly PrescribedItem[]; notes: string | null } | null,
  after: { items: readonly PrescribedItem[]; notes: string | null },
  nameOf: (code: string) => string,
): string[] {
  if (!before) return after.items.map((i) => `Prescribed ${nameOf(i.exercise)} (${dosageText(i)})`);
  const out: string[] = [];
  for (const i of after.items) {
    const was = before.items.find((b) => b.exercise === i.exercise);
    if (!was) out.push(`Added ${nameOf(i.exercise)} (${dosageText(i)})`);
    else {
      if (dosageText(was) !== dosageText(i)) out.push(`${nameOf(i.exercise)}: ${dosageText(was)} → ${dosageText(i)}`);
      if ((was.notes ?? "") !== (i.notes ?? "")) out.push(`${nameOf(i.exercise)}: note ${i.notes ? `now "${i.notes}"` : "removed"}`);
    }
  }
  for (const b of before.items) if (!after.items.some((i) => i.exercise === b.exercise)) out.push(`Removed ${nameOf(b.exercise)}`);
  if ((before.notes ?? "") !== (after.notes ?? "")) out.push("Programme notes changed");
  return out.length ? out : ["No change"];
}
