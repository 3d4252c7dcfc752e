/** The programme's words and sums (lib/domain/exercises.ts): dosage in the runner's words, the history's changes, adherence. */
import { adherence, dosageWords, programmeChanges } from "@/lib/domain/exercises";

const name = (code: string) => ({ calf_raise: "Calf raises", wall_sit: "Wall sit", side_plank: "Side plank" })[code] ?? code;

it("writes the dosage in plain words", () => {
  expect(dosageWords({ sets: 3, reps: 15, daysPerWeek: 4 })).toBe("3 sets of 15, 4 days a week");
  expect(dosageWords({ sets: 1, holdSeconds: 30, loadKg: 5, daysPerWeek: 1 })).toBe("1 hold of 30 seconds with 5 kg, 1 day a week");
});

it("says what changed between versions, and what a first version prescribed", () => {
  const v1 = {
    notes: null,
    items: [
      { exercise: "calf_raise", sets: 3, reps: 15, daysPerWeek: 4 },
      { exercise: "wall_sit", sets: 3, holdSeconds: 30, daysPerWeek: 3 },
    ],
  };
  const v2 = {
    notes: "Harder now",
    items: [
      { exercise: "wall_sit", sets: 4, holdSeconds: 45, daysPerWeek: 3, notes: "Deeper" },
      { exercise: "side_plank", sets: 3, holdSeconds: 30, daysPerWeek: 3 },
    ],
  };
  expect(programmeChanges(null, v1, name)).toEqual([
    "Prescribed Calf raises (3 x 15, 4 days a week)",
    "Prescribed Wall sit (3 x 30 s hold, 3 days a week)",
  ]);
  expect(programmeChanges(v1, v2, name)).toEqual([
    "Wall sit: 3 x 30 s hold, 3 days a week → 4 x 45 s hold, 3 days a week",
    'Wall sit: note now "Deeper"',
    "Added Side plank (3 x 30 s hold, 3 days a week)",
    "Removed Calf raises",
    "Programme notes changed",
  ]);
  expect(programmeChanges(v1, v1, name)).toEqual(["No change"]);
});

it("counts ticked days against the prescribed days, within the window, each day once", () => {
  const items = [
    { exercise: "calf_raise", daysPerWeek: 4 },
    { exercise: "wall_sit", daysPerWeek: 2 },
  ];
  const ticks = [
    { exercise: "calf_raise", date: "2026-11-01" },
    { exercise: "calf_raise", date: "2026-11-03" },
    { exercise: "calf_raise", date: "2026-10-20" },
    { exercise: "wall_sit", date: "2026-11-02" },
    { exercise: "wall_sit", date: "2026-11-04" },
    { exercise: "wall_sit", date: "2026-11-05" },
  ];
  const a = adherence(items, ticks, { from: "2026-10-30", to: "2026-11-05", days: 7 });
  expect(a.exercises).toEqual([
    { exercise: "calf_raise", done: 2, expected: 4 },
    { exercise: "wall_sit", done: 3, expected: 2 },
  ]);
  // More than prescribed does not make up for less elsewhere.
  expect([a.done, a.expected]).toEqual([4, 6]);
  // A short window still expects at least one day.
  expect(adherence(items, [], { from: "2026-11-05", to: "2026-11-05", days: 1 }).expected).toBe(2);
});
