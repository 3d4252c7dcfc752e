/**
 * The patient timeline: outcome measures over time (signed assessments only,
 * per episode of care), weekly distance with the ACWR, and the assessment
 * history. Plain component (no hooks): the series are derived where it
 * renders (on the server in the patient page), which also renders every
 * chart's title, legend, summary and data table; only the drawings are
 * client code, loaded when a chart comes into view (plots.tsx).
 */
import { trainingDetail } from "@/lib/clinical/training-detail";
import { SIDE_LABELS } from "@/lib/domain";
import { measureSeries, trainingSeries, type TimelineMeasureAssessment } from "@/lib/clinical/timeline";

import { Card } from "@/app/_components/ui/card";
import { AssessmentHistory } from "./assessment-history";
import { eventsFromAssessments, groupEvents, sortEvents } from "./events";
import { MeasureChart } from "./measure-chart";
import { TrainingChart } from "./training-chart";
import { TrainingDetailChart } from "./training-detail-chart";
import type { AssessmentKind, TimelineAssessment, TimelineData, TimelineEpisode, TimelineEvent } from "./types";

export type PatientTimelineProps = TimelineData;

interface EpisodeGroup {
  id: string;
  label: string;
  /** All assessments of the episode, oldest first. */
  all: TimelineAssessment[];
  /** Signed, with an evaluation, oldest first: what the charts show. */
  charted: TimelineMeasureAssessment[];
}

/** Stable sort by assessment day. */
function byDay<T extends { assessedOn: string }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.assessedOn < b.item.assessedOn ? -1 : a.item.assessedOn > b.item.assessedOn ? 1 : a.i - b.i))
    .map(({ item }) => item);
}

export function episodeLabel(episode: TimelineEpisode | undefined): string | undefined {
  if (!episode) return undefined;
  if (episode.label) return episode.label;
  const text = [episode.side ? SIDE_LABELS[episode.side] : null, episode.complaint].filter(Boolean).join(": ");
  if (!text) return undefined;
  return episode.status === "discharged"
    ? `${text} (discharged)`
    : episode.status === "opened_in_error"
      ? `${text} (opened in error)`
      : text;
}

/** Assessments grouped by episode, episodes in the order of their first assessment. */
export function groupByEpisode(assessments: readonly TimelineAssessment[], labels: TimelineData["episodes"] = []): EpisodeGroup[] {
  const groups = new Map<string, EpisodeGroup>();
  for (const a of byDay(assessments)) {
    let group = groups.get(a.episodeId);
    if (!group) {
      const label = episodeLabel(labels.find((e) => e.id === a.episodeId)) ?? `Episode ${groups.size + 1}`;
      group = { id: a.episodeId, label, all: [], charted: [] };
      groups.set(a.episodeId, group);
    }
    group.all.push(a);
    if (a.status === "signed" && a.evaluation) {
      group.charted.push({
        id: a.id,
        assessedOn: a.assessedOn,
        kind: a.kind,
        evaluation: a.evaluation,
        ...(a.pain ? { pain: a.pain } : {}),
      });
    }
  }
  return [...groups.values()];
}

function minMax(dates: readonly string[]): { from: string; to: string } | null {
  if (dates.length === 0) return null;
  let from = dates[0] as string;
  let to = from;
  for (const d of dates) {
    if (d < from) from = d;
    if (d > to) to = d;
  }
  return { from, to };
}

export function PatientTimeline({
  assessments,
  runs,
  runsLoggedSince,
  today,
  settings,
  events = [],
  episodes,
  timeZone = "UTC",
}: PatientTimelineProps) {
  const allEvents = sortEvents([...eventsFromAssessments(assessments, timeZone), ...events]);
  const groups = groupByEpisode(assessments, episodes);
  const training = trainingSeries(runs, today, settings.spikePct, runsLoggedSince ?? undefined);
  const several = groups.length > 1;
  const leftOut = assessments.filter((a) => a.status !== "signed").length;

  return (
    <div className="space-y-4">
      <Card id="timeline-measures" title="Outcome measures over time">
        <p className="mb-3 text-xs text-slate-600">
          Signed assessments only{leftOut ? ` (${leftOut} draft or entered-in-error assessment${leftOut === 1 ? "" : "s"} left out)` : ""}.
          The shaded band is the baseline (first score) plus or minus the important change: each score in the band its assessment was judged
          with when signed (the clinic&apos;s setting then), so the charts and the history below agree; where the setting has changed since,
          the current one is named.
        </p>
        {groups.every((g) => g.charted.length === 0) ? (
          <p className="text-sm text-slate-600">No signed assessments with scores yet.</p>
        ) : (
          groups.map((g) => <EpisodeCharts key={g.id} group={g} events={allEvents} settings={settings} heading={several} />)
        )}
      </Card>

      <Card id="timeline-training" title="Training load">
        <div className="space-y-3">
          <TrainingChart series={training} events={allEvents} spikePct={settings.spikePct} id="timeline-training-chart" />
          {runs.some((r) => r.durationSec != null || r.elevationLossM != null || r.avgCadenceSpm != null) ? (
            <TrainingDetailChart detail={trainingDetail(runs, today)} id="timeline-training-detail" />
          ) : null}
        </div>
      </Card>

      <Card id="timeline-history" title="Assessment history">
        <p className="mb-2 text-xs text-slate-600">
          Each score with its change against the baseline (intake) and against the previous assessment: improved or worsened by at least the
          important change it was judged with when signed, else unchanged. Entered-in-error assessments are struck through and left out of
          the comparisons.
        </p>
        {groups.length === 0 ? <p className="text-sm text-slate-600">No assessments yet.</p> : null}
        {groups.map((g) => (
          <section key={g.id} aria-label={several ? g.label : undefined} className={several ? "mt-3" : undefined}>
            {several ? <h3 className="mb-1 text-sm font-semibold text-slate-800">{g.label}</h3> : null}
            <AssessmentHistory
              assessments={g.all}
              caption={`Assessment history${several ? ` of ${g.label}` : ""}, oldest first`}
              current={settings.importantChange}
            />
          </section>
        ))}
      </Card>
    </div>
  );
}

function EpisodeCharts({
  group,
  events,
  settings,
  heading,
}: {
  group: EpisodeGroup;
  events: readonly TimelineEvent[];
  settings: TimelineData["settings"];
  heading: boolean;
}) {
  const series = measureSeries(group.charted, settings.importantChange);
  const episodeEvents = events.filter((e) => e.episodeId === undefined || e.episodeId === group.id);
  const range = minMax([...group.charted.map((a) => a.assessedOn), ...events.filter((e) => e.episodeId === group.id).map((e) => e.date)]);
  // One array of marks for every chart of the episode (same events, same time axis): the page's payload carries it once.
  const marks = groupEvents(episodeEvents.filter((e) => range !== null && e.date >= range.from && e.date <= range.to));
  const kinds: Record<string, AssessmentKind> = {};
  for (const a of group.charted) kinds[a.id] = a.kind;
  return (
    <section aria-label={heading ? group.label : undefined} className={heading ? "mt-4 first:mt-0" : undefined}>
      {heading ? <h3 className="mb-2 text-sm font-semibold text-slate-800">{group.label}</h3> : null}
      {series.length === 0 ? (
        <p className="text-sm text-slate-600">No signed scores in this episode yet.</p>
      ) : (
        <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          {series.map((s) => (
            <MeasureChart
              key={s.measure}
              id={`timeline-${group.id}-${s.measure.replace(".", "-")}`}
              series={s}
              marks={marks}
              kinds={kinds}
              headingLevel={heading ? 4 : 3}
              {...(range ? { from: range.from, to: range.to } : {})}
            />
          ))}
        </div>
      )}
    </section>
  );
}
