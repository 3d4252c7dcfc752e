import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { getFormContext } from "@/lib/data/assessments";
import { recentCadence } from "@/lib/clinical/training-detail";
import { shoeAnswers } from "@/lib/data/shoes";
import { NotFoundError } from "@/lib/errors";
import { AssessmentForm } from "@/app/_components/assessment/assessment-form";
import { OpenFlagsNotice } from "@/app/_components/patient/open-flags-notice";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink } from "@/app/_components/ui/button";
import { RunnerPrefillNote, RunnerSourcesProvider } from "@/app/_components/assessment/runner-reported";
import { MeasuresProvider } from "@/app/_components/assessment/instruments-context";
import { measuresContext } from "@/lib/instruments/load";
import { runnerReportsForForm } from "@/lib/data/runner-reports";
import { runnerPrefill } from "@/lib/runner-prefill";
import type { Answers } from "@/lib/validation/assessment";

export const metadata: Metadata = { title: "New assessment" };

export default async function NewAssessmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string; episodeId: string }>;
  searchParams: Promise<{ kind?: string }>;
}) {
  const actor = await requirePermission("assessment.write");
  const { patientId, episodeId } = await params;
  const kind = (await searchParams).kind === "follow_up" ? "follow_up" : "intake";
  const ctx = await getFormContext(actor, patientId, episodeId, "assessment.open_new").catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  if (kind === "intake" && ctx.hasIntake) {
    return (
      <Alert tone="warning" title="This episode already has an intake">
        Record a follow-up instead.{" "}
        <ButtonLink href={`/patients/${patientId}/episodes/${episodeId}/assessments/new?kind=follow_up`}>Record a follow-up</ButtonLink>
      </Alert>
    );
  }
  if (kind === "follow_up" && !ctx.priors.length) {
    return (
      <Alert tone="warning" title="No signed intake yet">
        Sign the intake of this episode before recording a follow-up.{" "}
        <ButtonLink href={`/patients/${patientId}`}>Back to the patient</ButtonLink>
      </Alert>
    );
  }
  if (ctx.episode.status === "discharged") {
    return (
      <Alert tone="warning" title="Episode discharged">
        Reopen the episode before recording an assessment. <ButtonLink href={`/patients/${patientId}`}>Back to the patient</ButtonLink>
      </Alert>
    );
  }
  const cadence = recentCadence(ctx.runs, ctx.today);
  const base: Answers = {
    // A follow-up starts from the last training habits; shoe figures come from the shoe log, when it has any.
    training: { ...(kind === "follow_up" ? (ctx.lastTraining ?? {}) : {}), ...shoeAnswers(ctx.shoes) },
    context: {
      ...(ctx.shoes.current ? { shoeModel: ctx.shoes.current.name } : {}),
      ...(cadence ? { cadenceSpm: cadence.spm } : {}),
    },
  };
  // What the runner returned by link since the last signed assessment pre-fills this one, each item marked.
  const reports = await runnerReportsForForm(actor, episodeId);
  const prefill = reports.length ? runnerPrefill(reports, base) : null;
  return (
    <div>
      <h2 className="mb-3 text-lg font-semibold">{kind === "intake" ? "Intake assessment" : "Follow-up assessment"}</h2>
      <OpenFlagsNotice patientId={patientId} episodeId={episodeId} flags={ctx.openRedFlags} />
      {prefill ? <RunnerPrefillNote answers={Object.keys(prefill.sources).length} days={prefill.days} /> : null}
      <RunnerSourcesProvider sources={prefill?.sources ?? {}}>
        <MeasuresProvider value={measuresContext(kind, ctx.priors)}>
          <AssessmentForm
            kind={kind}
            patientId={patientId}
            patient={ctx.patient}
            episode={ctx.episode}
            runs={ctx.runs}
            runsFrom={ctx.runsFrom}
            runsLoggedSince={ctx.runsLoggedSince}
            priors={ctx.priors}
            settings={ctx.settings}
            reviewIntervalDays={ctx.reviewIntervalDays}
            today={ctx.today}
            canSign={can(actor, "assessment.sign")}
            shoes={ctx.shoes}
            initial={{ assessedOn: ctx.today, answers: prefill?.answers ?? base, runnerRequestIds: prefill?.reportIds }}
          />
        </MeasuresProvider>
      </RunnerSourcesProvider>
    </div>
  );
}
