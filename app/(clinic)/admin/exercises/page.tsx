import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth";
import { dosageText } from "@/lib/domain/exercises";
import { getExerciseLibrary } from "@/lib/data/exercise-library";
import { formatDate } from "@/lib/format";
import { Card, PageHeader, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { AddExerciseForm, RetireExerciseForm } from "./exercise-forms";

export const metadata: Metadata = { title: "Exercises" };

/** The clinic's exercise library (admins): the built-in exercises and the clinic's own; add and retire. */
export default async function ExercisesPage() {
  const actor = await requirePermission("admin.settings");
  const library = await getExerciseLibrary(actor);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Exercises"
        subtitle={`The exercise library of ${actor.clinicName}. A retired exercise can no longer be prescribed; programmes that have it keep it.`}
      />
      <Card title="Library">
        <div className="overflow-x-auto">
          <table className={tableClass}>
            <caption className="sr-only">Exercises of the library</caption>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  Exercise
                </th>
                <th scope="col" className={thClass}>
                  Muscles
                </th>
                <th scope="col" className={thClass}>
                  Default dosage
                </th>
                <th scope="col" className={thClass}>
                  Source
                </th>
                <th scope="col" className={thClass}>
                  Status
                </th>
                <th scope="col" className={thClass}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {library.map((e) => (
                <tr key={e.code} data-testid="library-exercise">
                  <td className={tdClass}>
                    <span className={e.retired ? "text-slate-500 line-through" : "font-medium"}>{e.name}</span>
                  </td>
                  <td className={tdClass}>{e.muscles.join(", ")}</td>
                  <td className={tdClass}>{dosageText(e.dosage)}</td>
                  <td className={tdClass}>{e.builtIn ? "Built-in" : "This clinic"}</td>
                  <td className={tdClass}>{e.retired ? `Retired ${formatDate(e.retired.at)}` : "In use"}</td>
                  <td className={tdClass}>{e.retired ? null : <RetireExerciseForm code={e.code} name={e.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Add an exercise of this clinic">
        <AddExerciseForm />
      </Card>
    </div>
  );
}
