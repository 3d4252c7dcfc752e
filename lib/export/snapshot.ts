/**
 * The referral snapshot (SPEC.md section 8): `buildReferralSnapshot(source)`
 * turns what the clinic has on record into the frozen, human-readable summary
 * that every export (print page, PDF, FHIR bundle) is rendered from.
 *
 * Pure: no I/O, no clock, no randomness; the source is not modified and the
 * result shares no objects with it. Every value is plain JSON (no
 * `undefined`, no Date), so the snapshot survives a JSON round trip
 * unchanged and can be stored as it is.
 *
 * Wording: findings are written as a label and a human value ("Effusion:
 * moderate", "Visible swelling: yes"); examination findings name the test
 * ("McMurray: positive"); only recorded answers are listed.
 */
import {
  CONSIDERATION_LABELS,
  FINDING_LABELS,
  MEASURES,
  MECHANISM_LABELS,
  RISK_FACTOR_LABELS,
  SPIKE_BAND_LABELS,
  NO_RUNNING_ADVICE_V1,
  REFERRAL_WEEKS_SHOWN,
  RUNNING_ADVICE_DETAILS,
  runningAdviceText,
  attestedScreenText,
  TENDERNESS_SHORT,
  rangeText,
  type SpikeBand,
  type TendernessSite,
  PLAN_ITEM_LABELS,
  RED_FLAG_ACTION_LABELS,
  RESPONSE_LABELS,
  type PlanItem,
  treatmentText,
} from "@/lib/domain";
import { RED_FLAG_LABELS, type RedFlagCode, type StoredEvaluation } from "@/lib/clinical";
import { scoreOf } from "@/lib/clinical/changes";
import { dayNumber, fromDayNumber } from "@/lib/clinical/dates";
import { FOLLOW_UP_SECTIONS, INTAKE_SECTIONS, type Question } from "@/lib/questions";
import { formatDate, formatDateTime, formatKm } from "@/lib/format";
import { type Answers } from "@/lib/validation/assessment";
import type { Finding, LabelledCode, OutcomeSeries, ReferralSnapshot, SnapshotSource, StoredReferralSnapshot } from "./types";

type HistoryEntry = SnapshotSource["history"][number];

// ---------------------------------------------------------------------------
// Labels and values of answers
// ---------------------------------------------------------------------------

/** Every question of the intake and follow-up forms, by answer path. */
const QUESTIONS: ReadonlyMap<string, Question> = new Map(
  [...INTAKE_SECTIONS, ...FOLLOW_UP_SECTIONS].flatMap((section) => section.questions).map((q) => [q.path, q] as const),
);

/** "Within 2 hours of the injury" -> "within 2 hours of the injury"; "MCL" stays. */
function lowerFirst(text: string): string {
  if (text.length > 1 && text[1] === text[1]?.toUpperCase() && /[A-Z]/.test(text[1] ?? "")) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function labelOf(path: string): string {
  return FINDING_LABELS[path] ?? QUESTIONS.get(path)?.label ?? path;
}

function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function trimOrNull(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}

/** A number as written in the documents: at most one decimal, no trailing ".0". */
function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** The human value of an answer, by the kind of its question. */
function answerValue(path: string, value: unknown): string {
  if (value === undefined || value === null) return "not recorded";
  if (path === "exam.tenderness" && Array.isArray(value)) {
    return value.length === 0
      ? "none (palpated, nothing tender)"
      : value.map((v) => TENDERNESS_SHORT[String(v) as TendernessSite] ?? String(v)).join(", ");
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  const q = QUESTIONS.get(path);
  if (q?.kind === "enum" || q?.kind === "multi") {
    const labelFor = (v: unknown) => {
      const option = q.options.find(([code]) => code === v);
      return option ? lowerFirst(option[1]) : String(v).replaceAll("_", " ");
    };
    return Array.isArray(value) ? (value.length === 0 ? "none" : value.map(labelFor).join(", ")) : labelFor(value);
  }
  if (typeof value === "number") {
    if (q?.kind === "nrs") return `${num(value)}/10`;
    if ((q?.kind === "int" || q?.kind === "number") && q.unit) return `${num(value)} ${value === 1 ? q.unit.replace(/s$/, "") : q.unit}`;
    return num(value);
  }
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => String(v).replaceAll("_", " ")).join(", ");
  return String(value);
}

/** A finding path of an evaluation (`because` / `supporting`) with its human value. */
function findingOf(path: string, source: SnapshotSource): Finding {
  const { answers, evaluation } = source.assessment;
  const label = labelOf(path);
  let value: string;
  if (path === "ageYears") value = `${evaluation.ageYears} years`;
  else if (path === "load.twoWeekChangePct") {
    const pct = evaluation.load?.twoWeekChangePct;
    value = pct === null || pct === undefined ? "not computable" : `${pct > 0 ? "+" : ""}${num(pct)}%`;
  } else if (path === "load.spikes") {
    const spikes = evaluation.load?.spikes ?? [];
    value =
      spikes.length === 0
        ? "none"
        : spikes
            .map((s) => `${num(s.distanceKm)} km on ${formatDate(s.date)} (longest of the previous 30 days ${num(s.longestPrior30dKm)} km)`)
            .join("; ");
  } else if (path === "episode.mechanism") value = source.episode.mechanism ? MECHANISM_LABELS[source.episode.mechanism] : "not recorded";
  else if (path === "episode.onsetDate") value = formatDate(source.episode.onsetDate);
  else if (path === "patient.birthDate") value = formatDate(source.patient.birthDate);
  else value = answerValue(path, readPath(answers, path));
  return { path, label, value };
}

// ---------------------------------------------------------------------------
// Examination: the tests named, only those recorded
// ---------------------------------------------------------------------------

type Exam = NonNullable<Answers["exam"]>;
const yesNo = (yes: string, no: string) => (v: boolean) => (v ? yes : no);

const EXAM_TESTS: { key: keyof Exam; test: string; result: (v: never) => string }[] = [
  { key: "effusion", test: "Effusion", result: (v: string) => v },
  { key: "fullExtension", test: "Full extension", result: yesNo("possible", "not possible") },
  { key: "flexionTo90", test: "Flexion to 90°", result: yesNo("possible", "not possible") },
  { key: "tenderness", test: "Tenderness", result: (v: string[]) => answerValue("exam.tenderness", v) },
  { key: "valgusStress0", test: "Valgus stress at 0°", result: (v: string) => v },
  { key: "valgusStress30", test: "Valgus stress at 30°", result: (v: string) => v },
  { key: "mcmurray", test: "McMurray", result: (v: string) => v },
  { key: "thessaly", test: "Thessaly", result: (v: string) => v },
  { key: "wellsDvt", test: "Two-level Wells score for DVT", result: (v: number) => `${v} (DVT ${v <= 1 ? "unlikely" : "likely"})` },
  { key: "hopPain", test: "Single-leg hop", result: yesNo("pain", "no pain") },
  { key: "singleLegSquatValgus", test: "Single-leg squat", result: yesNo("dynamic knee valgus", "no dynamic knee valgus") },
  { key: "hipAbductorWeakness", test: "Hip abductor (gluteus medius) strength", result: yesNo("weak", "normal") },
  { key: "quadricepsControlDeficit", test: "Quadriceps control", result: yesNo("deficit", "normal") },
  { key: "hamstringTightness", test: "Hamstring length", result: yesNo("tight", "normal") },
  { key: "ankleDorsiflexionLimited", test: "Ankle dorsiflexion", result: yesNo("limited", "normal") },
  { key: "hipInternalRotationReduced", test: "Hip internal rotation", result: yesNo("reduced", "normal") },
  { key: "saphenousTinel", test: "Tinel's sign over the saphenous nerve", result: yesNo("positive", "negative") },
];

function examination(exam: Answers["exam"]): { test: string; result: string }[] {
  if (!exam) return [];
  const out: { test: string; result: string }[] = [];
  for (const { key, test, result } of EXAM_TESTS) {
    const value = exam[key];
    if (value !== undefined) out.push({ test, result: (result as (v: unknown) => string)(value) });
  }
  return out;
}

// ---------------------------------------------------------------------------
// History: symptoms, history and context answers as findings
// ---------------------------------------------------------------------------

/** Paths with a section of their own in the summary, not repeated under history. */
const OWN_SECTION = new Set([
  "context.medication",
  "context.allergies",
  "context.comorbidities",
  "context.treatmentsTried",
  "followUp.responseToTreatment",
]);

/** Background that does not change between visits: taken from the intake when the chosen assessment did not record it. */
const isBackground = (path: string) => path.startsWith("history.") || path.startsWith("training.") || path.startsWith("context.");

const isRecorded = (value: unknown) =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

/**
 * Symptoms, history, training habits and context of the chosen assessment,
 * in the order of the forms; background not recorded at the chosen
 * assessment is taken from the intake and says so.
 */
function historyFindings(answers: Answers, intake: HistoryEntry | undefined, chosenId: string): Finding[] {
  const paths: string[] = [...QUESTIONS.keys()].filter((p) => !p.startsWith("exam.") && !p.startsWith("measures.") && !OWN_SECTION.has(p));
  paths.push("context.notes");
  for (const section of ["symptoms", "history", "training"] as const) {
    for (const key of Object.keys(answers[section] ?? {})) if (!paths.includes(`${section}.${key}`)) paths.push(`${section}.${key}`);
  }
  const out: Finding[] = [];
  for (const path of paths) {
    const label = path === "context.notes" ? "Notes" : labelOf(path);
    const value = readPath(answers, path);
    if (isRecorded(value)) {
      out.push({ path, label, value: answerValue(path, value) });
      continue;
    }
    if (!intake || intake.id === chosenId || !isBackground(path)) continue;
    const earlier = readPath(intake.answers, path);
    if (isRecorded(earlier))
      out.push({ path, label, value: `${answerValue(path, earlier)} (at intake, ${formatDate(intake.assessedOn)})` });
  }
  return out;
}

function durationText(days: number | null, onsetDate: string | null): string {
  if (days === null || onsetDate === null) return "Onset date not recorded";
  if (days < 0) return `Onset recorded as ${formatDate(onsetDate)}, after the assessment`;
  const since = `since onset on ${formatDate(onsetDate)}`;
  if (days < 14) return `${days} day${days === 1 ? "" : "s"} ${since}`;
  if (days < 90) return `${days} days (about ${Math.round(days / 7)} weeks) ${since}`;
  return `${days} days (about ${Math.round(days / 30.44)} months) ${since}`;
}

// ---------------------------------------------------------------------------
// Training load
// ---------------------------------------------------------------------------

const WEEKS_SHOWN = REFERRAL_WEEKS_SHOWN;

/** Day number of the Monday of the ISO week holding day `day` (1970-01-01 was a Thursday). */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

function weeklyDistance(
  runs: { date: string; distanceKm: number }[],
  assessedOn: string,
  loggedSince: string | null,
): ReferralSnapshot["trainingLoad"]["weekly"] {
  const today = dayNumber(assessedOn);
  const lastMonday = mondayOf(today);
  const firstMonday = lastMonday - 7 * (WEEKS_SHOWN - 1);
  const km = new Array<number>(WEEKS_SHOWN).fill(0);
  for (const run of runs) {
    const day = dayNumber(run.date);
    if (day < firstMonday || day > today) continue;
    const i = Math.floor((day - firstMonday) / 7);
    km[i] = (km[i] ?? 0) + run.distanceKm;
  }
  const since = loggedSince ? dayNumber(loggedSince) : null;
  return km.map((total, i) => ({
    weekStart: fromDayNumber(firstMonday + 7 * i),
    km: Math.round(total * 10) / 10,
    complete: i < WEEKS_SHOWN - 1 || today - lastMonday === 6,
    // A week that ended before the run log was complete is not known to be 0 km.
    logged: since === null || firstMonday + 7 * i + 6 >= since,
  }));
}

function trendText(weekly: ReferralSnapshot["trainingLoad"]["weekly"], assessedOn: string): string {
  if (weekly.every((w) => w.km === 0)) return `No runs recorded in the ${WEEKS_SHOWN} weeks up to the assessment.`;
  const complete = weekly.filter((w) => w.complete && w.logged !== false).slice(-4);
  const first = complete[0];
  const last = complete[complete.length - 1];
  let sentence = "";
  if (first && last && complete.length > 1) {
    const span = `over the last ${complete.length} complete weeks`;
    const diff = last.km - first.km;
    if (Math.abs(diff) <= Math.max(1, 0.1 * first.km)) sentence = `Weekly distance stayed at about ${formatKm(last.km)} ${span}`;
    else sentence = `Weekly distance ${diff > 0 ? "rose" : "fell"} from ${formatKm(first.km)} to ${formatKm(last.km)} ${span}`;
    sentence += ` (weeks of ${formatDate(first.weekStart)} to ${formatDate(last.weekStart)})`;
  }
  const current = weekly[weekly.length - 1];
  if (current && !current.complete) {
    const part = `${formatKm(current.km)} so far in the assessment week (up to ${formatDate(assessedOn)})`;
    sentence = sentence ? `${sentence}; ${part}` : part.charAt(0).toUpperCase() + part.slice(1);
  }
  return `${sentence}.`;
}

function trainingLoad(source: SnapshotSource): ReferralSnapshot["trainingLoad"] {
  const load = source.assessment.evaluation.load;
  const runsRecorded = source.runs !== null;
  const weekly = runsRecorded ? weeklyDistance(source.runs ?? [], source.assessment.assessedOn, source.loggedSince) : [];
  return {
    acute7dKm: load?.acute7dKm ?? null,
    chronicWeeklyKm: load?.chronicWeeklyKm ?? null,
    acwr: load?.acwr ?? null,
    twoWeekChangePct: load?.twoWeekChangePct ?? null,
    spikes: (load?.spikes ?? []).map((s) => ({
      date: s.date,
      distanceKm: s.distanceKm,
      longestPrior30dKm: s.longestPrior30dKm,
      band: s.band,
    })),
    weekly,
    trendText: runsRecorded
      ? trendText(weekly, source.assessment.assessedOn)
      : "The runs this assessment was judged with were not stored with it (an older record): weekly distances are not shown.",
    runsRecorded,
    loggedSince: source.loggedSince,
  };
}

// ---------------------------------------------------------------------------
// Outcome measures
// ---------------------------------------------------------------------------

function outcomes(history: readonly HistoryEntry[], source: SnapshotSource): OutcomeSeries[] {
  const changes = source.assessment.evaluation.changes ?? {};
  const out: OutcomeSeries[] = [];
  for (const def of MEASURES) {
    const points: OutcomeSeries["points"] = [];
    for (const h of history) {
      const value = scoreOf(h.evaluation.scores, def.measure);
      if (typeof value === "number" && Number.isFinite(value)) points.push({ date: h.assessedOn, value });
    }
    if (points.length === 0) continue;
    out.push({
      measure: def.measure,
      label: def.label,
      unit: rangeText(def),
      betterIs: def.betterIs,
      importantChange: source.settings.importantChange[def.importantChangeKey],
      points,
      vsBaseline: changes[def.measure]?.vsBaseline ?? null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Treatment
// ---------------------------------------------------------------------------

function planLabels(answers: Answers): string[] {
  return (answers.plan?.items ?? []).map((item: PlanItem) => PLAN_ITEM_LABELS[item] ?? item);
}

function treatment(
  history: readonly HistoryEntry[],
  source: SnapshotSource,
  intake: HistoryEntry | undefined,
): ReferralSnapshot["treatment"] {
  const planItems: string[] = [];
  for (const h of history) for (const label of planLabels(h.answers)) if (!planItems.includes(label)) planItems.push(label);
  const draft = source.referral.draft;
  return {
    planItems,
    treatmentsTried: trimOrNull(intake?.answers.context?.treatmentsTried) ?? trimOrNull(source.assessment.answers.context?.treatmentsTried),
    treatmentSoFar: trimOrNull(draft.treatmentSoFar),
    responseToTreatment: trimOrNull(draft.responseToTreatment),
    notes: trimOrNull(draft.notes),
    visits: history.map((h) => {
      const response = h.answers.followUp?.responseToTreatment;
      return {
        date: h.assessedOn,
        kind: h.kind,
        planItems: planLabels(h.answers),
        planNotes: trimOrNull(h.answers.plan?.notes),
        response: response ? RESPONSE_LABELS[response] : null,
      };
    }),
  };
}

// ---------------------------------------------------------------------------
// The snapshot
// ---------------------------------------------------------------------------

/** The episode's assessments up to the chosen one, oldest first, the chosen one always included. */
function historyUpTo(source: SnapshotSource): HistoryEntry[] {
  const { assessment } = source;
  const list = source.history.filter((h) => h.assessedOn <= assessment.assessedOn);
  if (!list.some((h) => h.id === assessment.id)) {
    list.push({
      id: assessment.id,
      kind: assessment.kind,
      assessedOn: assessment.assessedOn,
      answers: assessment.answers,
      evaluation: assessment.evaluation,
    });
  }
  // Stable sort: same-day assessments keep the order of the source.
  return list
    .map((h, i) => ({ h, i }))
    .sort((a, b) => (a.h.assessedOn < b.h.assessedOn ? -1 : a.h.assessedOn > b.h.assessedOn ? 1 : a.i - b.i))
    .map(({ h }) => h);
}

const labelled = (code: RedFlagCode): LabelledCode => ({ code, label: RED_FLAG_LABELS[code] ?? code });

/** The evaluation's running advice, worded for the referral; null under rules version 1 (it gave none). */
function runningAdviceOf(evaluation: StoredEvaluation): ReferralSnapshot["runningAdvice"] {
  if (evaluation.rulesVersion === "1") return null;
  const a = evaluation.runningAdvice;
  return {
    mode: a.mode,
    maxPainDuringRun: a.maxPainDuringRun,
    screenComplete: a.screenComplete,
    text: runningAdviceText(a),
    detail: RUNNING_ADVICE_DETAILS[a.mode],
    because: a.because.map((path) => RED_FLAG_LABELS[path.slice(path.indexOf(".") + 1) as RedFlagCode] ?? path),
  };
}

/**
 * The running advice as every rendering words it: the advice, what it asks,
 * and the red flags behind it ("Because of" / "Not yet assessed"). A
 * snapshot of schema version 1 did not record it; an evaluation of rules
 * version 1 gave none.
 */
export function runningAdviceLines(s: StoredReferralSnapshot): { text: string; detail: string | null; because: string | null } {
  if (s.schemaVersion === 1)
    return { text: "Not recorded in this summary (signed before running advice was recorded).", detail: null, because: null };
  const a = s.runningAdvice;
  if (!a) return { text: `${NO_RUNNING_ADVICE_V1}.`, detail: null, because: null };
  const because = a.because.length === 0 ? null : `${a.mode === "stop" ? "Because of" : "Not yet assessed"}: ${a.because.join("; ")}.`;
  return { text: `${a.text}.`, detail: a.detail, because };
}

/** "Screen incomplete: <the signer's reason>" when the assessment was signed with its red-flag screen incomplete; null otherwise. */
export function screenAttestationLine(s: StoredReferralSnapshot): string | null {
  return s.assessment.screenAttestation ? attestedScreenText(s.assessment.screenAttestation) : null;
}

// eslint-disable-next-line max-lines-per-function -- the snapshot built field by field from its sources, as it is stored
export function buildReferralSnapshot(source: SnapshotSource): ReferralSnapshot {
  const { assessment, episode, patient, referral } = source;
  const evaluation: StoredEvaluation = assessment.evaluation;
  const history = historyUpTo(source);
  const intake = history.find((h) => h.kind === "intake");
  const fromIntake = (key: "medication" | "allergies" | "comorbidities") =>
    trimOrNull(intake?.answers.context?.[key]) ?? trimOrNull(assessment.answers.context?.[key]);

  const durationDays = episode.onsetDate ? dayNumber(assessment.assessedOn) - dayNumber(episode.onsetDate) : null;
  const finding = (path: string) => findingOf(path, source);

  return {
    schemaVersion: 4,
    referralId: referral.id,
    signedAt: source.signedAt,
    rulesVersion: evaluation.rulesVersion,
    clinic: {
      id: source.clinic.id,
      name: source.clinic.name,
      phone: source.clinic.phone,
      address: source.clinic.address,
      timezone: source.clinic.timezone ?? "UTC",
    },
    referrer: {
      id: source.referrer.id,
      name: source.referrer.name,
      title: source.referrer.title,
      email: source.referrer.email,
      phone: source.referrer.phone,
    },
    patient: {
      id: patient.id,
      mrn: patient.mrn,
      givenName: patient.givenName,
      familyName: patient.familyName,
      birthDate: patient.birthDate,
      sex: patient.sex,
      phone: patient.phone,
      email: patient.email,
      ageYears: evaluation.ageYears,
    },
    episode: {
      id: episode.id,
      side: episode.side,
      complaint: episode.complaint,
      onsetDate: episode.onsetDate,
      mechanism: episode.mechanism,
      durationDays,
    },
    recipient: trimOrNull(referral.recipient),
    urgency: referral.urgency,
    reason: referral.reason.trim(),
    question: referral.question.trim(),
    assessment: {
      id: assessment.id,
      kind: assessment.kind,
      assessedOn: assessment.assessedOn,
      signedAt: assessment.signedAt,
      signedByName: assessment.signedByName,
      screenAttestation: assessment.screenAttestation ?? null,
    },
    redFlags: evaluation.redFlags.map((f) => ({ ...labelled(f.code), urgency: f.urgency, because: f.because.map(finding) })),
    redFlagsAbsent: evaluation.redFlagsAbsent.map(labelled),
    redFlagsNotAssessed: evaluation.redFlagsNotAssessed.map(labelled),
    riskFactors: evaluation.riskFactors.map((r) => ({ code: r.code, label: RISK_FACTOR_LABELS[r.code], because: r.because.map(finding) })),
    considerations: evaluation.considerations.map((c) => ({
      code: c.code,
      label: CONSIDERATION_LABELS[c.code],
      supporting: c.supporting.map(finding),
    })),
    examination: examination(assessment.answers.exam),
    history: {
      mechanism: episode.mechanism ? MECHANISM_LABELS[episode.mechanism] : "Not recorded",
      durationText: durationText(durationDays, episode.onsetDate),
      symptoms: historyFindings(assessment.answers, intake, assessment.id),
    },
    trainingLoad: trainingLoad(source),
    outcomes: outcomes(history, source),
    treatment: treatment(history, source, intake),
    treatmentGiven: history.map((h) => ({
      date: h.assessedOn,
      kind: h.kind,
      items: (h.answers.treatment?.given ?? []).map(treatmentText),
    })),
    goalRace: patient.goalRace ?? { name: null, date: null, distanceKm: null },
    medication: fromIntake("medication"),
    allergies: fromIntake("allergies"),
    comorbidities: fromIntake("comorbidities"),
    thresholds: structuredClone(source.settings),
    runningAdvice: runningAdviceOf(evaluation),
    addenda: addendaOf(history, source),
    redFlagFollowUp: {
      open: source.redFlagState.open.map((f) => ({ ...labelled(f.code as RedFlagCode), urgency: f.urgency, raisedOn: f.raisedOn })),
      actions: source.redFlagState.actions.map((a) => ({
        ...labelled(a.code as RedFlagCode),
        action: RED_FLAG_ACTION_LABELS[a.action],
        reason: trimOrNull(a.reason),
        note: trimOrNull(a.note),
        actedByName: a.actedByName,
        actedAt: a.actedAt,
      })),
    },
  };
}

/** The addenda of the assessments the referral draws on, oldest first, each with its assessment. */
function addendaOf(history: readonly HistoryEntry[], source: SnapshotSource): ReferralSnapshot["addenda"] {
  const byId = new Map(history.map((h) => [h.id, h]));
  return source.addenda.flatMap((a) => {
    const h = byId.get(a.assessmentId);
    const text = a.text.trim();
    return h && text
      ? [{ assessmentId: a.assessmentId, assessedOn: h.assessedOn, kind: h.kind, text, authorName: a.authorName, createdAt: a.createdAt }]
      : [];
  });
}

// ---------------------------------------------------------------------------
// Wording shared by the exports (print page, PDF, FHIR narrative)
// ---------------------------------------------------------------------------

/** When the referral was signed, in the clinic's time zone with the zone named: "4 Nov 2026, 15:42 GMT". */
export function signedWhen(s: Pick<ReferralSnapshot, "signedAt" | "clinic">): string {
  return formatDateTime(s.signedAt, s.clinic.timezone ?? "UTC");
}

export function patientName(s: Pick<ReferralSnapshot, "patient">): string {
  return `${s.patient.givenName} ${s.patient.familyName}`.trim();
}

/** A score as written: at most one decimal. */
export function formatScore(value: number): string {
  return num(value);
}

/** "Important change: 10 points (higher is better)". */
export function thresholdText(series: OutcomeSeries): string {
  const unit =
    series.measure === "tegner" ? (series.importantChange === 1 ? "level" : "levels") : series.importantChange === 1 ? "point" : "points";
  return `${formatScore(series.importantChange)} ${unit} (${series.betterIs} is better)`;
}

/** "18 km on 1 Nov 2026 (longest run of the previous 30 days: 12 km; more than 30% up to 100% longer)". */
export function spikeText(spike: ReferralSnapshot["trainingLoad"]["spikes"][number]): string {
  const band = SPIKE_BAND_LABELS[spike.band as SpikeBand] ?? spike.band;
  return `${num(spike.distanceKm)} km on ${formatDate(spike.date)} (longest run of the previous 30 days: ${num(spike.longestPrior30dKm)} km; ${band})`;
}

/**
 * The two-week change as the referral names it: "Two-week change (flagged
 * above +25%)" with the threshold the assessment was judged with; a
 * snapshot that did not record it (schema version 1) names none.
 */
export function twoWeekChangeLabel(
  s: Pick<StoredReferralSnapshot, "schemaVersion"> & { thresholds?: { twoWeekIncreasePct: number } },
): string {
  return s.schemaVersion >= 2 && s.thresholds
    ? `Two-week change (flagged above +${num(s.thresholds.twoWeekIncreasePct)}%)`
    : "Two-week change";
}

/** "Acute 7 days 32 km · chronic 26.5 km/week · ACWR 1.21 (weak evidence) · two-week change +30.4%". */
export function loadFigures(s: StoredReferralSnapshot): { label: string; value: string }[] {
  const t = s.trainingLoad;
  const dash = "not computable";
  return [
    { label: "Distance, last 7 days (acute)", value: t.acute7dKm === null ? dash : `${num(t.acute7dKm)} km` },
    { label: "Mean weekly distance, last 28 days (chronic)", value: t.chronicWeeklyKm === null ? dash : `${num(t.chronicWeeklyKm)} km` },
    { label: "Acute:chronic ratio (ACWR; weak evidence, band 0.8-1.3)", value: t.acwr === null ? dash : t.acwr.toFixed(2) },
    {
      label: twoWeekChangeLabel(s),
      value: t.twoWeekChangePct === null ? dash : `${t.twoWeekChangePct > 0 ? "+" : ""}${num(t.twoWeekChangePct)}%`,
    },
  ];
}
