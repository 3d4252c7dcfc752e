import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { listQuestionnaireRequests } from "@/lib/data/questionnaires";
import { mailConfigured } from "@/lib/mail";
import { runnerReportedLabel } from "@/lib/questions";
import { Questionnaires } from "@/app/_components/patient/runner-links";
import { dischargePreview } from "@/lib/data/discharges";
import { SIDE_LABELS } from "@/lib/domain";
import { NotFoundError } from "@/lib/errors";
import { DischargeForm } from "@/app/_components/patient/discharge-form";
import { DischargeOutcomeTable } from "@/app/_components/patient/discharge-outcome";
import { DischargeSummary } from "@/app/_components/patient/discharge-summary";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Discharge" };

/** Discharging an episode: the outcome it would have against the baseline, then the reason and the return to running. */
export default async function DischargePage({ params }: { params: Promise<{ patientId: string; episodeId: string }> }) {
  const actor = await requirePermission("patient.write");
  const { patientId, episodeId } = await params;
  const preview = await dischargePreview(actor, episodeId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  if (preview.patient.id !== patientId) notFound();
  const { episode, outcome, blockedBy, today, discharge, patient, drafts } = preview;
  const requests = episode.status === "open" ? await listQuestionnaireRequests(actor, episodeId) : [];
  const back = `/patients/${patientId}#episode-${episodeId}`;
  return (
    <div className="space-y-4">
      <h2 className="text-lg font-semibold">
        Discharge: {SIDE_LABELS[episode.side]}: {episode.complaint}
      </h2>
      {episode.status === "discharged" ? (
        <>
          <Alert tone="success" title="Episode discharged">
            The discharge is part of the record. Reopen the episode from the patient page to continue care.{" "}
            <ButtonLink href={back}>Back to the patient</ButtonLink>
          </Alert>
          {discharge ? <DischargeSummary discharge={discharge} /> : null}
        </>
      ) : (
        <>
          <Card title="Outcome against the baseline">
            <DischargeOutcomeTable outcome={outcome} caption="Outcome of each measure against the baseline" />
            <p className="mt-2 text-xs text-slate-600">
              Compared with the clinic&apos;s important change for each measure (Settings). Record a follow-up first if the final measures
              are not up to date, or send the runner a questionnaire: the answers they return are the final measures.
            </p>
          </Card>
          <Card title="Final measures by questionnaire link">
            <Questionnaires
              patientId={patientId}
              episodeId={episodeId}
              firstName={patient.givenName}
              open
              canManage={can(actor, "portal.manage")}
              emailTo={mailConfigured() && patient.email ? patient.email : null}
              requests={requests}
              reportedLabels={Object.fromEntries(requests.map((r) => [r.id, r.reportedRedFlags.map(runnerReportedLabel)]))}
            />
          </Card>
          {blockedBy ? (
            <Alert tone="error" title="Cannot be discharged yet">
              {blockedBy} <ButtonLink href={back}>Open red flags on the patient page</ButtonLink>
            </Alert>
          ) : null}
          <Card title="Discharge">
            <DischargeForm patientId={patientId} episodeId={episodeId} today={today} outcome={outcome} drafts={drafts} />
          </Card>
        </>
      )}
    </div>
  );
}
