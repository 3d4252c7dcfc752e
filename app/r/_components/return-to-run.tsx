import type { RunnerPlan } from "@/lib/data/return-to-run-state";
import { formatDate } from "@/lib/format";

/** The runner's return-to-run plan on their phone: the stage they are on in plain words, the pain rule, and the latest change. */
export function RunnerReturnToRun({ plan }: { plan: RunnerPlan | null }) {
  if (!plan) return null;
  return (
    <section aria-labelledby="runner-plan-title" className="mb-6 rounded-lg border border-slate-300 bg-white p-4" data-testid="runner-plan">
      <h2 id="runner-plan-title" className="text-lg font-semibold">
        Your return to running
      </h2>
      {plan.completed ? (
        <p className="mt-2 text-base">You have finished the plan: you are back to running. Keep listening to your knee.</p>
      ) : (
        <p className="mt-2 text-base">
          <strong>{plan.stageName === "Not running yet" ? "Not running yet." : `${plan.stageName}:`}</strong>{" "}
          {plan.stageText ? `${plan.stageText}.` : "Keep up your walking and exercises for now."}
        </p>
      )}
      <p className="mt-2 text-base">{plan.painRule}</p>
      {plan.latest ? (
        <p className="mt-2 text-base text-slate-700">
          {formatDate(plan.latest.date)}: {plan.latest.text}
          {plan.latest.reason ? ` (${plan.latest.reason})` : ""}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-slate-600">Log every run and rest day below: your clinic uses your diary to decide the next step.</p>
    </section>
  );
}
