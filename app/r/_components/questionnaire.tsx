"use client";

import { useEffect, useRef, useState } from "react";
import { flattenAnswers, issuesByPath, nestAnswers, stepIssues, type FlatAnswers, type PsfsRow } from "@/lib/runner-answers";
import { stepOfPath, type RunnerQuestion, type RunnerStep } from "@/lib/runner-steps";
import { ChoiceList, DaysInput, idOf, Question, Scale, YesNo } from "./controls";
import { PsfsQuestion } from "./psfs";
import { answerText } from "./summary";
import { Notice, RunnerButton } from "./shell";
import { callLink, refusalMessage } from "./call";

/**
 * The runner's questionnaire: one instrument per step with progress, the
 * answers saved on the server at every step (PUT /api/r/{token}: come back
 * later on the same link), a last step that shows every answer before they
 * are sent (POST, final). Each step is checked with the server's own schema
 * before moving on; a problem is written beside its question. A refusal
 * (already sent, expired, withdrawn) keeps the answers on screen with the
 * reason.
 */
type Props = {
  token: string;
  clinicName: string;
  firstName: string;
  steps: RunnerStep[];
  psfsActivities: string[];
  draft: Record<string, unknown> | null;
  expiresOn: string;
};

type Stage = "answering" | "sent";
type Refusal = { status: number; message: string } | null;

// eslint-disable-next-line max-lines-per-function -- the runner's questionnaire steps as the runner sees them, one flow
export function RunnerQuestionnaire({ token, clinicName, firstName, steps, psfsActivities, draft, expiresOn }: Props) {
  const [answers, setAnswers] = useState<FlatAnswers>(() => flattenAnswers(draft));
  const [index, setIndex] = useState(() => {
    if (!draft) return 0;
    const open = steps.findIndex((s) => Object.keys(stepIssues(flattenAnswers(draft), s, psfsActivities)).length > 0);
    return open === -1 ? steps.length : open;
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string>("");
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const [stage, setStage] = useState<Stage>("answering");
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const review = index === steps.length;
  const step = steps[index];

  useEffect(() => {
    // Keyboard and screen-reader users land on the new step's title (not on first render).
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [index, stage]);

  const set = (path: string, value: FlatAnswers[string]) => {
    setAnswers((a) => ({ ...a, [path]: value }));
    setErrors((e) => {
      if (!e[path] && !Object.keys(e).some((k) => k.startsWith(`${path}.`))) return e;
      return Object.fromEntries(Object.entries(e).filter(([k]) => k !== path && !k.startsWith(`${path}.`)));
    });
  };

  /** Saves the answers so far; false (with the reason shown) when the link no longer takes answers. */
  async function save(): Promise<boolean> {
    const r = await callLink(token, "PUT", { answers: nestAnswers(answers, "draft") });
    if (r.ok) {
      const at = (r.json as { savedAt?: string } | null)?.savedAt;
      setSaved(at ? `Saved at ${new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}` : "Saved");
      return true;
    }
    if (r.status === 409 || r.status === 410 || r.status === 404) {
      setRefusal({ status: r.status, message: refusalMessage(r, "your answers are") });
      setIndex(steps.length);
      return false;
    }
    // A draft that could not be saved (network) does not stop the runner: the last step sends everything.
    setSaved("Not saved yet: we will try again at the next step.");
    return true;
  }

  function focusFirstError(found: Record<string, string>) {
    const first = Object.keys(found)[0];
    if (!first) return;
    requestAnimationFrame(() => {
      const target = document.getElementById(idOf(first)) ?? document.getElementById(idOf(first.split(".").slice(0, 2).join(".")));
      target?.focus();
      target?.scrollIntoView({ block: "center" });
    });
  }

  async function next() {
    if (!step) return;
    const found = stepIssues(answers, step, psfsActivities);
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(found);
    setBusy(true);
    const ok = await save();
    setBusy(false);
    if (ok) setIndex(index + 1);
  }

  async function back() {
    setErrors({});
    setBusy(true);
    await save();
    setBusy(false);
    setIndex(Math.max(0, index - 1));
  }

  async function send() {
    // Every step once more (answers kept from an earlier visit included).
    for (let i = 0; i < steps.length; i++) {
      const found = stepIssues(answers, steps[i]!, psfsActivities);
      if (Object.keys(found).length) {
        setIndex(i);
        setErrors(found);
        return focusFirstError(found);
      }
    }
    setBusy(true);
    const r = await callLink(token, "POST", { answers: nestAnswers(answers) });
    setBusy(false);
    if (r.ok) return setStage("sent");
    if (r.status === 400) {
      const issues = (r.json as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
      const found = issuesByPath(issues, answers);
      const at = issues.map((i) => stepOfPath(i.path, steps)).find((i) => i >= 0);
      if (at !== undefined) {
        setIndex(at);
        setErrors(found);
        return focusFirstError(found);
      }
    }
    setRefusal({ status: r.status, message: refusalMessage(r, "your answers are") });
  }

  if (stage === "sent")
    return (
      <section aria-labelledby="done" className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 id="done" ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
          Thank you, {firstName}
        </h2>
        <p className="mt-2 text-base text-slate-800">
          Your answers have been sent to {clinicName}. Nothing more is needed: you can close this page.
        </p>
      </section>
    );

  const errorCount = Object.keys(errors).length;
  return (
    <div>
      <nav aria-label="Progress" className="mb-4">
        <p className="text-sm font-medium text-slate-800">
          {review ? `Check and send (step ${steps.length + 1} of ${steps.length + 1})` : `Step ${index + 1} of ${steps.length + 1}`}
        </p>
        <progress className="mt-1 h-2 w-full accent-sky-800" max={steps.length + 1} value={index + 1} aria-hidden="true" />
        <ol className="sr-only">
          {steps.map((s, i) => (
            <li key={s.instrument} aria-current={i === index ? "step" : undefined}>
              {s.title}
              {i < index ? " (done)" : ""}
            </li>
          ))}
          <li aria-current={review ? "step" : undefined}>Check and send</li>
        </ol>
      </nav>

      {review ? (
        <section aria-labelledby="step-title">
          <h2 id="step-title" ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
            Check and send
          </h2>
          {refusal ? (
            <Notice tone="error" title={refusal.status === 409 ? "Already sent" : "Your answers could not be sent"}>
              {refusal.message} Your answers are shown below.
            </Notice>
          ) : (
            <p className="mt-2 text-base text-slate-800">
              Please check your answers. Once you send them you cannot change them; your clinic will go through them with you.
            </p>
          )}
          <dl className="mt-4 grid gap-4">
            {steps.map((s, i) => (
              <div key={s.instrument} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
                <dt className="flex items-baseline justify-between gap-2">
                  <span className="text-base font-semibold">{s.title}</span>
                  {refusal ? null : (
                    <button type="button" className="text-base text-sky-800 underline" onClick={() => setIndex(i)}>
                      Change<span className="sr-only"> {s.title.toLowerCase()}</span>
                    </button>
                  )}
                </dt>
                <dd className="mt-2">
                  <ul className="grid gap-1 text-sm text-slate-800">
                    {s.groups
                      .flatMap((g) => g.questions)
                      .flatMap((q) => answerLines(q, answers))
                      .map((line, k) => (
                        <li key={k}>
                          <span className="text-slate-600">{line.question}: </span>
                          <span className="font-medium">{line.answer}</span>
                        </li>
                      ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-6 flex flex-wrap gap-3">
            {refusal ? null : (
              <>
                <RunnerButton variant="secondary" onClick={() => setIndex(steps.length - 1)} disabled={busy}>
                  Back
                </RunnerButton>
                <RunnerButton onClick={send} disabled={busy} aria-describedby="send-note">
                  {busy ? "Sending…" : "Send my answers"}
                </RunnerButton>
              </>
            )}
          </div>
          {refusal ? null : (
            <p id="send-note" className="mt-2 text-sm text-slate-700">
              Sending is final.
            </p>
          )}
        </section>
      ) : step ? (
        <section aria-labelledby="step-title">
          <h2 id="step-title" ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-none">
            {step.title}
          </h2>
          {step.intro ? <p className="mt-2 text-base text-slate-800">{step.intro}</p> : null}
          {errorCount ? (
            <Notice tone="error" title="Some answers are missing or need a change">
              {errorCount === 1 ? "One question is marked below." : `${errorCount} questions are marked below.`}
            </Notice>
          ) : null}
          {step.groups.map((g, gi) => (
            <div key={gi} className="mt-5">
              {g.heading ? <h3 className="text-lg font-semibold">{g.heading}</h3> : null}
              {g.intro ? <p className="mt-1 text-base text-slate-800">{g.intro}</p> : null}
              <div className="mt-3 grid gap-3">
                {g.questions.map((q) => (
                  <QuestionInput key={q.path} q={q} answers={answers} errors={errors} set={set} />
                ))}
              </div>
            </div>
          ))}
          <div className="mt-6 flex flex-wrap gap-3">
            {index > 0 ? (
              <RunnerButton variant="secondary" onClick={back} disabled={busy}>
                Back
              </RunnerButton>
            ) : null}
            <RunnerButton onClick={next} disabled={busy}>
              {busy ? "Saving…" : "Save and continue"}
            </RunnerButton>
          </div>
        </section>
      ) : null}

      <p className="mt-4 text-sm text-slate-700" aria-live="polite">
        {saved}
      </p>
      <p className="mt-2 text-sm text-slate-700">
        Your answers are saved at every step: you can close this page and come back to it with the same link until {expiresOn}.
      </p>
    </div>
  );
}

function QuestionInput({
  q,
  answers,
  errors,
  set,
}: {
  q: RunnerQuestion;
  answers: FlatAnswers;
  errors: Record<string, string>;
  set: (path: string, value: FlatAnswers[string]) => void;
}) {
  const value = answers[q.path];
  const name = idOf(q.path);
  if (q.kind === "psfs") {
    const own = Object.fromEntries(Object.entries(errors).filter(([k]) => k === q.path || k.startsWith(`${q.path}.`)));
    return (
      <PsfsQuestion
        q={q}
        rows={Array.isArray(value) ? value : q.activities.map((activity) => ({ activity }))}
        errors={own}
        onChange={(rows: PsfsRow[]) => set(q.path, rows)}
      />
    );
  }
  return (
    <Question path={q.path} text={q.text} hint={q.hint} error={errors[q.path]}>
      {q.kind === "choice" ? (
        <ChoiceList
          name={name}
          options={q.options}
          value={typeof value === "number" ? value : undefined}
          onChange={(v) => set(q.path, v)}
        />
      ) : q.kind === "nrs" ? (
        <Scale
          name={name}
          options={q.options}
          value={typeof value === "number" ? value : value === null ? null : undefined}
          onChange={(v) => set(q.path, v)}
          optional={q.optional}
        />
      ) : q.kind === "yesno" ? (
        <YesNo name={name} value={typeof value === "boolean" ? value : undefined} onChange={(v) => set(q.path, v)} />
      ) : (
        <DaysInput id={name} value={typeof value === "number" ? value : undefined} onChange={(v) => set(q.path, v)} />
      )}
    </Question>
  );
}

function answerLines(q: RunnerQuestion, answers: FlatAnswers): { question: string; answer: string }[] {
  const value = answers[q.path];
  if (q.kind === "psfs") {
    const rows = Array.isArray(value) ? value : [];
    if (!rows.length) return [{ question: q.text, answer: "not answered" }];
    return rows.map((r) => ({ question: r.activity || "Activity", answer: r.score === undefined ? "not answered" : `${r.score} of 10` }));
  }
  return [{ question: q.text, answer: answerText(q, value) }];
}
