/**
 * The steps of the runner's questionnaire page, one per instrument asked, in
 * plain data the page renders (app/_components/runner): each question bound
 * to its answer path in the evaluation input's shape, with its wording and
 * answer options. The wording comes from the question catalogue
 * (lib/questions.ts): the measures' items and answers, and the red-flag
 * screen in the runner's words (RUNNER_SCREEN_QUESTIONS).
 */
import type { Instrument } from "@/lib/domain/runner";
import { INSTRUMENT_RUNNER_TITLES } from "@/lib/domain/runner";
import { KOOS_ANCHORS, KOOS_ITEMS, LEFS_ANCHORS, LEFS_ITEMS, RUNNER_SCREEN_QUESTIONS, TEGNER } from "@/lib/questions";

export type RunnerOption = { value: number; label: string };

export type RunnerQuestion =
  | { kind: "choice"; path: string; text: string; hint?: string; options: RunnerOption[] }
  | { kind: "nrs"; path: string; text: string; hint?: string; optional?: string }
  | { kind: "yesno"; path: string; text: string; hint?: string }
  | { kind: "days"; path: string; text: string; hint?: string }
  | { kind: "psfs"; path: "measures.psfs"; text: string; hint: string; activities: string[] };

export type RunnerGroup = { heading?: string; intro?: string; questions: RunnerQuestion[] };
export type RunnerStep = { instrument: Instrument; title: string; intro?: string; groups: RunnerGroup[] };

/** "2 · Moderate" -> {value 2, label "Moderate"}. */
const options = (anchors: readonly string[]): RunnerOption[] => anchors.map((a, value) => ({ value, label: a.replace(/^\d+ · /, "") }));

const KOOS_STEMS: Record<string, string> = {
  pain: "What amount of knee pain have you had in the last week during these activities?",
  symptoms: "How much have these troubled you in the last week?",
  adl: "What difficulty have you had in the last week with these activities?",
  sport: "What difficulty have you had in the last week with these activities?",
  qol: "Thinking about your knee in the last week:",
};

function step(instrument: Instrument, psfsActivities: readonly string[]): RunnerStep {
  const title = INSTRUMENT_RUNNER_TITLES[instrument];
  switch (instrument) {
    case "pain":
      return {
        instrument,
        title,
        intro: "0 means no pain at all, 10 the worst pain you can imagine.",
        groups: [
          {
            questions: [
              { kind: "nrs", path: "symptoms.painNow", text: "How much does your knee hurt right now?" },
              { kind: "nrs", path: "symptoms.painWorstWeek", text: "What was the worst knee pain in the last week?" },
              {
                kind: "nrs",
                path: "symptoms.painDuringRun",
                text: "How much does your knee hurt when you run?",
                optional: "I have not run lately",
              },
            ],
          },
        ],
      };
    case "koos":
      return {
        instrument,
        title,
        intro: "Think of your knee during the last week. Choose one answer for each question.",
        groups: KOOS_ITEMS.map((g) => ({
          heading: g.title.replace(/ \([A-Z0-9-]+\)$/, ""),
          intro: KOOS_STEMS[g.subscale],
          questions: g.items.map(([id, text]) => ({
            kind: "choice" as const,
            path: `measures.koos.${id}`,
            text,
            options: options(KOOS_ANCHORS),
          })),
        })),
      };
    case "lefs":
      return {
        instrument,
        title,
        intro: "Today, do you or would you have any difficulty at all with these activities because of your knee?",
        groups: [
          {
            questions: LEFS_ITEMS.map((text, i) => ({
              kind: "choice" as const,
              path: `measures.lefs.${i}`,
              text,
              options: options(LEFS_ANCHORS),
            })),
          },
        ],
      };
    case "psfs":
      return {
        instrument,
        title,
        intro: psfsActivities.length
          ? "For each activity, how well can you do it today? 0 means you cannot do it at all, 10 means as well as before your knee problem."
          : "Name 1 to 5 activities that are hard for you because of your knee, and score each: 0 means you cannot do it at all, 10 means as well as before your knee problem.",
        groups: [
          {
            questions: [
              {
                kind: "psfs",
                path: "measures.psfs",
                text: psfsActivities.length ? "How well can you do these activities today?" : "Activities that are hard for you",
                hint: "0 = unable to do it, 10 = as well as before",
                activities: [...psfsActivities],
              },
            ],
          },
        ],
      };
    case "tegner":
      return {
        instrument,
        title,
        groups: [
          {
            questions: [
              {
                kind: "choice",
                path: "measures.tegner",
                text: "Which level of activity fits you best at the moment?",
                options: options(TEGNER),
              },
            ],
          },
        ],
      };
    case "screen":
      return {
        instrument,
        title,
        intro: "Please answer each question. Your clinic reads your answers as soon as you send them.",
        groups: [
          {
            questions: RUNNER_SCREEN_QUESTIONS.map((q) => ({ kind: q.kind, path: q.path, text: q.question, hint: q.hint })),
          },
        ],
      };
  }
}

/** The runner's steps for a request, in the order asked. */
export function runnerSteps(instruments: readonly Instrument[], psfsActivities: readonly string[]): RunnerStep[] {
  return instruments.map((i) => step(i, psfsActivities));
}

/** The answer paths each instrument owns (its part of the answers), for checking one step at a time. */
export function stepOfPath(path: string, steps: readonly RunnerStep[]): number {
  const owns = (s: RunnerStep) => s.groups.some((g) => g.questions.some((q) => path === q.path || path.startsWith(`${q.path}.`)));
  const exact = steps.findIndex(owns);
  if (exact >= 0) return exact;
  // "measures.koos" or "measures.lefs" as a whole.
  return steps.findIndex((s) => s.groups.some((g) => g.questions.some((q) => q.path.startsWith(`${path}.`))));
}
