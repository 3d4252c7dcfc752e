import Link from "next/link";
import { RED_FLAG_LABELS, type RedFlag, type Urgency } from "@/lib/clinical";
import { attestedScreenText, displayLevel, EPISODE_STATUS_LABELS, mostSevere, SEX_LABELS, SIDE_LABELS, URGENCY_LABELS } from "@/lib/domain";
import type { HeaderEpisode, PatientView } from "@/lib/data/patients";
import { ageOn, formatDate } from "@/lib/format";
import { Because } from "@/app/_components/assessment/evaluation-panel";
import { URGENCY_ICON, UrgencyBadge } from "@/app/_components/ui/urgency-badge";
import { ActionNeeded } from "@/app/_components/patient/action-needed";
import { runnerReportedLabel } from "@/lib/questions";

/**
 * The top of every patient page: who, how old, which knee, episode status,
 * and a red-flag banner coloured by urgency (with its word and icon) listing
 * each flag with the findings that raised it; "Routine" when there are none
 * and "Not yet screened" while the red-flag screen is incomplete. Below the
 * flags, what the runner reported by link ("Runner reported: swelling,
 * locking") until a clinician reviews it (issue 13): the runner's own words,
 * not a clinician's finding, so it does not change the banner's level.
 */
const BANNER: Record<Urgency | "not_screened", string> = {
  emergency: "border-red-700 bg-red-50",
  urgent: "border-orange-500 bg-orange-50",
  soon: "border-amber-400 bg-amber-50",
  routine: "border-emerald-400 bg-emerald-50",
  not_screened: "border-slate-300 bg-slate-50",
};

type BannerFlag = RedFlag & { side: string; provisional: boolean };

// eslint-disable-next-line max-lines-per-function -- the header's facts in reading order
export function PatientHeader({ patient, episodes, today }: { patient: PatientView; episodes: HeaderEpisode[]; today: string }) {
  const open = episodes.filter((e) => e.status === "open");
  const flags: BannerFlag[] = open.flatMap((e) => {
    const fromSigned = (e.signed?.evaluation.redFlags ?? []).map((f) => ({ ...f, side: SIDE_LABELS[e.side], provisional: false }));
    const known = new Set(fromSigned.map((f) => f.code));
    const fromDraft = (e.draft?.evaluation.redFlags ?? [])
      .filter((f) => !known.has(f.code))
      .map((f) => ({ ...f, side: SIDE_LABELS[e.side], provisional: true }));
    return [...fromSigned, ...fromDraft];
  });
  const latest = open.map((e) => e.signed ?? e.draft);
  // The signer's reason an incomplete screen was signed (the newest signed record of each open episode, unless a newer draft screens it).
  const attested = open.flatMap((e) =>
    e.signed?.screenAttestation && !(e.draft && e.draft.evaluation.redFlagsNotAssessed.length === 0)
      ? [{ side: SIDE_LABELS[e.side], reason: e.signed.screenAttestation }]
      : [],
  );
  const runnerReported = open.filter((e) => e.runnerRedFlags.length);
  const screened = open.length > 0 && latest.every((l) => l && l.evaluation.redFlagsNotAssessed.length === 0);
  const evaluated = latest.some((l) => l);
  // The one display rule (lib/domain/urgency.ts), over the open episodes.
  const display = displayLevel(flags.length ? mostSevere(flags.map((f) => f.urgency)) : evaluated ? "routine" : null, !screened);
  const level = display.level;

  return (
    <header className="mb-4 space-y-2 print:hidden">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">
            <Link href={`/patients/${patient.id}`} className="hover:underline">
              {patient.familyName}, {patient.givenName}
            </Link>
          </h1>
          <p className="text-sm text-slate-700">
            {ageOn(patient.birthDate, today)} years · {SEX_LABELS[patient.sex]} · born {formatDate(patient.birthDate)} · MRN{" "}
            <span className="font-mono">{patient.mrn}</span>
          </p>
        </div>
        <ul className="flex flex-wrap gap-2 text-xs" aria-label="Episodes">
          {episodes.slice(0, 4).map((e) => (
            <li
              key={e.id}
              className={`rounded-full bg-white px-2 py-0.5 ring-1 ring-slate-300 ${e.status === "opened_in_error" ? "text-slate-500 line-through" : ""}`}
            >
              {SIDE_LABELS[e.side]} · {EPISODE_STATUS_LABELS[e.status].toLowerCase()}
            </li>
          ))}
          {episodes.length === 0 ? <li className="text-slate-600">No episode yet</li> : null}
        </ul>
      </div>
      <ActionNeeded patientId={patient.id} episodes={episodes} />
      <section
        aria-label="Red-flag status of this runner"
        data-testid="red-flag-banner"
        data-urgency={level}
        className={`rounded-md border-l-4 px-3 py-2 ${BANNER[level]}`}
      >
        <p className={`flex flex-wrap items-center gap-2 text-sm font-semibold [--icon-size:1rem] ${URGENCY_ICON[level]}`}>
          <span>
            {level === "not_screened"
              ? "Not yet screened"
              : level === "routine"
                ? "Routine: no red flags"
                : URGENCY_LABELS[level as Urgency]}
          </span>
        </p>
        {flags.length ? (
          <ul className="mt-1 space-y-0.5 text-sm">
            {flags.map((f) => (
              <li key={`${f.side}-${f.code}`} className="flex flex-wrap items-baseline gap-1.5">
                <UrgencyBadge urgency={f.urgency} />
                <span className="font-medium">{RED_FLAG_LABELS[f.code]}</span>
                <span className="text-xs text-slate-600">
                  ({f.side}
                  {f.provisional ? ", unsigned draft" : ""})
                </span>
                <Because paths={f.because} />
              </li>
            ))}
          </ul>
        ) : null}
        {runnerReported.length ? (
          <ul className="mt-1 space-y-0.5 text-sm" data-testid="header-runner-reported">
            {runnerReported.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline gap-1.5">
                <span className="rounded bg-violet-100 px-1.5 py-0.5 text-xs font-semibold text-violet-900 ring-1 ring-violet-300">
                  <span aria-hidden="true">⚠ </span>Runner reported
                </span>
                <span className="font-medium">{e.runnerRedFlags.map(runnerReportedLabel).join(", ")}</span>
                <span className="text-xs text-slate-600">({SIDE_LABELS[e.side]}, by questionnaire link, not yet reviewed)</span>
                <Link href={`/patients/${patient.id}#runner-links-${e.id}`} className="text-xs text-sky-800 underline">
                  Review
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {attested.length ? (
          <ul className="mt-1 text-xs font-medium text-slate-800" data-testid="screen-incomplete">
            {attested.map((a) => (
              <li key={a.side}>
                {attestedScreenText(a.reason)}
                {open.length > 1 ? ` (${a.side})` : ""}
              </li>
            ))}
          </ul>
        ) : level !== "not_screened" && display.screenIncomplete && open.length ? (
          <p className="mt-1 text-xs text-slate-700" data-testid="screen-incomplete">
            Screen incomplete: some red flags are not yet assessed.
          </p>
        ) : null}
        {level === "not_screened" ? (
          <p className="mt-1 text-xs text-slate-700">
            {open.length
              ? "The red-flag screen of the latest assessment is incomplete: flags that depend on unanswered questions are not yet assessed."
              : "Open an episode and record an intake."}
          </p>
        ) : null}
      </section>
    </header>
  );
}
