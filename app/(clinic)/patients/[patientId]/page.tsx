import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can, requirePermission } from "@/lib/auth";
import { CHANGE_MEASURE_LABELS, RED_FLAG_LABELS, type ChangeClass } from "@/lib/clinical";
import { getPatientRecord, type AssessmentSummary } from "@/lib/data/patients";
import { getTimeline } from "@/lib/data/timeline";
import { PatientTimeline } from "@/app/_components/charts";
import { NotFoundError } from "@/lib/errors";
import { LEVEL_LABELS, MECHANISM_LABELS, SIDE_LABELS, formatDate, formatKm } from "@/lib/format";
import { ChangeBadge } from "@/app/_components/assessment/change-badge";
import { EpisodeStatusForm, NewEpisodeForm } from "@/app/_components/patient/episode-forms";
import { ButtonLink } from "@/app/_components/ui/button";
import { Card, tableClass, tdClass, thClass } from "@/app/_components/ui/card";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

export const metadata: Metadata = { title: "Patient" };

const STATUS_LABEL = { draft: "Draft (unsigned)", signed: "Signed", entered_in_error: "Entered in error" } as const;

/** The worst and best change classes of an assessment, for a one-line summary. */
function changeSummary(a: AssessmentSummary, key: "vsBaseline" | "vsPrevious") {
  if (!a.changes) return null;
  const entries = Object.entries(a.changes).filter(([, c]) => c[key]);
  if (!entries.length) return null;
  const worsened = entries.filter(([, c]) => c[key] === "worsened").map(([m]) => CHANGE_MEASURE_LABELS[m as keyof typeof CHANGE_MEASURE_LABELS] ?? m);
  const improved = entries.filter(([, c]) => c[key] === "improved").map(([m]) => CHANGE_MEASURE_LABELS[m as keyof typeof CHANGE_MEASURE_LABELS] ?? m);
  const overall: ChangeClass = worsened.length ? "worsened" : improved.length ? "improved" : "unchanged";
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <ChangeBadge value={overall} />
      <span className="text-xs text-slate-600">{worsened.length ? `worse: ${worsened.join(", ")}` : improved.length ? `better: ${improved.join(", ")}` : "no important change"}</span>
    </span>
  );
}

export default async function PatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("patient.read");
  const { patientId } = await params;
  const { patient, episodes } = await getPatientRecord(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const timeline = await getTimeline(actor, patientId, { audited: false });
  const today = timeline.today;
  const canWrite = can(actor, "assessment.write");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/patients/${patient.id}/runs`}>Run log</ButtonLink>
        {can(actor, "referral.read") ? <ButtonLink href={`/patients/${patient.id}/referrals`}>Referrals</ButtonLink> : null}
        {can(actor, "patient.write") ? <ButtonLink href={`/patients/${patient.id}/edit`}>Edit demographics</ButtonLink> : null}
      </div>

      {episodes.map((e) => {
        const intake = e.assessments.find((a) => a.kind === "intake" && a.status !== "entered_in_error");
        const draft = e.assessments.find((a) => a.status === "draft");
        const base = `/patients/${patient.id}/episodes/${e.id}/assessments`;
        return (
          <Card
            key={e.id}
            id={`episode-${e.id}`}
            title={
              <span className="flex flex-wrap items-center gap-2">
                {SIDE_LABELS[e.side]}: {e.complaint}
                <UrgencyBadge urgency={e.urgency === null || (e.urgency === "routine" && e.screenIncomplete) ? "not_screened" : e.urgency} />
              </span>
            }
            actions={
              canWrite ? (
                <>
                  {e.status === "open" && !intake ? <ButtonLink variant="primary" href={`${base}/new?kind=intake`}>Record intake</ButtonLink> : null}
                  {e.status === "open" && intake?.status === "signed" && !draft ? <ButtonLink variant="primary" href={`${base}/new?kind=follow_up`}>Record follow-up</ButtonLink> : null}
                  {draft ? <ButtonLink variant="primary" href={`${base}/${draft.id}`}>Continue draft</ButtonLink> : null}
                  {can(actor, "patient.write") ? <EpisodeStatusForm episodeId={e.id} status={e.status} /> : null}
                </>
              ) : null
            }
          >
            <p className="mb-2 text-xs text-slate-600">
              {e.status === "open" ? "Open" : `Discharged ${e.dischargedAt ? formatDate(e.dischargedAt) : ""}`} · onset {formatDate(e.onsetDate)} ·{" "}
              {e.mechanism ? MECHANISM_LABELS[e.mechanism] : "mechanism not recorded"} · next review {formatDate(e.nextReviewDate)}
              {e.status === "open" && e.nextReviewDate && e.nextReviewDate < today ? <strong className="text-red-800"> (overdue)</strong> : null}
              {e.status === "open" && e.nextReviewDate === today ? <strong> (due today)</strong> : null}
            </p>
            {e.assessments.length === 0 ? (
              <p className="text-slate-600">No assessments yet.</p>
            ) : (
              <div className="overflow-x-auto">
                <table className={tableClass}>
                  <caption className="sr-only">Assessments of this episode, oldest first</caption>
                  <thead>
                    <tr>
                      <th scope="col" className={thClass}>Date</th>
                      <th scope="col" className={thClass}>Assessment</th>
                      <th scope="col" className={thClass}>Status</th>
                      <th scope="col" className={thClass}>Urgency</th>
                      <th scope="col" className={thClass}>Pain</th>
                      <th scope="col" className={thClass}>vs baseline</th>
                      <th scope="col" className={thClass}>vs previous</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {e.assessments.map((a) => {
                      const eie = a.status === "entered_in_error";
                      return (
                        <tr key={a.id} className={eie ? "text-slate-500" : undefined}>
                          <td className={`${tdClass} whitespace-nowrap ${eie ? "line-through" : ""}`}>
                            <Link href={`${base}/${a.id}`} className="text-sky-800 underline-offset-2 hover:underline">
                              {formatDate(a.assessedOn)}
                            </Link>
                          </td>
                          <td className={`${tdClass} ${eie ? "line-through" : ""}`}>
                            {a.kind === "intake" ? "Intake" : "Follow-up"}
                            {a.addenda ? <span className="ml-1 text-xs text-slate-500">({a.addenda} addend{a.addenda === 1 ? "um" : "a"})</span> : null}
                          </td>
                          <td className={tdClass}>{STATUS_LABEL[a.status]}</td>
                          <td className={tdClass}>
                            {eie ? "—" : <UrgencyBadge urgency={a.urgency ?? "not_screened"} />}
                            {!eie && a.redFlags.length ? <span className="block text-xs text-slate-600">{a.redFlags.map((c) => RED_FLAG_LABELS[c as keyof typeof RED_FLAG_LABELS] ?? c).join(", ")}</span> : null}
                          </td>
                          <td className={tdClass}>{a.painNow !== null ? `${a.painNow}/10` : "—"}</td>
                          <td className={tdClass}>{eie ? "—" : changeSummary(a, "vsBaseline")}</td>
                          <td className={tdClass}>{eie ? "—" : changeSummary(a, "vsPrevious")}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        );
      })}

      {can(actor, "patient.write") ? <NewEpisodeForm patientId={patient.id} today={today} /> : null}

      <section aria-labelledby="timeline-title" className="space-y-3">
        <h2 id="timeline-title" className="text-lg font-semibold">
          Timeline
        </h2>
        <PatientTimeline
          assessments={timeline.assessments.map((a) => ({ ...a, href: `/patients/${patient.id}/episodes/${a.episodeId}/assessments/${a.id}` }))}
          runs={timeline.runs}
          today={timeline.today}
          timeZone={timeline.timezone}
          settings={timeline.settings}
          episodes={timeline.episodes.map((e) => ({ id: e.id, label: `${SIDE_LABELS[e.side]}: ${e.complaint}` }))}
        />
      </section>

      <Card title="Running">
        <dl className="grid gap-2 sm:grid-cols-3">
          <div>
            <dt className="text-xs text-slate-500">Level</dt>
            <dd>{patient.runningLevel ? LEVEL_LABELS[patient.runningLevel] : "—"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Usual weekly distance</dt>
            <dd>{formatKm(patient.weeklyDistanceKm)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Goal</dt>
            <dd>{patient.goalEvent ? `${patient.goalEvent}${patient.goalEventDate ? `, ${formatDate(patient.goalEventDate)}` : ""}` : "—"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Contact</dt>
            <dd>{[patient.phone, patient.email].filter(Boolean).join(" · ") || "—"}</dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}
