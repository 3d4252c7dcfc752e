"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { evaluate, RULES_VERSION, type ClinicSettings, type Evaluation } from "@/lib/clinical";
import { PLAN_ITEM_LABELS, PLAN_ITEMS } from "@/lib/domain";
import { buildEvaluationInput, type ClinicalAnswers, type RecordRun } from "@/lib/clinical/record-input";
import { discardDraftAction, saveDraftAction, signAssessmentAction } from "@/lib/actions/assessments";
import type { ActionState } from "@/lib/actions/state";
import { addDays, formatDate, formatDateTime } from "@/lib/format";
import { answersSchema, deriveAnswers, formAnswers, type Answers } from "@/lib/validation/assessment";
import { TreatmentFieldset } from "./treatment-fieldset";
import { toInputIssues } from "@/lib/validation/evaluate-input";
import { Alert } from "@/app/_components/ui/alert";
import { reviewDateIssues } from "@/lib/validation/review-date";
import { useLeaveGuard } from "@/app/_components/forms/use-leave-guard";
import { Button } from "@/app/_components/ui/button";
import { inputClass } from "@/app/_components/ui/field";
import { recentCadence, suggestTrainingAnswers } from "@/lib/clinical/training-detail";
import type { ShoeSummary } from "@/lib/data/shoes";
import { QuestionControl } from "./controls";
import { RunnerReported } from "./runner-reported";
import { HINT_PATHS, TrainingHint } from "./training-hints";
import { EvaluationPanel } from "./evaluation-panel";
import { MeasuresSection } from "./measures-section";
import { SignAssessmentDialog, type SignOutcome } from "./sign-dialog";
import { ScreenCarryForward } from "./screen-carry-forward";
import { changedPaths, getPath, setPath } from "./paths";
import {
  FOLLOW_UP_SECTIONS,
  INTAKE_SECTIONS,
  isAsked,
  KOOS_ITEMS,
  runWindowText,
  unansweredRedFlagQuestions,
  type Section,
} from "@/lib/questions";
import { RUN_WINDOW_DAYS } from "@/lib/domain/windows";

/**
 * The intake / follow-up form. Scores, red flags, risk factors and
 * considerations update as it is filled (the same evaluate() the server runs
 * when signing). Drafts are saved explicitly and every 20 seconds while
 * there are unsaved changes; a save that started from an older version is
 * refused by the server and shown as a conflict, and nothing typed is lost.
 */
export type AssessmentFormProps = {
  kind: "intake" | "follow_up";
  patientId: string;
  patient: { birthDate: string; sex: "female" | "male" | "other" | "unknown" };
  episode: { id: string; mechanism: "gradual" | "acute_trauma" | null; side: "left" | "right" | "both"; onsetDate: string | null };
  runs: (RecordRun & {
    durationSec?: number | null;
    elevationGainM?: number | null;
    elevationLossM?: number | null;
    avgCadenceSpm?: number | null;
  })[];
  /** The first day of `runs` (lib/data getFormContext). */
  runsFrom?: string;
  /** The day the runner's run log is complete from (training.loggedSince). */
  runsLoggedSince?: string | null;
  priors: { assessedOn: string; answers: ClinicalAnswers }[];
  /** The shoe log, shown next to the shoe questions. */
  shoes?: ShoeSummary;
  settings: ClinicSettings;
  reviewIntervalDays: number;
  today: string;
  canSign: boolean;
  /** A new form pre-filled from the runner's returned questionnaires names them: its first save takes them into the draft. */
  initial: { assessmentId?: string; version?: number; assessedOn: string; answers: Answers; runnerRequestIds?: string[] };
};

type Conflict = { version: number; status: string; answers: Answers; assessedOn: string; updatedBy: string | null; updatedAt: string };

const AUTOSAVE_MS = 20_000;

const LABELS: Record<string, string> = Object.fromEntries([
  ...[...INTAKE_SECTIONS, ...FOLLOW_UP_SECTIONS].flatMap((s) => s.questions.map((q) => [q.path, q.label])),
  ...KOOS_ITEMS.flatMap((g) => g.items.map(([id, label]) => [`measures.koos.${id}`, `KOOS ${id} ${label}`])),
  ["measures.lefs", "LEFS items"],
  ["measures.psfs", "PSFS activities"],
  ["measures.tegner", "Tegner level"],
  ["plan.items", "Plan checklist"],
  ["plan.notes", "Plan notes"],
  ["plan.nextReviewDate", "Next review date"],
  ["treatment.given", "Treatment given"],
]);

/** Times the user sees while typing (autosave, a conflicting save) are in their own zone, with the zone named. */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function lefsDraftOf(answers: Answers): (number | null)[] {
  const lefs = answers.measures?.lefs;
  return Array.from({ length: 20 }, (_, i) => lefs?.[i] ?? null);
}

export function AssessmentForm(props: AssessmentFormProps) {
  const router = useRouter();
  const { kind, episode } = props;
  // Shown as the form asks them: no engine input kept hidden behind a question it no longer has.
  const [answers, setAnswers] = useState<Answers>(() => formAnswers(props.initial.answers));
  const [lefsDraft, setLefsDraft] = useState<(number | null)[]>(() => lefsDraftOf(props.initial.answers));
  const [assessedOn, setAssessedOn] = useState(props.initial.assessedOn);
  const [assessmentId, setAssessmentId] = useState(props.initial.assessmentId);
  const [version, setVersion] = useState(props.initial.version);
  // Opening a form creates nothing: the draft is made by the first save after something is entered.
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<null | "saving" | "autosaving" | "signing" | "discarding">(null);
  const [message, setMessage] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const [confirming, setConfirming] = useState(false);
  const busyRef = useRef(false);

  const lefsAnswered = lefsDraft.filter((v) => v !== null).length;
  const effectiveAnswers = useMemo<Answers>(() => {
    const lefs = lefsAnswered === 20 ? (lefsDraft as number[]) : undefined;
    // The engine inputs decided by one question each (swelling timing, the Wells criteria), as the server derives them.
    return deriveAnswers(setPath(answers, "measures.lefs", lefs));
  }, [answers, lefsDraft, lefsAnswered]);

  // The same schema as the server: errors are shown next to their field.
  const clientErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    const parsed = answersSchema.safeParse(effectiveAnswers);
    if (!parsed.success) for (const i of toInputIssues(parsed.error.issues)) errors[i.path] ??= i.message;
    if (lefsAnswered > 0 && lefsAnswered < 20)
      errors["measures.lefs"] = `answer all 20 items or clear them (${lefsAnswered} of 20 answered)`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(assessedOn)) errors.assessedOn = "Enter the assessment date";
    else if (assessedOn > props.today) errors.assessedOn = "The assessment date cannot be in the future";
    for (const issue of reviewDateIssues("plan.nextReviewDate", "next review date", effectiveAnswers.plan?.nextReviewDate, {
      assessedOn,
      onsetDate: episode.onsetDate,
    }))
      errors[issue.path] ??= issue.message;
    return errors;
  }, [effectiveAnswers, lefsAnswered, assessedOn, props.today, episode.onsetDate]);
  const errors = { ...serverErrors, ...clientErrors };
  const valid = Object.keys(clientErrors).length === 0;

  // An assessment date moved before the runs the form holds: its training load is computed when the draft is saved.
  const runsLoaded = !props.runsFrom || addDays(assessedOn, -RUN_WINDOW_DAYS) >= props.runsFrom;
  const evaluation = useMemo<Evaluation | null>(() => {
    if (!valid) return null;
    try {
      return evaluate(
        buildEvaluationInput({
          assessedOn,
          patient: props.patient,
          episode,
          answers: effectiveAnswers,
          runs: runsLoaded ? props.runs : [],
          loggedSince: runsLoaded ? props.runsLoggedSince : null,
          priors: props.priors,
          settings: props.settings,
        }),
      );
    } catch {
      return null;
    }
  }, [
    valid,
    assessedOn,
    props.patient,
    episode,
    effectiveAnswers,
    runsLoaded,
    props.runs,
    props.runsLoggedSince,
    props.priors,
    props.settings,
  ]);

  // Suggested answers from the run log for the assessment day; the clinician confirms them.
  const suggestions = useMemo(
    () =>
      suggestTrainingAnswers(
        props.runs.map((r) => ({ ...r, treadmill: r.surface === "treadmill" })),
        /^\d{4}-\d{2}-\d{2}$/.test(assessedOn) ? assessedOn : props.today,
      ),
    [props.runs, assessedOn, props.today],
  );

  const cadence = useMemo(() => recentCadence(props.runs, props.today), [props.runs, props.today]);

  // The red-flag questions still to answer: "not yet screened: N questions" until none is left.
  const unanswered = unansweredRedFlagQuestions(evaluation?.redFlagsNotAssessed ?? [], effectiveAnswers, {
    birthDate: props.patient.birthDate,
    mechanism: episode.mechanism,
    onsetDate: episode.onsetDate,
  }).map((q) => q.label);

  const update = (path: string, value: unknown) => {
    setAnswers((a) => setPath(a, path, value));
    setServerErrors((e) => {
      if (!e[path]) return e;
      const { [path]: _removed, ...rest } = e;
      return rest;
    });
    setDirty(true);
  };

  const save = useCallback(
    async (mode: "saving" | "autosaving"): Promise<{ id: string; version: number } | null> => {
      if (busyRef.current) return null;
      if (!valid) {
        if (mode === "saving") setMessage({ tone: "error", text: "Not saved: correct the fields marked in red first." });
        return null;
      }
      busyRef.current = true;
      setBusy(mode);
      try {
        const result: ActionState<{ id: string; version: number }> = await saveDraftAction({
          ...(assessmentId ? { assessmentId, version } : { runnerRequestIds: props.initial.runnerRequestIds }),
          episodeId: episode.id,
          kind,
          assessedOn,
          answers: effectiveAnswers,
        });
        if (result.ok && result.data) {
          setAssessmentId(result.data.id);
          setVersion(result.data.version);
          setDirty(false);
          setServerErrors({});
          setLastSaved(new Date());
          if (mode === "saving") setMessage({ tone: "success", text: "Draft saved." });
          if (!assessmentId)
            window.history.replaceState(null, "", `/patients/${props.patientId}/episodes/${episode.id}/assessments/${result.data.id}`);
          return result.data;
        }
        if (result.conflict) setConflict(result.conflict as Conflict);
        setServerErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.message ?? "Not saved." });
        return null;
      } catch {
        setMessage({ tone: "error", text: "The server could not be reached. Your entries are still here; try saving again." });
        return null;
      } finally {
        busyRef.current = false;
        setBusy(null);
      }
    },
    [valid, assessmentId, version, episode.id, kind, assessedOn, effectiveAnswers, props.patientId, props.initial.runnerRequestIds],
  );

  // Autosave while there are unsaved, valid changes (not during a conflict).
  useEffect(() => {
    if (!dirty || !valid || conflict) return;
    const t = setTimeout(() => void save("autosaving"), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [dirty, valid, conflict, save]);

  // Leaving with unsaved changes (closing the tab, a link within the app) asks first.
  useLeaveGuard(dirty);

  /** Signs after the confirmation (SignAssessmentDialog); a refusal is shown there and in the form. */
  async function sign(screenAttestation: string | undefined): Promise<SignOutcome> {
    let current = assessmentId && version ? { id: assessmentId, version } : null;
    if (dirty || !current) current = await save("saving");
    if (!current) return { ok: false, message: "Not signed: the draft could not be saved (see the form)." };
    busyRef.current = true;
    setBusy("signing");
    try {
      const result = await signAssessmentAction({ assessmentId: current.id, version: current.version, screenAttestation });
      if (result.ok) {
        setDirty(false);
        setConfirming(false);
        router.push(`/patients/${props.patientId}/episodes/${episode.id}/assessments/${current.id}?signed=1`);
        router.refresh();
        return { ok: true };
      }
      if (result.conflict) {
        setConflict(result.conflict as Conflict);
        setConfirming(false);
      }
      setServerErrors(result.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.message ?? "Not signed." });
      return { ok: false, message: result.message ?? "Not signed.", fieldErrors: result.fieldErrors };
    } catch {
      const text = "The server could not be reached. Nothing was signed; try again.";
      setMessage({ tone: "error", text });
      return { ok: false, message: text };
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  }

  async function discard() {
    if (!assessmentId || !version) return router.push(`/patients/${props.patientId}`);
    if (!window.confirm("Discard this draft? It will be deleted; this is recorded in the audit log.")) return;
    setBusy("discarding");
    const result = await discardDraftAction({ assessmentId, version });
    setBusy(null);
    if (result.ok) {
      setDirty(false);
      router.push(`/patients/${props.patientId}`);
      router.refresh();
    } else {
      if (result.conflict) setConflict(result.conflict as Conflict);
      setMessage({ tone: "error", text: result.message ?? "Not discarded." });
    }
  }

  function resolveConflict(keep: "mine" | "theirs") {
    if (!conflict) return;
    if (conflict.status !== "draft") {
      router.push(`/patients/${props.patientId}/episodes/${episode.id}/assessments/${assessmentId}`);
      router.refresh();
      return;
    }
    setVersion(conflict.version);
    if (keep === "theirs") {
      setAnswers(conflict.answers);
      setLefsDraft(lefsDraftOf(conflict.answers));
      setAssessedOn(conflict.assessedOn);
      setDirty(false);
      setMessage({ tone: "info", text: "Loaded the version saved by the other user." });
    } else {
      setDirty(true);
      setMessage({ tone: "info", text: "Your version is kept. Save to replace the other user's changes." });
    }
    setConflict(null);
  }

  const sections: Section[] = kind === "intake" ? INTAKE_SECTIONS : FOLLOW_UP_SECTIONS;
  const conflictPaths = conflict ? changedPaths(conflict.answers, effectiveAnswers) : [];
  const planItems = new Set(answers.plan?.items ?? []);
  const title = kind === "intake" ? "Intake assessment" : "Follow-up assessment";

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        className="space-y-4"
        noValidate
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void save("saving");
        }}
      >
        <div
          data-sticky-toolbar
          className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center justify-between gap-2 rounded-md bg-white/95 px-3 py-2 shadow-sm ring-1 ring-slate-200 backdrop-blur"
        >
          <p className="text-xs text-slate-700" aria-live="polite" data-testid="save-status">
            {busy === "autosaving"
              ? "Autosaving…"
              : busy === "saving"
                ? "Saving…"
                : busy === "signing"
                  ? "Signing…"
                  : dirty
                    ? valid
                      ? "Unsaved changes (autosave in 20 s)"
                      : "Unsaved changes: correct the fields marked in red"
                    : lastSaved
                      ? `Draft saved at ${formatDateTime(lastSaved, browserTimeZone())}`
                      : assessmentId
                        ? `Draft, version ${version}`
                        : "New draft"}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="secondary" disabled={!!busy}>
              Save draft
            </Button>
            {props.canSign ? (
              <Button onClick={() => setConfirming(true)} disabled={!!busy || !valid}>
                Sign assessment
              </Button>
            ) : null}
            <Button variant="ghost" onClick={() => void discard()} disabled={!!busy}>
              {assessmentId ? "Discard draft" : "Cancel"}
            </Button>
          </div>
        </div>

        {message ? (
          <Alert tone={message.tone} title={message.tone === "success" ? "Saved" : message.tone === "error" ? "Not saved" : "Note"}>
            {message.text}
          </Alert>
        ) : null}

        {conflict ? (
          <div role="alertdialog" aria-labelledby="conflict-title" className="rounded-md border border-amber-400 bg-amber-50 p-3">
            <h2 id="conflict-title" className="font-semibold text-amber-950">
              {conflict.status === "draft" ? "Someone else saved this draft" : "This assessment has been signed"}
            </h2>
            <p className="mt-1 text-sm text-amber-950">
              {conflict.updatedBy ?? "Another user"} saved version {conflict.version} at{" "}
              {formatDateTime(conflict.updatedAt, browserTimeZone())}. Your entries are still in the form.
              {conflictPaths.length ? " These answers differ between their version and yours:" : " Their answers are the same as yours."}
            </p>
            {conflictPaths.length ? (
              <ul className="ml-5 mt-1 list-disc text-sm" data-testid="conflict-fields">
                {conflictPaths.slice(0, 30).map((p) => (
                  <li key={p}>
                    {LABELS[p] ?? LABELS[p.replace(/\.\d+(\..*)?$/, "")] ?? p}: theirs{" "}
                    <strong>{JSON.stringify(getPath(conflict.answers, p)) ?? "not asked"}</strong>, yours{" "}
                    <strong>{JSON.stringify(getPath(effectiveAnswers, p)) ?? "not asked"}</strong>
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="mt-2 flex gap-2">
              {conflict.status === "draft" ? (
                <>
                  <Button onClick={() => resolveConflict("mine")}>Keep my version</Button>
                  <Button variant="secondary" onClick={() => resolveConflict("theirs")}>
                    Use their version
                  </Button>
                </>
              ) : (
                <Button onClick={() => resolveConflict("theirs")}>Open the signed assessment</Button>
              )}
            </div>
          </div>
        ) : null}

        <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-end gap-4">
            <div>
              <label htmlFor="assessedOn" className="block text-sm font-medium">
                Assessment date
              </label>
              <input
                id="assessedOn"
                type="date"
                max={props.today}
                className={`${inputClass} mt-1`}
                value={assessedOn}
                aria-invalid={errors.assessedOn ? true : undefined}
                aria-describedby={errors.assessedOn ? "assessedOn-error" : undefined}
                onChange={(e) => {
                  setAssessedOn(e.target.value);
                  setDirty(true);
                }}
              />
              <p className="mt-1 text-xs text-slate-600">{/^\d{4}-\d{2}-\d{2}$/.test(assessedOn) ? formatDate(assessedOn) : ""}</p>
              {errors.assessedOn ? (
                <p id="assessedOn-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
                  {errors.assessedOn}
                </p>
              ) : null}
            </div>
            <p className="text-xs text-slate-600">
              Episode: {episode.side} knee ·{" "}
              {episode.mechanism === "acute_trauma"
                ? "acute trauma"
                : episode.mechanism === "gradual"
                  ? "gradual onset"
                  : "mechanism not recorded"}
              {episode.onsetDate ? ` · onset ${formatDate(episode.onsetDate)}` : ""} ·{" "}
              {runWindowText(props.runs, assessedOn, props.runsFrom)}
            </p>
          </div>
        </section>

        {sections.map((section) => (
          <section
            key={section.id}
            aria-labelledby={`sec-${section.id}`}
            className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
          >
            <h2 id={`sec-${section.id}`} className="text-base font-semibold">
              {section.title}
            </h2>
            {section.intro ? <p className="mt-0.5 text-xs text-slate-600">{section.intro}</p> : null}
            {section.id === "screen" ? (
              <p
                className={`mt-1 text-xs font-medium ${unanswered.length ? "text-amber-900" : "text-emerald-900"}`}
                data-testid="screen-status"
              >
                {!evaluation
                  ? "Correct the marked fields to see what the screen still needs."
                  : unanswered.length
                    ? `Not yet screened: ${unanswered.length} question${unanswered.length === 1 ? "" : "s"} still to answer (listed in the live evaluation).`
                    : "Screen complete: every red flag is assessed."}
              </p>
            ) : null}
            {section.id === "screen" && kind === "follow_up" ? (
              <ScreenCarryForward
                previous={props.priors[props.priors.length - 1]}
                questions={section.questions}
                answers={answers}
                onConfirm={(confirmed) => confirmed.forEach((c) => update(c.path, c.value))}
              />
            ) : null}
            <div className="mt-2 divide-y divide-slate-100">
              {section.questions
                .filter((q) => isAsked(q, answers))
                .map((q) => (
                  <div key={q.path}>
                    <QuestionControl q={q} value={getPath(answers, q.path)} error={errors[q.path]} onChange={(v) => update(q.path, v)} />
                    <RunnerReported path={q.path} value={getPath(answers, q.path)} />
                    {HINT_PATHS.includes(q.path) ? (
                      <TrainingHint
                        path={q.path}
                        suggestions={suggestions}
                        shoes={props.shoes}
                        cadence={cadence}
                        value={getPath(answers, q.path)}
                        onChange={(v) => update(q.path, v)}
                      />
                    ) : null}
                  </div>
                ))}
            </div>
          </section>
        ))}

        <section aria-labelledby="sec-measures" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="sec-measures" className="text-base font-semibold">
            {kind === "intake" ? "5. Outcome measures" : "6. Outcome measures"}
          </h2>
          <MeasuresSection
            measures={answers.measures ?? {}}
            lefsDraft={lefsDraft}
            errors={errors}
            onChange={update}
            onLefsChange={(d) => {
              setLefsDraft(d);
              setDirty(true);
            }}
          />
        </section>

        <section aria-labelledby="sec-plan" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="sec-plan" className="text-base font-semibold">
            {kind === "intake" ? "6. Plan" : "7. Plan"}
          </h2>
          <fieldset className="mt-2">
            <legend className="text-sm">Management and return-to-run guidance given</legend>
            <div className="mt-1 grid gap-1">
              {PLAN_ITEMS.map((item) => (
                <label key={item} className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-0.5 h-4 w-4"
                    checked={planItems.has(item)}
                    onChange={(e) => {
                      const next = new Set(planItems);
                      if (e.target.checked) next.add(item);
                      else next.delete(item);
                      update("plan.items", next.size ? PLAN_ITEMS.filter((i) => next.has(i)) : undefined);
                    }}
                  />
                  {PLAN_ITEM_LABELS[item]}
                </label>
              ))}
            </div>
          </fieldset>
          <TreatmentFieldset
            given={answers.treatment?.given ?? []}
            errors={errors}
            onChange={(given) => update("treatment", given.length ? { given } : undefined)}
          />
          <div className="mt-2 grid gap-3 sm:grid-cols-[1fr_12rem]">
            <div>
              <label htmlFor="plan-notes" className="block text-sm">
                Plan notes
              </label>
              <textarea
                id="plan-notes"
                rows={3}
                className={`${inputClass} mt-1`}
                value={answers.plan?.notes ?? ""}
                onChange={(e) => update("plan.notes", e.target.value || undefined)}
              />
            </div>
            <div>
              <label htmlFor="plan-next" className="block text-sm">
                Next review date
              </label>
              <input
                id="plan-next"
                type="date"
                className={`${inputClass} mt-1`}
                value={answers.plan?.nextReviewDate ?? ""}
                aria-invalid={errors["plan.nextReviewDate"] ? true : undefined}
                aria-describedby={errors["plan.nextReviewDate"] ? "plan-next-error" : undefined}
                onChange={(e) => update("plan.nextReviewDate", e.target.value || undefined)}
              />
              <button
                type="button"
                className="mt-1 text-xs text-sky-800 underline"
                onClick={() => update("plan.nextReviewDate", addDays(assessedOn, props.reviewIntervalDays))}
              >
                In {props.reviewIntervalDays} days ({formatDate(addDays(assessedOn, props.reviewIntervalDays))})
              </button>
              {errors["plan.nextReviewDate"] ? (
                <p id="plan-next-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
                  {errors["plan.nextReviewDate"]}
                </p>
              ) : null}
            </div>
          </div>
        </section>
      </form>

      <SignAssessmentDialog
        open={confirming}
        kind={kind}
        assessedOn={assessedOn}
        nextReviewDate={answers.plan?.nextReviewDate}
        evaluation={evaluation}
        unanswered={unanswered}
        onSign={sign}
        onCancel={() => setConfirming(false)}
      />

      <aside aria-label="Live evaluation" className="lg:sticky lg:top-2 lg:max-h-[calc(100vh-1rem)] lg:self-start lg:overflow-y-auto">
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 className="mb-2 text-base font-semibold">Live evaluation</h2>
          {evaluation ? (
            <EvaluationPanel evaluation={evaluation} unanswered={unanswered} compact />
          ) : (
            <p className="text-sm text-slate-600">Correct the marked fields to see the evaluation.</p>
          )}
          <p className="mt-3 text-xs text-slate-500">
            Decision support for qualified clinicians; rules version {evaluation?.rulesVersion ?? RULES_VERSION}. Signing re-evaluates on
            the server.
          </p>
        </div>
      </aside>
    </div>
  );
}
