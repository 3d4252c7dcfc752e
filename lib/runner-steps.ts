/**
 * The steps of the runner's questionnaire page, one per instrument asked, in
 * plain data the page renders (app/r/_components): each question bound to
 * its answer path in the evaluation input's shape, with its wording and
 * answer options. The measures' wording and options are the instruments'
 * definitions in force (lib/instruments: the publisher's exact wording when a
 * clinic has loaded it); the red-flag screen is asked in the runner's words
 * (RUNNER_SCREEN_QUESTIONS in lib/questions.ts). Pure: the server passes the
 * definitions in.
 */
import type { Instrument } from "@/lib/domain/runner";
import { INSTRUMENT_RUNNER_TITLES } from "@/lib/domain/runner";
import { choiceOptions, displayText, itemOf, type Instruments, type QuestionnaireItem } from "@/lib/instruments";
import { LEFS_LINK_IDS, PAIN_ITEM_PATHS, PSFS_LINK_IDS, TEGNER_LINK_ID, type PainItem } from "@/lib/instruments/measures";
import { RUNNER_SCREEN_QUESTIONS } from "@/lib/questions";

export type RunnerOption = { value: number; label: string };

export type RunnerQuestion =
  | { kind: "choice"; path: string; text: string; hint?: string; options: RunnerOption[] }
  /** A 0-10 scale: the options' labels at both ends; `optional` names the answer "does not apply" (left out). */
  | { kind: "nrs"; path: string; text: string; hint?: string; options: RunnerOption[]; optional?: string }
  | { kind: "yesno"; path: string; text: string; hint?: string }
  | { kind: "days"; path: string; text: string; hint?: string }
  | {
      kind: "psfs";
      path: "measures.psfs";
      text: string;
      hint: string;
      /** The episode's activities, scored as named; none: the runner names 1-5. */
      activities: string[];
      options: RunnerOption[];
    };

export type RunnerGroup = { heading?: string; intro?: string; questions: RunnerQuestion[] };
export type RunnerStep = { instrument: Instrument; title: string; intro?: string; groups: RunnerGroup[] };

const optionsOf = (item: QuestionnaireItem): RunnerOption[] => choiceOptions(item).map((o) => ({ value: o.value, label: o.display }));

const textOf = (item: QuestionnaireItem) => item.text ?? item.linkId;

/** The display items of a group (its introductions), joined. */
const introOf = (items: readonly QuestionnaireItem[] | undefined) =>
  (items ?? [])
    .filter((i) => i.type === "display")
    .map((i) => i.text)
    .filter(Boolean)
    .join(" ") || undefined;

const PAIN_OPTIONAL: Partial<Record<PainItem, string>> = { painDuringRun: "I have not run lately" };

// eslint-disable-next-line max-lines-per-function -- the runner's steps as data, one entry each
function step(instrument: Instrument, defs: Instruments, psfsActivities: readonly string[]): RunnerStep {
  const title = INSTRUMENT_RUNNER_TITLES[instrument];
  switch (instrument) {
    case "pain": {
      const q = defs["pain-nrs"];
      return {
        instrument,
        title,
        intro: displayText(q, "instructions"),
        groups: [
          {
            questions: (Object.keys(PAIN_ITEM_PATHS) as PainItem[]).map((id) => {
              const item = itemOf(q, id);
              return {
                kind: "nrs" as const,
                path: PAIN_ITEM_PATHS[id],
                text: textOf(item),
                options: optionsOf(item),
                optional: PAIN_OPTIONAL[id],
              };
            }),
          },
        ],
      };
    }
    case "koos": {
      const q = defs.koos;
      return {
        instrument,
        title,
        intro: displayText(q, "instructions"),
        // Each subscale's group as the questionnaire orders them; an introduction inside a group (KOOS pain
        // after P1) is shown with the group.
        groups: q.item
          .filter((g) => g.type === "group")
          .map((g) => ({
            heading: g.text,
            intro: introOf(g.item),
            questions: (g.item ?? [])
              .filter((i) => i.type === "choice")
              .map((i) => ({ kind: "choice" as const, path: `measures.koos.${i.linkId}`, text: textOf(i), options: optionsOf(i) })),
          })),
      };
    }
    case "lefs": {
      const q = defs.lefs;
      const group = itemOf(q, "activities");
      return {
        instrument,
        title,
        intro: displayText(q, "instructions"),
        groups: [
          {
            heading: group.text,
            questions: LEFS_LINK_IDS.map((id, i) => {
              const item = itemOf(q, id);
              return { kind: "choice" as const, path: `measures.lefs.${i}`, text: textOf(item), options: optionsOf(item) };
            }),
          },
        ],
      };
    }
    case "psfs": {
      const q = defs.psfs;
      const score = itemOf(q, PSFS_LINK_IDS.score);
      const options = optionsOf(score);
      const ends = `${options[0]?.value} = ${options[0]?.label}, ${options.at(-1)?.value} = ${options.at(-1)?.label}`;
      return {
        instrument,
        title,
        intro: displayText(q, psfsActivities.length ? "followUpInstructions" : "instructions"),
        groups: [
          {
            questions: [
              {
                kind: "psfs",
                path: "measures.psfs",
                text: psfsActivities.length ? "How well can you do these activities today?" : "Name 1 to 5 activities and score each",
                hint: ends,
                activities: [...psfsActivities],
                options,
              },
            ],
          },
        ],
      };
    }
    case "tegner": {
      const q = defs.tegner;
      const item = itemOf(q, TEGNER_LINK_ID);
      return {
        instrument,
        title,
        intro: displayText(q, "instructions"),
        groups: [{ questions: [{ kind: "choice", path: "measures.tegner", text: textOf(item), options: optionsOf(item) }] }],
      };
    }
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

/** The runner's steps for a request, in the order asked, worded as the definitions in force. */
export function runnerSteps(instruments: readonly Instrument[], psfsActivities: readonly string[], defs: Instruments): RunnerStep[] {
  return instruments.map((i) => step(i, defs, psfsActivities));
}

/** The step that asks `path` (an answer path, or a section of one: "measures.koos"), or -1. */
export function stepOfPath(path: string, steps: readonly RunnerStep[]): number {
  const owns = (s: RunnerStep) => s.groups.some((g) => g.questions.some((q) => path === q.path || path.startsWith(`${q.path}.`)));
  const exact = steps.findIndex(owns);
  if (exact >= 0) return exact;
  return steps.findIndex((s) => s.groups.some((g) => g.questions.some((q) => q.path.startsWith(`${path}.`))));
}
