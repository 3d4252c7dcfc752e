"use client";

import { useState } from "react";
import { MECHANISM_LABELS, SIDE_LABELS } from "@/lib/domain";
import { correctEpisodeAction } from "@/lib/actions/patients";
import { useFormAction } from "@/app/_components/forms/use-form-action";
import { FormStatus } from "@/app/_components/forms/form-status";
import { Button } from "@/app/_components/ui/button";
import { Field, LabelOptions, Select, TextArea, TextInput } from "@/app/_components/ui/field";

/**
 * Corrects the side, onset date or mechanism of an open episode, with a
 * reason. Signed assessments keep the facts they were evaluated with.
 */
export function EpisodeCorrectionForm({
  episode,
  today,
}: {
  episode: { id: string; side: "left" | "right" | "both"; onsetDate: string | null; mechanism: "gradual" | "acute_trauma" | null };
  today: string;
}) {
  const [open, setOpen] = useState(false);
  const { state, onSubmit, pending, formRef } = useFormAction(correctEpisodeAction);
  const e = state.fieldErrors ?? {};
  const id = (name: string) => `correct-${episode.id}-${name}`;
  if (!open)
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Correct episode facts
      </Button>
    );
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label="Correct the episode's facts"
      className="mt-2 grid w-full gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-3"
    >
      <div className="sm:col-span-3">
        <FormStatus state={state} />
        <p className="text-xs text-slate-600">
          Signed assessments keep the facts they were evaluated with; the correction and its reason are audited.
        </p>
      </div>
      <input type="hidden" name="episodeId" value={episode.id} />
      <Field id={id("side")} label="Knee" error={e.side} required>
        <Select id={id("side")} name="side" defaultValue={episode.side} error={e.side}>
          <LabelOptions labels={SIDE_LABELS} />
        </Select>
      </Field>
      <Field id={id("onsetDate")} label="Onset date" error={e.onsetDate}>
        <TextInput
          id={id("onsetDate")}
          name="onsetDate"
          type="date"
          max={today}
          defaultValue={episode.onsetDate ?? ""}
          error={e.onsetDate}
        />
      </Field>
      <Field id={id("mechanism")} label="Mechanism" error={e.mechanism}>
        <Select id={id("mechanism")} name="mechanism" defaultValue={episode.mechanism ?? ""} error={e.mechanism}>
          <option value="">Not recorded</option>
          <LabelOptions labels={MECHANISM_LABELS} />
        </Select>
      </Field>
      <Field id={id("reason")} label="Reason for the correction" error={e.reason} required className="sm:col-span-3">
        <TextArea id={id("reason")} name="reason" rows={2} error={e.reason} />
      </Field>
      <div className="flex gap-2 sm:col-span-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save correction"}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
