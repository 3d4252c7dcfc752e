"use client";

import { KOOS_MIN_ANSWERED, koosScores } from "@/lib/clinical";
import { choiceOptions, choiceOrientation, displayText, itemOf, type QuestionnaireItem } from "@/lib/instruments";
import { koosGroup, koosSubscalesInOrder, LEFS_LINK_IDS, TEGNER_LINK_ID } from "@/lib/instruments/measures";
import type { Answers } from "@/lib/validation/assessment";
import { RunnerReported } from "./runner-reported";
import { ChoiceRow, type ChoiceOption } from "./choice-row";
import { useMeasuresContext } from "./instruments-context";
import { PsfsFieldset } from "./psfs-fieldset";

/**
 * Outcome measures (SPEC.md section 6), asked from the instrument
 * definitions in force (lib/instruments): KOOS 42 items by subscale, each
 * with its own answers, the recall period and the subscale introductions;
 * LEFS 20 items on its published scale; PSFS 1-5 activities (a follow-up
 * scores the intake's, unchanged); Tegner. Each item is a row of radio
 * buttons (choice-row.tsx: keys 0-4 answer KOOS and LEFS and move on).
 * Scores update as items are answered.
 */
type Measures = NonNullable<Answers["measures"]>;

export const optionsOf = (item: QuestionnaireItem): ChoiceOption[] =>
  choiceOptions(item).map((o) => ({ value: o.value, label: o.display }));

const KEYS_HINT =
  "Keyboard: 0-4 answers an item and moves to the next, arrow keys change an answer, Delete clears it and moves on, Tab goes item to item.";

export function MeasuresSection({
  measures,
  lefsDraft,
  errors,
  onChange,
  onLefsChange,
  disabled,
}: {
  measures: Measures;
  lefsDraft: (number | null)[];
  errors: Record<string, string>;
  onChange: (path: string, value: unknown) => void;
  onLefsChange: (draft: (number | null)[]) => void;
  disabled?: boolean;
}) {
  const { instruments } = useMeasuresContext();
  return (
    <div className="space-y-4">
      <p className="text-xs text-slate-600">{KEYS_HINT}</p>
      <Koos measures={measures} onChange={onChange} disabled={disabled} />
      <Lefs lefsDraft={lefsDraft} error={errors["measures.lefs"]} onLefsChange={onLefsChange} disabled={disabled} />
      <PsfsFieldset psfs={measures.psfs} errors={errors} onChange={(v) => onChange("measures.psfs", v)} disabled={disabled} />
      <TegnerRow
        item={itemOf(instruments.tegner, TEGNER_LINK_ID)}
        intro={displayText(instruments.tegner, "instructions")}
        value={measures.tegner}
        onChange={(v) => onChange("measures.tegner", v)}
        disabled={disabled}
      />
    </div>
  );
}

function Koos({
  measures,
  onChange,
  disabled,
}: {
  measures: Measures;
  onChange: (path: string, value: unknown) => void;
  disabled?: boolean;
}) {
  const q = useMeasuresContext().instruments.koos;
  const koos: Readonly<Record<string, number | undefined>> = measures.koos ?? {};
  const scores = koosScores(measures.koos ?? {});
  return (
    <div data-instrument="koos">
      <h3 className="text-sm font-semibold">{q.title}</h3>
      <p className="text-xs text-slate-600">{displayText(q, "instructions")}</p>
      <p className="text-xs text-slate-600">
        Each item is scored 0 (no problems) to 4 (extreme problems); a subscale is scored when at least half its items are answered.
      </p>
      <div className="mt-2 space-y-3">
        {koosSubscalesInOrder(q).map((subscale) => {
          const group = koosGroup(q, subscale);
          const items = (group.item ?? []).filter((i) => i.type === "choice");
          const answered = items.filter((i) => koos[i.linkId] !== undefined).length;
          const score = scores[subscale];
          return (
            <fieldset key={subscale} className="rounded-md px-2 pb-1 ring-1 ring-slate-200">
              <legend className="px-1 text-sm font-medium">
                {group.text}:{" "}
                {score === null
                  ? `not scored (${answered} of ${items.length} answered, ${KOOS_MIN_ANSWERED[subscale]} needed)`
                  : `${score} / 100`}
              </legend>
              <div className="divide-y divide-slate-100">
                {(group.item ?? []).map((item) => {
                  if (item.type === "display")
                    return (
                      <p key={item.linkId} className="py-1 text-xs italic text-slate-600">
                        {item.text}
                      </p>
                    );
                  const path = `measures.koos.${item.linkId}`;
                  const value = koos[item.linkId];
                  return (
                    <ChoiceRow
                      key={item.linkId}
                      name={path}
                      prefix={item.prefix ?? item.linkId}
                      legend={item.text ?? item.linkId}
                      options={optionsOf(item)}
                      value={value}
                      onChange={(v) => onChange(path, v)}
                      digitKeys
                      marker={<RunnerReported path={path} value={value} />}
                      disabled={disabled}
                    />
                  );
                })}
              </div>
            </fieldset>
          );
        })}
      </div>
    </div>
  );
}

function Lefs({
  lefsDraft,
  error,
  onLefsChange,
  disabled,
}: {
  lefsDraft: (number | null)[];
  error?: string;
  onLefsChange: (draft: (number | null)[]) => void;
  disabled?: boolean;
}) {
  const q = useMeasuresContext().instruments.lefs;
  const answered = lefsDraft.filter((v) => v !== null).length;
  return (
    <fieldset
      className="rounded-md px-2 pb-1 ring-1 ring-slate-200"
      aria-describedby={error ? "lefs-error" : undefined}
      data-instrument="lefs"
    >
      <legend className="px-1 text-sm font-semibold">
        {q.title}: {answered === 20 ? `${lefsDraft.reduce<number>((s, v) => s + (v ?? 0), 0)} / 80` : `${answered} of 20 answered`}
      </legend>
      <p className="text-xs text-slate-600">{displayText(q, "instructions")}</p>
      <p className="text-xs text-slate-600">All 20 items are needed for a score. {itemOf(q, "activities").text}</p>
      {error ? (
        <p id="lefs-error" role="alert" className="text-xs font-medium text-red-700">
          LEFS: {error}
        </p>
      ) : null}
      <div className="divide-y divide-slate-100">
        {LEFS_LINK_IDS.map((linkId, i) => {
          const item = itemOf(q, linkId);
          const value = lefsDraft[i] ?? undefined;
          return (
            <ChoiceRow
              key={linkId}
              name={`measures.lefs.${i}`}
              prefix={String(i + 1)}
              legend={item.text ?? linkId}
              options={optionsOf(item)}
              value={value}
              onChange={(v) => onLefsChange(lefsDraft.map((d, j) => (j === i ? (v ?? null) : d)))}
              digitKeys
              marker={<RunnerReported path={`measures.lefs.${i}`} value={value} />}
              disabled={disabled}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

function TegnerRow({
  item,
  intro,
  value,
  onChange,
  disabled,
}: {
  item: QuestionnaireItem;
  intro?: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
  disabled?: boolean;
}) {
  return (
    <div data-instrument="tegner">
      {intro ? <p className="text-xs text-slate-600">{intro}</p> : null}
      <ChoiceRow
        name="measures.tegner"
        legend={`Tegner activity level${value === undefined ? " (not recorded)" : `: ${value}`}`}
        options={optionsOf(item)}
        value={value}
        onChange={onChange}
        vertical={choiceOrientation(item) === "vertical"}
        marker={<RunnerReported path="measures.tegner" value={value} />}
        disabled={disabled}
      />
    </div>
  );
}
