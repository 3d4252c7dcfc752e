"use client";

import { createContext, useContext, type ReactNode } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { formatDate, plural } from "@/lib/format";
import { differsFromRunner, runnerValueText, type RunnerSources } from "@/lib/runner-prefill";

/**
 * Answers pre-filled from what the runner returned by link (lib/runner-prefill.ts):
 * each such item is marked "Runner, 3 Dec 2026"; where the clinician has
 * changed it, the runner's answer is shown beside the new one (and kept on
 * the request, lib/data/questionnaires.ts).
 */
const RunnerSourcesContext = createContext<RunnerSources | null>(null);

export function RunnerSourcesProvider({ sources, children }: { sources: RunnerSources; children: ReactNode }) {
  return <RunnerSourcesContext.Provider value={sources}>{children}</RunnerSourcesContext.Provider>;
}

export function RunnerReported({ path, value }: { path: string; value: unknown }) {
  const source = useContext(RunnerSourcesContext)?.[path];
  if (!source) return null;
  const changed = differsFromRunner(value, source);
  return (
    <span data-runner-reported={path} className="ml-1 inline-flex flex-wrap items-center gap-1 align-middle text-xs">
      <span className="rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-900 ring-1 ring-violet-300">
        Runner, {formatDate(source.on)}
      </span>
      {changed ? <span className="text-violet-900">changed; the runner answered: {runnerValueText(source.value)}</span> : null}
    </span>
  );
}

/** Above a form pre-filled from the runner's answers (a new one, or its draft reopened): how many, from when. */
export function RunnerPrefillNote({ answers, days }: { answers: number; days: string[] }) {
  return (
    <Alert tone="info" title="Pre-filled from what the runner sent" className="mb-3">
      {plural(answers, "answer")} {answers === 1 ? "comes" : "come"} from the questionnaire{days.length === 1 ? "" : "s"} the runner
      returned on {days.map((d) => formatDate(d)).join(", ")}, each marked “Runner”. Go through them with the runner and change what needs
      changing: the runner&apos;s own answer stays on record beside yours.
    </Alert>
  );
}

/** Above a reopened draft: questionnaires the runner returned after it was started are not in it; they pre-fill the next assessment. */
export function RunnerLaterNote({ days }: { days: string[] }) {
  if (!days.length) return null;
  return (
    <Alert tone="warning" title="The runner returned a questionnaire after this draft was started" className="mb-3">
      <span data-testid="runner-later">
        Returned on {days.map((d) => formatDate(d)).join(", ")}: not in this draft. Its answers are on the patient page, and they pre-fill
        the next assessment of this episode.
      </span>
    </Alert>
  );
}
