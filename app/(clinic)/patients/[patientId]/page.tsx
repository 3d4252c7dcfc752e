import { LEVEL_LABELS, MECHANISM_LABELS, SIDE_LABELS } from "@/lib/domain";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/domain/access";
import { getPatientRecord } from "@/lib/data/patients";
import { getTimeline } from "@/lib/data/timeline";
import { PatientTimeline } from "@/app/_components/charts";
import { STATUS_LABEL } from "@/app/_components/charts/assessment-history";
import { NotFoundError } from "@/lib/errors";
import { formatDate, formatKm } from "@/lib/format";
import { NewEpisodeForm, ReopenEpisodeForm, WithdrawEpisodeForm } from "@/app/_components/patient/episode-forms";
import { DischargeSummary } from "@/app/_components/patient/discharge-summary";
import { TreatmentLine } from "@/app/_components/patient/treatment-line";
import { RedFlagsSection } from "@/app/_components/patient/red-flags-section";
import { EpisodeCorrectionForm } from "@/app/_components/patient/episode-correction-form";
import { ButtonLink } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { DisplayLevelBadge } from "@/app/_components/ui/urgency-badge";
import { displayLevel } from "@/lib/domain/urgency";
import { getEpisodeDiary } from "@/lib/data/diary";
import { listQuestionnaireRequests } from "@/lib/data/questionnaires";
import { mailConfigured } from "@/lib/mail";
import { runnerReportedLabel } from "@/lib/questions";
import { RunnerLinks } from "@/app/_components/patient/runner-links";
import { ClientLinks } from "@/app/_components/ui/client-links";
import { DiaryPainChart } from "@/app/_components/charts/diary-pain-chart";
import { ReturnToRunSection } from "@/app/_components/patient/return-to-run-section";
import { EpisodeLetters } from "@/app/_components/patient/letters";
import { goalRaceText } from "@/lib/domain/return-to-run";
import { getProgrammePanel } from "@/lib/data/programmes";
import { ProgrammeSection } from "@/app/_components/patient/programme-section";

export const metadata: Metadata = { title: "Patient" };

// eslint-disable-next-line max-lines-per-function -- the patient record: header, episodes and their sections, top to bottom
export default async function PatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const actor = await requirePermission("patient.read");
  const { patientId } = await params;
  const { patient, episodes } = await getPatientRecord(actor, patientId).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const timeline = await getTimeline(actor, patientId);
  const today = timeline.today;
  const canWrite = can(actor, "assessment.write");
  // The runner's links of each episode (questionnaires and the diary; both reads audited).
  const links = new Map(
    await Promise.all(
      episodes.map(
        async (e) =>
          [
            e.id,
            {
              requests: await listQuestionnaireRequests(actor, e.id),
              diary: await getEpisodeDiary(actor, e.id),
              programme: e.status === "opened_in_error" ? null : await getProgrammePanel(actor, e.id),
            },
          ] as const,
      ),
    ),
  );
  const diaryDays = [...links.values()].flatMap((l) => l.diary.entries);
  const emailTo = mailConfigured() && patient.email ? patient.email : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/patients/${patient.id}/runs`}>Run log</ButtonLink>
        {can(actor, "referral.read") ? <ButtonLink href={`/patients/${patient.id}/referrals`}>Referrals</ButtonLink> : null}
        {can(actor, "patient.write") ? <ButtonLink href={`/patients/${patient.id}/edit`}>Edit demographics</ButtonLink> : null}
      </div>

      {/* eslint-disable-next-line max-lines-per-function -- one episode with its sections in reading order */}
      {episodes.map((e) => {
        const intake = e.assessments.find((a) => a.kind === "intake" && a.status !== "entered_in_error");
        const draft = e.assessments.find((a) => a.status === "draft");
        const base = `/patients/${patient.id}/episodes/${e.id}/assessments`;
        if (e.status === "opened_in_error")
          return (
            <Card
              key={e.id}
              id={`episode-${e.id}`}
              title={
                <span className="flex flex-wrap items-center gap-2 text-slate-500">
                  <span className="line-through">
                    {SIDE_LABELS[e.side]}: {e.complaint}
                  </span>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">Opened in error</span>
                </span>
              }
            >
              <p className="text-xs text-slate-600" data-testid="opened-in-error">
                Withdrawn {e.openedInError ? formatDate(e.openedInError.at) : ""}: {e.openedInError?.reason ?? ""}. Kept as a record; not a
                discharge.
              </p>
            </Card>
          );
        const withdrawable = e.assessments.every((a) => a.status === "entered_in_error");
        return (
          <Card
            key={e.id}
            id={`episode-${e.id}`}
            title={
              <span className="flex flex-wrap items-center gap-2">
                {SIDE_LABELS[e.side]}: {e.complaint}
                <DisplayLevelBadge display={displayLevel(e.urgency, e.screenIncomplete)} />
              </span>
            }
            actions={
              canWrite ? (
                <>
                  {e.status === "open" && !intake ? (
                    <ButtonLink variant="primary" href={`${base}/new?kind=intake`}>
                      Record intake
                    </ButtonLink>
                  ) : null}
                  {e.status === "open" && intake?.status === "signed" && !draft ? (
                    <ButtonLink variant="primary" href={`${base}/new?kind=follow_up`}>
                      Record follow-up
                    </ButtonLink>
                  ) : null}
                  {draft ? (
                    <ButtonLink variant="primary" href={`${base}/${draft.id}`}>
                      Continue draft
                    </ButtonLink>
                  ) : null}
                  {can(actor, "patient.write") && e.status === "open" ? (
                    <ButtonLink href={`/patients/${patient.id}/episodes/${e.id}/discharge`}>Discharge…</ButtonLink>
                  ) : null}
                  {can(actor, "patient.write") && e.status === "discharged" ? <ReopenEpisodeForm episodeId={e.id} /> : null}
                  {can(actor, "patient.write") && withdrawable ? <WithdrawEpisodeForm episodeId={e.id} /> : null}
                </>
              ) : null
            }
          >
            <p className="mb-2 text-xs text-slate-600">
              {e.status === "open" ? "Open" : `Discharged ${e.dischargedAt ? formatDate(e.dischargedAt) : ""}`} · onset{" "}
              {formatDate(e.onsetDate)} · {e.mechanism ? MECHANISM_LABELS[e.mechanism] : "mechanism not recorded"} · next review{" "}
              {formatDate(e.nextReviewDate)}
              {e.status === "open" && e.nextReviewDate && e.nextReviewDate < today ? (
                <strong className="text-red-800"> (overdue)</strong>
              ) : null}
              {e.status === "open" && e.nextReviewDate === today ? <strong> (due today)</strong> : null}
            </p>
            {can(actor, "patient.write") && e.status === "open" ? (
              <div className="mb-2">
                <EpisodeCorrectionForm episode={{ id: e.id, side: e.side, onsetDate: e.onsetDate, mechanism: e.mechanism }} today={today} />
              </div>
            ) : null}
            <RedFlagsSection
              patientId={patient.id}
              episodeId={e.id}
              state={e}
              assessmentDates={Object.fromEntries(e.assessments.map((a) => [a.id, a.assessedOn]))}
              canAct={canWrite}
              timeZone={actor.timezone}
            />
            {e.discharge ? <DischargeSummary discharge={e.discharge} /> : null}
            {e.status === "discharged" ? (
              <EpisodeLetters patientId={patient.id} episodeId={e.id} letters={e.letters} canSign={canWrite} timeZone={actor.timezone} />
            ) : null}
            <TreatmentLine assessments={e.assessments} />
            {e.status === "open" || e.returnToRun ? (
              <ReturnToRunSection
                episodeId={e.id}
                plan={e.returnToRun}
                goalRace={{ name: patient.goalEvent, date: patient.goalEventDate, distanceKm: patient.goalEventDistanceKm }}
                today={today}
                canDecide={canWrite && e.status === "open"}
              />
            ) : null}
            {e.assessments.length === 0 ? (
              <p className="text-slate-600">No assessments yet.</p>
            ) : (
              <nav aria-label={`Assessments of ${SIDE_LABELS[e.side].toLowerCase()}: ${e.complaint}`}>
                <ol className="flex flex-wrap gap-1.5 text-sm">
                  {e.assessments.map((a) => {
                    const eie = a.status === "entered_in_error";
                    return (
                      <li key={a.id}>
                        <Link
                          href={`${base}/${a.id}`}
                          className={`inline-flex items-center gap-1.5 rounded border px-2 py-1 hover:bg-slate-50 ${eie ? "border-slate-200 text-slate-500" : "border-slate-300 text-sky-800"}`}
                        >
                          <span className={eie ? "line-through" : undefined}>
                            {formatDate(a.assessedOn)} {a.kind === "intake" ? "intake" : "follow-up"}
                          </span>
                          <span className="text-xs text-slate-600">
                            {STATUS_LABEL[a.status]}
                            {a.addenda ? `, ${a.addenda} addend${a.addenda === 1 ? "um" : "a"}` : ""}
                          </span>
                        </Link>
                      </li>
                    );
                  })}
                </ol>
                <p className="mt-2 text-xs text-slate-600">
                  Scores, red flags and changes of each assessment are in the assessment history under the timeline.
                </p>
              </nav>
            )}
            {links.get(e.id)!.programme ? (
              <ProgrammeSection
                patientId={patient.id}
                episodeId={e.id}
                panel={links.get(e.id)!.programme!}
                canWrite={canWrite}
                open={e.status === "open"}
              />
            ) : null}
            <RunnerLinks
              patientId={patient.id}
              episodeId={e.id}
              firstName={patient.givenName}
              today={today}
              open={e.status === "open"}
              canManage={can(actor, "portal.manage")}
              emailTo={emailTo}
              requests={links.get(e.id)!.requests}
              reportedLabels={Object.fromEntries(links.get(e.id)!.requests.map((r) => [r.id, r.reportedRedFlags.map(runnerReportedLabel)]))}
              diary={links.get(e.id)!.diary}
            />
          </Card>
        );
      })}

      {can(actor, "patient.write") ? <NewEpisodeForm patientId={patient.id} today={today} /> : null}

      <section aria-labelledby="timeline-title" className="space-y-3">
        <h2 id="timeline-title" className="text-lg font-semibold">
          Timeline
        </h2>
        {/* The assessment history's dates are plain links, followed by the client router from here (one listener, no component per row). */}
        <ClientLinks>
          <PatientTimeline
            assessments={timeline.assessments.map((a) => ({
              ...a,
              href: `/patients/${patient.id}/episodes/${a.episodeId}/assessments/${a.id}`,
            }))}
            runs={timeline.runs}
            runsLoggedSince={timeline.runsLoggedSince}
            today={timeline.today}
            timeZone={timeline.timezone}
            settings={timeline.settings}
            episodes={timeline.episodes.map((e) => ({ id: e.id, label: `${SIDE_LABELS[e.side]}: ${e.complaint}` }))}
          />
        </ClientLinks>
        {diaryDays.length ? (
          <Card id="timeline-diary" title="Runner's diary: knee pain (0-10)">
            <p className="mb-2 text-xs text-slate-600">
              As the runner logged it on their diary link, beside the pain during running recorded at signed assessments and the stage of
              the return-to-run plan.
            </p>
            <DiaryPainChart
              id="timeline-diary-chart"
              days={diaryDays}
              stages={episodes.flatMap((e) => e.returnToRun?.history.map((d) => ({ date: d.decidedOn, stage: d.toStage })) ?? [])}
              clinic={timeline.assessments.flatMap((a) =>
                a.status === "signed" && a.pain?.painDuringRun !== undefined
                  ? [{ date: a.assessedOn, painDuringRun: a.pain.painDuringRun }]
                  : [],
              )}
            />
          </Card>
        ) : null}
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
            <dt className="text-xs text-slate-500">Goal race</dt>
            <dd>
              {goalRaceText(
                { name: patient.goalEvent, date: patient.goalEventDate, distanceKm: patient.goalEventDistanceKm },
                today,
                formatDate,
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">GP</dt>
            <dd>{[patient.gpName, patient.gpPractice, patient.gpAddress].filter(Boolean).join(", ") || "—"}</dd>
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
