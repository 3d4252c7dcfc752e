/**
 * The referral summary as a printable document (SPEC.md section 8), rendered
 * from the frozen snapshot only. A server component (no hooks, no client
 * code): it is used on the referral page, in the draft preview and on the
 * print page.
 *
 * Print stylesheet via Tailwind `print:` variants: black text, no shadows
 * or tinted backgrounds, sections and table rows not split across pages,
 * headings kept with what follows. Urgency is a badge with a word and an
 * icon, never colour alone. Tables have a <caption> and scoped headers.
 */
import { URGENCY_LABELS, ASSESSMENT_KIND_LABELS, SEX_LABELS, SIDE_LABELS } from "@/lib/domain";
import type { ReactNode } from "react";
import { ChangeBadge } from "@/app/_components/assessment/change-badge";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

import {
  formatScore,
  loadFigures,
  patientName,
  runningAdviceLines,
  screenAttestationLine,
  signedWhen,
  spikeText,
  thresholdText,
} from "@/lib/export/snapshot";
import type { Finding, StoredReferralSnapshot } from "@/lib/export/types";
import { formatDate } from "@/lib/format";

const TABLE = "w-full border-collapse text-left text-sm print:text-[9.5pt]";
const CAPTION = "caption-top pb-1 text-left text-xs italic text-slate-600 print:text-black";
const TH = "border-b border-slate-300 bg-slate-50 px-2 py-1 font-semibold print:bg-transparent print:border-black";
const TD = "border-b border-slate-200 px-2 py-1 align-top print:border-slate-400";
const ROW = "break-inside-avoid";

function findingText(f: Finding): string {
  return `${f.label}: ${f.value}`;
}

/**
 * A part of the summary. Printed without a page break inside, except the
 * long ones (`long`), whose rows and blocks are kept whole instead: moving a
 * whole long section to the next page would leave most of a page blank.
 */
function Section({ id, title, long = false, children }: { id: string; title: string; long?: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={`space-y-2 ${long ? "" : "break-inside-avoid-page print:break-inside-avoid"}`}>
      <h3 id={id} className="border-b border-slate-300 pb-0.5 text-base font-semibold break-after-avoid print:border-black">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Sub({ children }: { children: ReactNode }) {
  return <h4 className="text-sm font-semibold break-after-avoid">{children}</h4>;
}

function Muted({ children }: { children: ReactNode }) {
  return <p className="text-slate-600 print:text-black">{children}</p>;
}

function List({ items, empty = "None." }: { items: string[]; empty?: string }) {
  if (items.length === 0) return <Muted>{empty}</Muted>;
  return (
    <ul className="list-disc space-y-0.5 pl-5">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

/** "Label: value" rows of a definition list, in a dense grid. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-semibold">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ReferralDocument({ snapshot }: { snapshot: StoredReferralSnapshot }) {
  const s = snapshot;
  const advice = runningAdviceLines(s);
  const id = (part: string) => `referral-${s.referralId}-${part}`;
  const name = patientName(s);
  const side = SIDE_LABELS[s.episode.side];
  const dates = [...new Set(s.outcomes.flatMap((o) => o.points.map((p) => p.date)))].sort();
  const contact = (...parts: (string | null)[]) => parts.filter(Boolean).join(" · ") || "not recorded";

  return (
    <article aria-labelledby={id("title")} className="space-y-5 text-sm leading-snug text-slate-900 print:text-[10pt] print:text-black">
      {/* Title, sender and urgency */}
      <header className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={id("title")} className="text-xl font-bold">
            Referral: medial knee pain
          </h2>
          <p className="text-xs text-slate-600 print:text-black">
            {[s.clinic.name, s.clinic.address, s.clinic.phone ? `Tel. ${s.clinic.phone}` : null].filter(Boolean).join(" · ")}
          </p>
        </div>
        <div
          role="note"
          aria-label="Urgency"
          className="flex flex-wrap items-center gap-2 rounded border-2 border-slate-800 px-3 py-2 print:border-black"
        >
          <span className="font-semibold">Urgency:</span>
          <UrgencyBadge urgency={s.urgency} className="print:ring-black" />
          <span>{URGENCY_LABELS[s.urgency]}</span>
        </div>
        <div className="grid gap-x-8 gap-y-2 sm:grid-cols-2 print:grid-cols-2">
          <Facts
            rows={[
              ["Patient", `${name}`],
              ["MRN", s.patient.mrn],
              ["Born", `${formatDate(s.patient.birthDate)} (${s.patient.ageYears} years at assessment)`],
              ["Sex", SEX_LABELS[s.patient.sex]],
              ["Knee", `${side} · ${s.episode.complaint}`],
              ["Patient contact", contact(s.patient.phone, s.patient.email)],
            ]}
          />
          <Facts
            rows={[
              ["To", s.recipient ?? "Not specified"],
              ["Referrer", [s.referrer.name, s.referrer.title].filter(Boolean).join(", ")],
              ["Referrer contact", contact(s.referrer.phone, s.referrer.email)],
              [
                "Assessment",
                `${ASSESSMENT_KIND_LABELS[s.assessment.kind]} on ${formatDate(s.assessment.assessedOn)}, signed by ${s.assessment.signedByName}`,
              ],
              ["Referral signed", signedWhen(s)],
              ["Rules version", s.rulesVersion],
            ]}
          />
        </div>
      </header>

      <Section id={id("reason")} title="Reason for referral and question">
        <p>
          <span className="font-semibold">Reason: </span>
          <span className="whitespace-pre-line">{s.reason}</span>
        </p>
        <div className="rounded border-l-4 border-slate-800 bg-slate-50 px-3 py-2 print:border-black print:bg-transparent">
          <Sub>Question for the receiving clinician</Sub>
          <p className="font-semibold whitespace-pre-line">{s.question}</p>
        </div>
      </Section>

      <Section id={id("history")} title="History" long>
        <Facts
          rows={[
            ["Mechanism", s.history.mechanism],
            ["Duration", s.history.durationText],
          ]}
        />
        {s.history.symptoms.length > 0 ? (
          <div>
            <Sub>Symptoms, history and training habits (as recorded)</Sub>
            <dl className="mt-1 gap-x-6 sm:columns-2 print:columns-2">
              {s.history.symptoms.map((f) => (
                <div key={f.path} className="flex break-inside-avoid gap-2 border-b border-slate-200 py-0.5 print:border-slate-400">
                  <dt className="w-1/2 shrink-0">{f.label}</dt>
                  <dd className="font-medium whitespace-pre-line">{f.value}</dd>
                </div>
              ))}
            </dl>
          </div>
        ) : null}
      </Section>

      <Section id={id("red-flags")} title="Red flags">
        <div className="grid gap-3 sm:grid-cols-3 print:grid-cols-3">
          <div>
            <Sub>Present</Sub>
            {s.redFlags.length === 0 ? (
              <Muted>None.</Muted>
            ) : (
              <ul className="space-y-1">
                {s.redFlags.map((f) => (
                  <li key={f.code}>
                    <span className="font-semibold">{f.label}</span> <UrgencyBadge urgency={f.urgency} className="print:ring-black" />
                    <span className="block text-slate-700 print:text-black">{f.because.map(findingText).join("; ")}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <Sub>Checked and absent</Sub>
            <List items={s.redFlagsAbsent.map((f) => f.label)} />
          </div>
          <div>
            <Sub>Not assessed</Sub>
            <List items={s.redFlagsNotAssessed.map((f) => f.label)} empty="None: every red flag was assessed." />
            {screenAttestationLine(s) ? (
              <p className="font-semibold" data-testid="referral-screen-attestation">
                {screenAttestationLine(s)}
              </p>
            ) : null}
          </div>
        </div>
      </Section>

      <Section id={id("running-advice")} title="Running advice">
        <div data-testid="referral-running-advice">
          <p className="font-semibold">{advice.text}</p>
          {advice.detail ? <p>{advice.detail}</p> : null}
          {advice.because ? <p className="text-slate-700 print:text-black">{advice.because}</p> : null}
        </div>
      </Section>

      <Section id={id("exam")} title="Examination">
        {s.examination.length === 0 ? (
          <Muted>No examination recorded at this assessment.</Muted>
        ) : (
          <table className={TABLE}>
            <caption className={CAPTION}>Examination on {formatDate(s.assessment.assessedOn)}</caption>
            <thead>
              <tr>
                <th scope="col" className={TH}>
                  Test
                </th>
                <th scope="col" className={TH}>
                  Result
                </th>
              </tr>
            </thead>
            <tbody>
              {s.examination.map((e) => (
                <tr key={e.test} className={ROW}>
                  <th scope="row" className={`${TD} font-normal`}>
                    {e.test}
                  </th>
                  <td className={TD}>{e.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id={id("considerations")} title="Considerations (not diagnoses)">
        {s.considerations.length === 0 ? (
          <Muted>None.</Muted>
        ) : (
          <ul className="list-disc space-y-1 pl-5">
            {s.considerations.map((c) => (
              <li key={c.code}>
                <span className="font-semibold">{c.label}</span>
                {c.supporting.length > 0 ? <span>: {c.supporting.map(findingText).join("; ")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id={id("outcomes")} title="Outcome measures">
        {s.outcomes.length === 0 ? (
          <Muted>No outcome measures recorded.</Muted>
        ) : (
          <div className="overflow-x-auto print:overflow-visible">
            <table className={TABLE}>
              <caption className={CAPTION}>Scores by assessment date, with the important change and the comparison with baseline</caption>
              <thead>
                <tr>
                  <th scope="col" className={TH}>
                    Measure
                  </th>
                  {dates.map((d) => (
                    <th key={d} scope="col" className={`${TH} text-right whitespace-nowrap`}>
                      {formatDate(d)}
                    </th>
                  ))}
                  <th scope="col" className={TH}>
                    Important change
                  </th>
                  <th scope="col" className={TH}>
                    vs baseline
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.outcomes.map((o) => (
                  <tr key={o.measure} className={ROW}>
                    <th scope="row" className={`${TD} font-normal`}>
                      {o.label} <span className="text-slate-600 print:text-black">({o.unit})</span>
                    </th>
                    {dates.map((d) => {
                      const point = o.points.find((p) => p.date === d);
                      return (
                        <td key={d} className={`${TD} text-right tabular-nums`}>
                          {point ? formatScore(point.value) : <span aria-label="not recorded">—</span>}
                        </td>
                      );
                    })}
                    <td className={TD}>{thresholdText(o)}</td>
                    <td className={TD}>
                      {o.vsBaseline ? (
                        <ChangeBadge value={o.vsBaseline} />
                      ) : (
                        <span className="text-slate-600 print:text-black">no baseline</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id={id("load")} title="Training load">
        <p>{s.trainingLoad.trendText}</p>
        <div className="overflow-x-auto print:overflow-visible">
          <table className={TABLE}>
            <caption className={CAPTION}>Weekly distance, km (ISO weeks, Monday start; * up to the assessment day)</caption>
            <thead>
              <tr>
                <th scope="col" className={TH}>
                  Week of
                </th>
                {s.trainingLoad.weekly.map((w) => (
                  <th key={w.weekStart} scope="col" className={`${TH} text-right whitespace-nowrap`}>
                    {formatDate(w.weekStart)}
                    {w.complete ? "" : "*"}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className={ROW}>
                <th scope="row" className={`${TD} font-normal`}>
                  Distance
                </th>
                {s.trainingLoad.weekly.map((w) => (
                  <td key={w.weekStart} className={`${TD} text-right tabular-nums`}>
                    {formatScore(w.km)}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        <Facts rows={loadFigures(s).map((f) => [f.label, f.value] as [string, ReactNode])} />
        <div className="grid gap-3 sm:grid-cols-2 print:grid-cols-2">
          <div>
            <Sub>Single-run spikes</Sub>
            <List items={s.trainingLoad.spikes.map(spikeText)} />
          </div>
          <div>
            <Sub>Risk factors</Sub>
            <List items={s.riskFactors.map((r) => `${r.label}: ${r.because.map(findingText).join("; ")}`)} />
          </div>
        </div>
      </Section>

      <Section id={id("treatment")} title="Treatment and response" long>
        <Facts
          rows={[
            ["Treatments tried before", s.treatment.treatmentsTried ?? "not recorded"],
            [
              "Treatment so far",
              <span key="t" className="whitespace-pre-line">
                {s.treatment.treatmentSoFar ?? "not recorded"}
              </span>,
            ],
            [
              "Response to treatment",
              <span key="r" className="whitespace-pre-line">
                {s.treatment.responseToTreatment ?? "not recorded"}
              </span>,
            ],
            ...(s.treatment.notes
              ? ([
                  [
                    "Notes",
                    <span key="n" className="whitespace-pre-line">
                      {s.treatment.notes}
                    </span>,
                  ],
                ] as [string, ReactNode][])
              : []),
          ]}
        />
        {s.treatment.visits.length > 0 ? (
          <table className={TABLE}>
            <caption className={CAPTION}>Plan and response by visit</caption>
            <thead>
              <tr>
                <th scope="col" className={TH}>
                  Visit
                </th>
                <th scope="col" className={TH}>
                  Plan
                </th>
                <th scope="col" className={TH}>
                  Response
                </th>
              </tr>
            </thead>
            <tbody>
              {s.treatment.visits.map((v, i) => (
                <tr key={`${v.date}-${i}`} className={ROW}>
                  <th scope="row" className={`${TD} font-normal whitespace-nowrap`}>
                    {formatDate(v.date)}
                    <span className="block text-xs text-slate-600 print:text-black">{ASSESSMENT_KIND_LABELS[v.kind]}</span>
                  </th>
                  <td className={TD}>
                    {v.planItems.length > 0 ? (
                      <ul className="list-disc pl-4">
                        {v.planItems.map((item) => (
                          <li key={item}>{item}</li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    )}
                    {v.planNotes ? <p className="mt-0.5 whitespace-pre-line">Notes: {v.planNotes}</p> : null}
                  </td>
                  <td className={TD}>{v.response ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>

      <Section id={id("medication")} title="Medication, allergies and comorbidities">
        <Facts
          rows={[
            ["Medication", s.medication ?? "not recorded"],
            ["Allergies", s.allergies ?? "not recorded"],
            ["Comorbidities", s.comorbidities ?? "not recorded"],
          ]}
        />
      </Section>

      <footer className="space-y-1 border-t border-slate-300 pt-2 break-inside-avoid print:border-black">
        <p className="font-semibold">
          Signed by {[s.referrer.name, s.referrer.title].filter(Boolean).join(", ")} on {signedWhen(s)}. Contact:{" "}
          {contact(s.referrer.phone, s.referrer.email)}.
        </p>
        <p className="text-xs text-slate-600 print:text-black">
          {name} · MRN {s.patient.mrn} · Referral signed {signedWhen(s)} · rules version {s.rulesVersion}. Decision support: red flags and
          considerations list the findings that triggered them and are not diagnoses.
        </p>
      </footer>
    </article>
  );
}
