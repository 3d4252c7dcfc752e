"use client";

import { createContext, useContext, type ReactNode } from "react";
import { formatDate } from "@/lib/format";
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
