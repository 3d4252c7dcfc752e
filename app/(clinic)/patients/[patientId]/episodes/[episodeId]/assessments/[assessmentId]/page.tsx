import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { attestedScreenText } from "@/lib/domain/urgency";
import { getAssessmentDetail, getFormContext } from "@/lib/data/assessments";
import { OpenFlagsNotice } from "@/app/_components/patient/open-flags-notice";
import { NotFoundError } from "@/lib/errors";
import { formatDate, formatDateTime, lateEntryDay } from "@/lib/format";
import { AnswersView } from "@/app/_components/assessment/answers-view";
import { AssessmentForm } from "@/app/_components/assessment/assessment-form";
import { MeasuresProvider } from "@/app/_components/assessment/instruments-context";
import { loadInstruments, measuresContext } from "@/lib/instruments/load";
import { EvaluationPanel } from "@/app/_components/assessment/evaluation-panel";
import { AddendumForm, EnteredInErrorForm } from "@/app/_components/assessment/record-actions";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { runnerReportsUsedBy, untakenRunnerReportDays } from "@/lib/data/runner-reports";
import { runnerDifferences, runnerPrefill, runnerValueText } from "@/lib/runner-prefill";
import { RunnerLaterNote, RunnerPrefillNote, RunnerSourcesProvider } from "@/app/_components/assessment/runner-reported";
import { findingLabel } from "@/lib/domain";

export const metadata: Metadata = { title: "Assessment" };

type Params = { patientId: string; episodeId: string; assessmentId: string };

// eslint-disable-next-line max-lines-per-function -- a signed assessment's page: its sections in the order of the record
export default async function AssessmentPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<{ signed?: string }>;
}) {
  const actor = await requirePermission("assessment.read");
  const { patientId, episodeId, assessmentId } = await params;
  const justSigned = (await searchParams).signed === "1";
  const detail = await getAssessmentDetail(actor, assessmentId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const a = detail.assessment;
  if (detail.patientId !== patientId || a.episodeId !== episodeId) notFound();
  const kindLabel = a.kind === "intake" ? "Intake assessment" : "Follow-up assessment";

  if (a.status === "draft" && can(actor, "assessment.write")) {
    const ctx = await getFormContext(actor, patientId, episodeId, "assessment.continue_draft", a.assessedOn);
    const priors = ctx.priors.filter((p) => p.id !== a.id);
    // The runner's answers this draft was pre-filled from keep their marks; those returned since are named, not hidden.
    const taken = runnerPrefill(await runnerReportsUsedBy(actor, patientId, a.id), {});
    const later = await untakenRunnerReportDays(actor, episodeId);
    return (
      <div>
        <h2 className="mb-3 text-lg font-semibold">{kindLabel} (draft)</h2>
        <OpenFlagsNotice patientId={patientId} episodeId={episodeId} flags={ctx.openRedFlags} />
        {taken.reportIds.length ? <RunnerPrefillNote answers={Object.keys(taken.sources).length} days={taken.days} /> : null}
        <RunnerLaterNote days={later} />
        <RunnerSourcesProvider sources={taken.sources}>
          <MeasuresProvider value={measuresContext(a.kind, priors)}>
            <AssessmentForm
              kind={a.kind}
              patientId={patientId}
              patient={ctx.patient}
              episode={ctx.episode}
              runs={ctx.runs}
              shoes={ctx.shoes}
              runsFrom={ctx.runsFrom}
              runsLoggedSince={ctx.runsLoggedSince}
              priors={priors}
              settings={ctx.settings}
              reviewIntervalDays={ctx.reviewIntervalDays}
              today={ctx.today}
              canSign={can(actor, "assessment.sign")}
              initial={{ assessmentId: a.id, version: a.version, assessedOn: a.assessedOn, answers: a.answers }}
            />
          </MeasuresProvider>
        </RunnerSourcesProvider>
      </div>
    );
  }

  const person = (id: string | null) => (id ? (detail.people[id]?.name ?? "Unknown user") : "—");
  const eie = a.status === "entered_in_error";
  const enteredLate = lateEntryDay(a.assessedOn, a.createdAt, actor.timezone);
  // What the runner answered by link where the signer recorded something else (issue 13).
  const runnerReports = await runnerReportsUsedBy(actor, patientId, a.id);
  const changedFromRunner = runnerDifferences(runnerReports, a.answers);
  return (
    <div className="space-y-4">
      {justSigned ? (
        <Alert tone="success" title="Signed">
          The assessment is signed and read-only. Corrections are added as addenda.
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className={`text-lg font-semibold ${eie ? "line-through" : ""}`}>
          {kindLabel}, {formatDate(a.assessedOn)}
        </h2>
        <ButtonLink href={`/patients/${patientId}`}>Back to the patient</ButtonLink>
      </div>
      <p className="text-sm text-slate-700" data-testid="assessment-status">
        {a.status === "draft"
          ? "Draft, not signed."
          : `Signed by ${a.signedByName ?? "—"}${a.signedByTitle ? `, ${a.signedByTitle}` : ""} on ${formatDateTime(a.signedAt, actor.timezone)} · rules version ${a.rulesVersion ?? "—"}.`}{" "}
        {a.status !== "draft" ? "Signed assessments are read-only: corrections are addenda." : ""}
      </p>
      {enteredLate ? (
        <p className="text-sm" data-testid="late-entry">
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300">Late entry</span>{" "}
          Assessed on {formatDate(a.assessedOn)}, entered on {formatDate(enteredLate)}.
        </p>
      ) : null}
      {a.screenAttestation ? (
        <Alert tone="warning" title="Red-flag screen incomplete">
          <span data-testid="record-screen-attestation">{attestedScreenText(a.screenAttestation)}</span> (attested by{" "}
          {a.signedByName ?? "the signer"} when signing).
        </Alert>
      ) : null}
      {eie ? (
        <Alert tone="warning" title="Entered in error">
          Marked by {person(a.enteredInErrorById)} on {formatDateTime(a.enteredInErrorAt, actor.timezone)}. Reason: {a.enteredInErrorReason}
          . It is kept for the record and left out of charts and trends.
        </Alert>
      ) : null}
      {runnerReports.length ? (
        <Card title="Pre-filled from the runner's questionnaire">
          <p className="text-sm text-slate-700" data-testid="runner-differences">
            Returned on {[...new Set(runnerReports.map((r) => formatDate(r.on)))].join(", ")}.{" "}
            {changedFromRunner.length
              ? `Recorded differently from the runner's answer (${changedFromRunner.length}):`
              : "Every pre-filled answer was kept as the runner gave it."}
          </p>
          {changedFromRunner.length ? (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {changedFromRunner.map((d) => (
                <li key={d.path}>
                  {findingLabel(d.path)}: the runner answered {runnerValueText(d.runner)}, recorded {runnerValueText(d.recorded)}
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card title="Answers" className={eie ? "opacity-70 [&_dd]:line-through" : ""}>
          <AnswersView kind={a.kind} answers={a.answers} instruments={loadInstruments()} />
        </Card>
        <Card title={a.status === "draft" ? "Evaluation (draft)" : "Evaluation at signing"}>
          {a.evaluation ? (
            <EvaluationPanel evaluation={a.evaluation} screenAttestation={a.screenAttestation} baseline={detail.baselineScores} />
          ) : (
            <p className="text-slate-600">Not evaluated.</p>
          )}
        </Card>
      </div>
      {a.status !== "draft" ? (
        <Card title={`Addenda (${detail.addenda.length})`}>
          {detail.addenda.length === 0 ? <p className="text-slate-600">No addenda.</p> : null}
          <ol className="space-y-2" data-testid="addenda">
            {detail.addenda.map((ad) => (
              <li key={ad.id} className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
                <p className="whitespace-pre-wrap text-sm">{ad.text}</p>
                <p className="mt-1 text-xs text-slate-600">
                  {ad.authorName}, {formatDateTime(ad.createdAt, actor.timezone)}
                </p>
              </li>
            ))}
          </ol>
          {can(actor, "assessment.write") ? (
            <div className="mt-3 border-t border-slate-200 pt-3">
              <AddendumForm assessmentId={a.id} />
            </div>
          ) : null}
          {a.status === "signed" && can(actor, "assessment.sign") ? (
            <div className="mt-3 border-t border-slate-200 pt-3">
              <EnteredInErrorForm assessmentId={a.id} />
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
