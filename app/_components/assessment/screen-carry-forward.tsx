"use client";

import { useState } from "react";
import { formatDate, plural } from "@/lib/format";
import { carriedScreenAnswers } from "@/lib/screen-carry";
import type { Question } from "@/lib/questions";
import { Button } from "@/app/_components/ui/button";
import { answerText } from "./answers-view";

/**
 * "Unchanged since 3 Nov 2026": a follow-up can start from the previous
 * red-flag screen. Opening it lists every previous answer; each is entered
 * only when confirmed ("Unchanged", or "All unchanged" for the whole listed
 * set) or when the question is answered again in the form below. Until
 * then the question stays unanswered (lib/screen-carry.ts).
 */
export function ScreenCarryForward({
  previous,
  questions,
  answers,
  onConfirm,
}: {
  previous: { assessedOn: string; answers: unknown } | undefined;
  questions: readonly Question[];
  answers: unknown;
  onConfirm: (confirmed: { path: string; value: unknown }[]) => void;
}) {
  const [open, setOpen] = useState(false);
  if (!previous) return null;
  const carried = carriedScreenAnswers(questions, previous.answers, answers);
  const since = formatDate(previous.assessedOn);
  if (!open)
    return carried.length ? (
      <Button variant="secondary" className="mt-2" onClick={() => setOpen(true)}>
        Unchanged since {since}? Review the previous screen ({plural(carried.length, "answer")})
      </Button>
    ) : null;
  const byPath = new Map(questions.map((q) => [q.path, q]));
  return (
    <section aria-labelledby="carry-title" className="mt-2 rounded-md bg-sky-50 p-3 ring-1 ring-sky-200" data-testid="screen-carry">
      <h3 id="carry-title" className="text-sm font-semibold">
        Previous screen, {since}: confirm each answer that is unchanged, or answer the question again below
      </h3>
      {carried.length === 0 ? (
        <p className="mt-1 text-sm">Every previous answer is confirmed or answered again.</p>
      ) : (
        <>
          <ul className="mt-2 divide-y divide-sky-100 text-sm" aria-label={`Answers of ${since} still to confirm`}>
            {carried.map((c) => (
              <li key={c.path} className="flex flex-wrap items-center justify-between gap-2 py-1">
                <span>
                  {c.label}: <strong>{answerText(byPath.get(c.path)!, c.value)}</strong> on {since}
                </span>
                <Button
                  variant="secondary"
                  onClick={() => onConfirm([{ path: c.path, value: c.value }])}
                  aria-label={`Unchanged: ${c.label}`}
                >
                  Unchanged
                </Button>
              </li>
            ))}
          </ul>
          <Button className="mt-2" onClick={() => onConfirm(carried.map((c) => ({ path: c.path, value: c.value })))}>
            All {carried.length} listed answers unchanged since {since}
          </Button>
        </>
      )}
    </section>
  );
}
