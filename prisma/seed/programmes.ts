import { asJson } from "../../lib/data/tx";
import { addDays } from "../../lib/format";
import type { Prisma } from "../../prisma/generated/client";
import type { Dosage } from "../../lib/domain/exercises";
import { prng } from "./generators";

type ProgrammeItem = Dosage & { exercise: string; notes?: string };

type Tx = Prisma.TransactionClient;

/**
 * Demo exercise programmes (issue 14 item 1), for the open episodes with a
 * signed intake at least three weeks old (red-flag scenarios left out): a
 * first version on the intake day; most changed two weeks later (harder
 * dosage, an exercise added, one removed); one stopped; and the runner's
 * ticks on the current version over the last three weeks, from diligent to
 * patchy, so the patient page shows adherence and history. Each clinic also
 * has one exercise of its own and one retired built-in (the Nordic curl: old
 * programmes still show it).
 */
const FIRST: ProgrammeItem[][] = [
  [
    { exercise: "side_lying_hip_abduction", sets: 3, reps: 12, daysPerWeek: 3 },
    { exercise: "wall_sit", sets: 3, holdSeconds: 30, daysPerWeek: 4, notes: "Stop at a knee angle that is pain-free" },
    { exercise: "calf_raise", sets: 3, reps: 12, daysPerWeek: 4 },
  ],
  [
    { exercise: "single_leg_bridge", sets: 3, reps: 10, daysPerWeek: 3 },
    { exercise: "side_plank", sets: 3, holdSeconds: 20, daysPerWeek: 3, notes: "Knees bent to start" },
    { exercise: "nordic_curl", sets: 2, reps: 4, daysPerWeek: 2 },
  ],
  [
    { exercise: "step_down", sets: 2, reps: 8, daysPerWeek: 3 },
    { exercise: "copenhagen_plank", sets: 2, holdSeconds: 15, daysPerWeek: 2, notes: "Short lever: bench under the knee" },
    { exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 },
  ],
];

function progressed(items: ProgrammeItem[], k: number): ProgrammeItem[] {
  const harder = items
    .slice(0, 2)
    .map((i) =>
      i.holdSeconds !== undefined
        ? { ...i, sets: Math.min(4, i.sets + 1), holdSeconds: i.holdSeconds + 15 }
        : { ...i, reps: (i.reps ?? 10) + 3, ...(k % 2 ? { loadKg: 4 } : {}) },
    );
  const added: ProgrammeItem =
    k % 2
      ? { exercise: "split_squat", sets: 3, reps: 8, daysPerWeek: 3 }
      : { exercise: "bridge_walk_out", sets: 3, reps: 6, daysPerWeek: 2 };
  return [...harder, added];
}

export async function seedProgrammes(
  tx: Tx,
  clinicId: string,
  staff: { clinicianId: string; adminId: string },
  episodes: { id: string; redFlagScenario: boolean; dischargedOn: string | null }[],
  today: string,
): Promise<number> {
  const rng = prng(clinicId.charCodeAt(0) * 7919 + 14);
  const candidates = [];
  for (const e of episodes) {
    if (e.redFlagScenario || e.dischargedOn) continue;
    const intake = await tx.assessment.findFirst({
      where: { clinicId, episodeId: e.id, kind: "intake", status: "signed" },
      select: { assessedOn: true },
    });
    const on = intake?.assessedOn.toISOString().slice(0, 10);
    if (on && on <= addDays(today, -21)) candidates.push({ id: e.id, intakeOn: on });
    if (candidates.length === 8) break;
  }
  const at = (day: string, time = "17:00:00") => new Date(`${day}T${time}Z`);
  let made = 0;
  for (const [k, e] of candidates.entries()) {
    const first = FIRST[k % FIRST.length]!;
    const versions: { items: ProgrammeItem[]; notes: string | null; on: string; stopped?: boolean }[] = [
      { items: first, notes: "Start gently: effort yes, pain no more than 3/10.", on: e.intakeOn },
    ];
    const changeOn = addDays(e.intakeOn, 14);
    if (k % 3 !== 2 && changeOn <= addDays(today, -4))
      versions.push({ items: progressed(first, k), notes: "Progressed at review: pain settling.", on: changeOn });
    if (k === 4)
      versions.push({
        items: versions.at(-1)!.items,
        notes: "Pain free and back to full training.",
        on: addDays(today, -2),
        stopped: true,
      });
    let current: { id: string; items: ProgrammeItem[]; on: string } | null = null;
    for (const [n, v] of versions.entries()) {
      const row = await tx.exerciseProgramme.create({
        data: {
          clinicId,
          episodeId: e.id,
          version: n + 1,
          items: asJson(v.items),
          notes: v.notes,
          stopped: v.stopped ?? false,
          createdById: staff.clinicianId,
          createdByName: "",
          createdAt: at(v.on),
        },
      });
      current = v.stopped ? null : { id: row.id, items: v.items, on: v.on };
      made++;
    }
    if (!current) continue;
    // The runner's ticks since the version (at most the last three weeks): diligent, fair or patchy.
    const keen = [0.95, 0.7, 0.35][k % 3]!;
    const ticks: Prisma.ExerciseTickCreateManyInput[] = [];
    for (let d = addDays(today, -1); d >= current.on && d >= addDays(today, -21); d = addDays(d, -1))
      for (const i of current.items)
        if (rng.chance((i.daysPerWeek / 7) * keen * 1.2))
          ticks.push({ clinicId, episodeId: e.id, programmeId: current.id, exercise: i.exercise, doneOn: at(d, "00:00:00") });
    if (ticks.length) await tx.exerciseTick.createMany({ data: ticks });
  }
  await tx.clinicExercise.create({
    data: {
      clinicId,
      code: "clinic_hip_hikes",
      name: "Hip hikes",
      steps: [
        "Stand sideways on a step on one leg, the other foot hanging free.",
        "Let the free hip drop, then lift it above level.",
        "Keep the standing knee straight.",
      ],
      muscles: ["Gluteus medius", "Quadratus lumborum"],
      sets: 3,
      reps: 12,
      daysPerWeek: 3,
      progression: "Hold a weight in the hand of the free side.",
      createdById: staff.adminId,
    },
  });
  await tx.exerciseRetirement.create({
    data: { clinicId, code: "nordic_curl", retiredById: staff.adminId, retiredAt: at(addDays(today, -3)) },
  });
  return made;
}
