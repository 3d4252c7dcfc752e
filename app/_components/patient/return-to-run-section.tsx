import type { ReturnToRunView } from "@/lib/data/return-to-run-state";
import { RUNNING_ADVICE_LABELS } from "@/lib/domain/labels";
import { ENTRY_CRITERIA, ENTRY_CRITERIA_LABELS, RETURN_TO_RUN_STEP_LABELS, goalRaceText, stageText } from "@/lib/domain/return-to-run";
import type { EntryCriteria } from "@/lib/validation/return-to-run";
import { formatDate } from "@/lib/format";
import { CreateReturnToRunPlanForm, ReturnToRunDecisionForm } from "@/app/_components/patient/return-to-run-form";
import { SmallTable } from "@/app/_components/ui/small-table";

type GoalRace = { name: string | null; date: string | null; distanceKm: number | null };

/**
 * The episode's return-to-run plan: the ladder with the current stage, the
 * running advice it follows, the goal race with weeks to go, what the app
 * proposes from the diary and why, the clinician's decision, and the history
 * (each stage change beside what was proposed and the reason kept).
 */
export function ReturnToRunSection({
  episodeId,
  plan,
  goalRace,
  today,
  canDecide,
}: {
  episodeId: string;
  plan: ReturnToRunView | null;
  goalRace: GoalRace;
  today: string;
  canDecide: boolean;
}) {
  const titleId = `rtr-${episodeId}-title`;
  return (
    <section aria-labelledby={titleId} className="mt-3 rounded border border-slate-200 p-3" data-testid="return-to-run">
      <h3 id={titleId} className="text-sm font-semibold text-slate-900">
        Return to running
      </h3>
      <p className="text-xs text-slate-600">Goal race: {goalRaceText(goalRace, today, formatDate)}</p>
      {!plan ? (
        <div className="mt-2 space-y-2">
          <p className="text-sm text-slate-700">No return-to-run plan yet.</p>
          {canDecide ? <CreateReturnToRunPlanForm episodeId={episodeId} /> : null}
        </div>
      ) : (
        <PlanBody episodeId={episodeId} plan={plan} canDecide={canDecide} />
      )}
    </section>
  );
}

function PlanBody({ episodeId, plan, canDecide }: { episodeId: string; plan: ReturnToRunView; canDecide: boolean }) {
  return (
    <div className="mt-2 space-y-3 text-sm">
      <p data-testid="rtr-stage">
        <strong>{plan.completed ? `Complete (${formatDate(plan.completedOn)}): back to running` : plan.stageName}</strong>
        {plan.stageText ? `: ${plan.stageText}` : null}
      </p>
      <p className="text-xs text-slate-600">
        Running advice in force: {RUNNING_ADVICE_LABELS[plan.mode]}
        {plan.mode === "pain_monitored" && plan.maxPainDuringRun !== null
          ? ` (pain up to ${plan.maxPainDuringRun}/10, settled by the next morning)`
          : ""}
        .
      </p>
      <ol className="grid gap-1 sm:grid-cols-2" aria-label="Stages of the plan">
        {plan.ladder.map((s, i) => {
          const current = i + 1 === plan.currentStage;
          return (
            <li
              key={i}
              className={`rounded px-2 py-1 text-xs ${current ? "bg-sky-50 font-semibold ring-1 ring-sky-700" : "text-slate-700"}`}
            >
              {current ? <span className="sr-only">Current stage: </span> : null}
              {i + 1}. {stageText(s)}
              {current ? " (now)" : ""}
            </li>
          );
        })}
      </ol>
      {!plan.completed ? (
        <div className="rounded bg-slate-50 p-2" data-testid="rtr-proposal">
          <p>
            <strong>
              Proposed{plan.proposal.step ? `: ${RETURN_TO_RUN_STEP_LABELS[plan.proposal.step].toLowerCase()}` : ": nothing yet"}.
            </strong>{" "}
            {plan.proposal.reason}
          </p>
          <p className="text-xs text-slate-600">From the runner&apos;s diary since {formatDate(plan.since)}.</p>
        </div>
      ) : null}
      {canDecide && !plan.completed ? (
        <ReturnToRunDecisionForm
          episodeId={episodeId}
          stage={plan.currentStage}
          stages={plan.ladder.length}
          proposed={plan.proposal.step}
          decisions={plan.history.length}
        />
      ) : null}
      <History plan={plan} />
    </div>
  );
}

function History({ plan }: { plan: ReturnToRunView }) {
  if (plan.history.length === 0)
    return <p className="text-xs text-slate-600">No decisions yet (plan made {formatDate(plan.createdAt)}).</p>;
  const name = (n: number) => (n === 0 ? "not running" : `stage ${n}`);
  return (
    <SmallTable
      caption="History of the plan"
      showCaption
      columns={["Date", "Decision", "Stage", "Proposed, and why", "Clinician's reason"]}
    >
      {[...plan.history].reverse().map((d) => (
        <tr key={d.id} className="border-t border-slate-100 align-top">
          <td className="py-1 pr-2 whitespace-nowrap">{formatDate(d.decidedOn)}</td>
          <td className="py-1 pr-2">
            {RETURN_TO_RUN_STEP_LABELS[d.step]}
            <div className="text-slate-500">{d.decidedBy.name}</div>
            {d.entryCriteria ? <EntryCriteriaText criteria={d.entryCriteria} /> : null}
          </td>
          <td className="py-1 pr-2 whitespace-nowrap">
            {name(d.fromStage)} → {name(d.toStage)}
          </td>
          <td className="py-1 pr-2">
            {d.proposedStep ? `${RETURN_TO_RUN_STEP_LABELS[d.proposedStep]}: ` : ""}
            {d.proposedReason ?? "—"}
          </td>
          <td className="py-1">{d.reason ?? (d.proposedStep && d.proposedStep !== d.step ? "—" : "As proposed")}</td>
        </tr>
      ))}
    </SmallTable>
  );
}

/** The entry criteria recorded at the start, in words: "Entry criteria met: walks 30 minutes briskly without pain; …" (with the note). */
function EntryCriteriaText({ criteria }: { criteria: EntryCriteria }) {
  const words = (met: boolean) =>
    ENTRY_CRITERIA.filter((c) => criteria.met[c] === met)
      .map((c) => ENTRY_CRITERIA_LABELS[c].charAt(0).toLowerCase() + ENTRY_CRITERIA_LABELS[c].slice(1))
      .join("; ");
  const unmet = words(false);
  return (
    <div className="text-slate-600">
      Entry criteria met: {words(true) || "none"}
      {unmet ? `. Not met: ${unmet}` : ""}
      {criteria.note ? `. ${criteria.note}` : ""}
    </div>
  );
}
