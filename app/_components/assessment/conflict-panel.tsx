"use client";

import { formatDateTime } from "@/lib/format";
import { FOLLOW_UP_SECTIONS, INTAKE_SECTIONS, KOOS_ITEMS } from "@/lib/questions";
import type { Answers, RecordConflict } from "@/lib/validation/assessment";
import { Button } from "@/app/_components/ui/button";
import { browserTimeZone } from "./form-toolbar";
import { changedPaths, getPath } from "./paths";

/** The label of every answer path a conflict can name. */
const LABELS: Record<string, string> = Object.fromEntries([
  ...[...INTAKE_SECTIONS, ...FOLLOW_UP_SECTIONS].flatMap((s) => s.questions.map((q) => [q.path, q.label])),
  ...KOOS_ITEMS.flatMap((g) => g.items.map(([id, label]) => [`measures.koos.${id}`, `KOOS ${id} ${label}`])),
  ["measures.lefs", "LEFS items"],
  ["measures.psfs", "PSFS activities"],
  ["measures.tegner", "Tegner level"],
  ["plan.items", "Plan checklist"],
  ["plan.notes", "Plan notes"],
  ["plan.nextReviewDate", "Next review date"],
  ["treatment.given", "Treatment given"],
]);

const labelOf = (path: string) => LABELS[path] ?? LABELS[path.replace(/\.\d+(\..*)?$/, "")] ?? path;

/**
 * A save refused because someone else saved or signed the record: who and
 * when, the answers that differ (theirs and yours), and the way out (keep
 * mine, use theirs; or open the signed record). The entries stay in the form.
 */
export function ConflictPanel({
  conflict,
  mine,
  onResolve,
}: {
  conflict: RecordConflict;
  mine: Answers;
  onResolve: (keep: "mine" | "theirs") => void;
}) {
  const paths = changedPaths(conflict.answers, mine);
  const draft = conflict.status === "draft";
  return (
    <div role="alertdialog" aria-labelledby="conflict-title" className="rounded-md border border-amber-400 bg-amber-50 p-3">
      <h2 id="conflict-title" className="font-semibold text-amber-950">
        {draft ? "Someone else saved this draft" : "This assessment has been signed"}
      </h2>
      <p className="mt-1 text-sm text-amber-950">
        {conflict.updatedBy ?? "Another user"} saved version {conflict.version} at {formatDateTime(conflict.updatedAt, browserTimeZone())}.
        Your entries are still in the form.
        {paths.length ? " These answers differ between their version and yours:" : " Their answers are the same as yours."}
      </p>
      {paths.length ? (
        <ul className="ml-5 mt-1 list-disc text-sm" data-testid="conflict-fields">
          {paths.slice(0, 30).map((p) => (
            <li key={p}>
              {labelOf(p)}: theirs <strong>{JSON.stringify(getPath(conflict.answers, p)) ?? "not asked"}</strong>, yours{" "}
              <strong>{JSON.stringify(getPath(mine, p)) ?? "not asked"}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-2 flex gap-2">
        {draft ? (
          <>
            <Button onClick={() => onResolve("mine")}>Keep my version</Button>
            <Button variant="secondary" onClick={() => onResolve("theirs")}>
              Use their version
            </Button>
          </>
        ) : (
          <Button onClick={() => onResolve("theirs")}>Open the signed assessment</Button>
        )}
      </div>
    </div>
  );
}
