/**
 * What the runner's links accept, and what clinicians send to make them: one
 * schema per input, shared by the runner's page (checked as it is filled),
 * the /api/r/{token} handlers and the clinicians' API and forms.
 *
 * The runner's answers have the shape of the evaluation input
 * ({measures, symptoms, history}, EVALUATE.md section 1), limited to what the
 * request asked. Messages are written for the runner, beside the question
 * (the issue's path is the question's answer path: "measures.koos.P1").
 */
import { z } from "zod";
import { KOOS_ITEM_IDS } from "@/lib/clinical/input";
import { DIARY_DAY_KINDS, INSTRUMENTS, PSFS_ACTIVITIES, REQUEST_EXPIRY_DAYS, type Instrument } from "@/lib/domain/runner";
import { RUN_SURFACES } from "@/lib/domain/codes";
import { RUNNER_SCREEN_QUESTIONS } from "@/lib/questions";
import { isoDate, uuid } from "@/lib/validation/common";
import { chooseOne, enterWholeNumber, shortenTo, trueOrFalse } from "@/lib/validation/messages";
import { parseDuration, roundKm } from "@/lib/validation/runs";

// ---------------------------------------------------------------------------
// The clinician's side
// ---------------------------------------------------------------------------

const E = REQUEST_EXPIRY_DAYS;

/** POST /api/v1/episodes/{id}/questionnaire-requests (and the patient page's form). */
export const createRequestSchema = z.strictObject({
  instruments: z
    .array(z.enum(INSTRUMENTS, { error: chooseOne("instrument", INSTRUMENTS) }), {
      error: "Choose at least one instrument",
    })
    .min(1, "Choose at least one instrument")
    .max(INSTRUMENTS.length, `Choose at most ${INSTRUMENTS.length} instruments`)
    .refine((list) => new Set(list).size === list.length, "Remove the instrument listed twice")
    // The runner answers them in the product's order, whatever order they were named in.
    .transform((list) => INSTRUMENTS.filter((i) => list.includes(i))),
  expiresInDays: z
    .int({ error: enterWholeNumber("days until the link expires", E.min, E.max) })
    .min(E.min, enterWholeNumber("days until the link expires", E.min, E.max))
    .max(E.max, enterWholeNumber("days until the link expires", E.min, E.max))
    .default(E.default),
  /** Send the link to the e-mail address on the runner's record (needs SMTP_URL). */
  sendEmail: z.boolean({ error: trueOrFalse("sendEmail") }).default(false),
});
export type CreateRequestInput = z.output<typeof createRequestSchema>;

/** E-mailing a link the clinician still holds (the server keeps only its hash). */
export const emailLinkSchema = z.strictObject({
  url: z.string({ error: "Send the url: the link given when it was made" }).max(400, shortenTo("url", 400)),
});

/** A diary link, valid until a day the clinician sets (lib/data checks it against the clinic's today and DIARY_MAX_WEEKS). */
export const createDiaryLinkSchema = z.strictObject({
  validUntil: isoDate,
  sendEmail: z.boolean({ error: trueOrFalse("sendEmail") }).default(false),
});

export const reviewSchema = z.strictObject({ episodeId: uuid, id: uuid });

// ---------------------------------------------------------------------------
// The runner's answers
// ---------------------------------------------------------------------------

const ANSWER = "Answer this question";
const NRS = "Choose a number from 0 to 10";
const CHOICE = "Choose one of the answers";
const YES_NO = "Answer yes or no";

const required = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? ANSWER : message);
const int = (min: number, max: number, message: string) =>
  z
    .int({ error: required(message) })
    .min(min, message)
    .max(max, message);
const nrs = () => int(0, 10, NRS);
const choice04 = () => int(0, 4, CHOICE);
const yesNo = () => z.boolean({ error: required(YES_NO) });

/** What a request asks, as the schema is built from it. */
export type RequestShape = { instruments: readonly Instrument[]; psfsActivities: readonly string[] };

type Mode = "final" | "draft";

function section(fields: Record<string, z.ZodType>, mode: Mode) {
  const shape = Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, mode === "final" ? s : s.optional()]));
  return z.strictObject(shape, { error: "Send a set of answers" });
}

const SCREEN_BY_SECTION = {
  symptoms: RUNNER_SCREEN_QUESTIONS.filter((q) => q.path.startsWith("symptoms.")),
  history: RUNNER_SCREEN_QUESTIONS.filter((q) => q.path.startsWith("history.")),
};

const screenField = (q: (typeof RUNNER_SCREEN_QUESTIONS)[number]) =>
  q.kind === "yesno" ? yesNo() : int(0, 3650, "Write a whole number of days, 0 or more");

function psfsSchema(activities: readonly string[], mode: Mode) {
  const activity = z
    .string({ error: required("Name the activity") })
    .trim()
    .min(1, "Name the activity")
    .max(200, "Shorten the activity to 200 characters or fewer");
  const score = mode === "final" ? nrs() : nrs().optional();
  const item = z.strictObject({ activity, score }, { error: "Give an activity and its score" });
  const count = `Name at least ${PSFS_ACTIVITIES.min} and at most ${PSFS_ACTIVITIES.max} activities`;
  const list = z.array(item, { error: required(count) }).max(PSFS_ACTIVITIES.max, count);
  if (activities.length === 0) return mode === "final" ? list.min(PSFS_ACTIVITIES.min, count) : list;
  // The episode's activities: scored as named, in their order.
  return list
    .length(activities.length, `Score each of the ${activities.length} activities`)
    .refine((items) => items.every((it, i) => it.activity === activities[i]), "Keep the activities your clinic named");
}

type Sections = { measures: Record<string, z.ZodType>; symptoms: Record<string, z.ZodType>; history: Record<string, z.ZodType> };

/** The fields each section asks for what a request asks. */
function fieldsOf(request: RequestShape, mode: Mode): Sections {
  const asks = new Set(request.instruments);
  const out: Sections = { measures: {}, symptoms: {}, history: {} };
  if (asks.has("pain")) {
    out.symptoms.painNow = nrs();
    out.symptoms.painWorstWeek = nrs();
    // Optional even when final: a runner who has not run lately leaves it out.
    out.symptoms.painDuringRun = nrs().optional();
  }
  if (asks.has("koos")) out.measures.koos = section(Object.fromEntries(KOOS_ITEM_IDS.map((id) => [id, choice04()])), mode);
  if (asks.has("lefs"))
    out.measures.lefs =
      mode === "final"
        ? z.array(choice04(), { error: required("Answer all 20 items") }).length(20, "Answer all 20 items")
        : z.array(choice04().nullable(), { error: "Send a list" }).max(20, "Answer at most 20 items: LEFS has 20");
  if (asks.has("psfs")) out.measures.psfs = psfsSchema(request.psfsActivities, mode);
  if (asks.has("tegner")) out.measures.tegner = int(0, 10, "Choose the level that fits you best");
  if (asks.has("screen")) {
    for (const q of SCREEN_BY_SECTION.symptoms) out.symptoms[q.path.slice("symptoms.".length)] = screenField(q);
    for (const q of SCREEN_BY_SECTION.history) out.history[q.path.slice("history.".length)] = screenField(q);
  }
  return out;
}

/**
 * The runner's answers to a request: `final` (POST: every question of every
 * instrument asked, nothing else) or `draft` (PUT: any of them so far, each
 * still in range). LEFS in a draft may have gaps (null).
 */
export function runnerAnswersSchema(request: RequestShape, mode: Mode) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, fields] of Object.entries(fieldsOf(request, mode))) {
    if (Object.keys(fields).length) shape[key] = mode === "final" ? section(fields, mode) : section(fields, mode).optional();
  }
  return z.strictObject(shape, { error: "Send a set of answers" });
}

/** The part of `answers` a request (or one of its instruments) asks: what its schema reads, nothing else. */
export function pickAnswers(answers: Record<string, unknown>, request: RequestShape): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, fields] of Object.entries(fieldsOf(request, "draft"))) {
    const given = answers[key];
    if (!given || typeof given !== "object") continue;
    for (const field of Object.keys(fields)) {
      // null: answered "does not apply" (pain during running without running lately), sent as not answered.
      const value = (given as Record<string, unknown>)[field];
      if (value !== undefined && value !== null) (out[key] ??= {})[field] = value;
    }
  }
  return out;
}

export type RunnerAnswers = {
  measures?: {
    koos?: Record<string, number>;
    lefs?: number[];
    psfs?: { activity: string; score: number }[];
    tegner?: number;
  };
  symptoms?: Record<string, number | boolean>;
  history?: Record<string, boolean>;
};

/** PUT /api/r/{token} of a request, and POST: `{answers}`. */
export const runnerAnswersBody = z.strictObject({ answers: z.unknown() }, { error: 'Send a JSON object: {"answers": {…}}' });

// ---------------------------------------------------------------------------
// The runner's diary
// ---------------------------------------------------------------------------

/** A day as the runner's date field sends it. */
const runnerDay = z.string({ error: "Choose the day" }).refine((s) => isoDate.safeParse(s).success, "Choose a real day");

const optionalNrs = z.preprocess((v) => (v === "" || v === null ? undefined : v), nrs().optional());

/**
 * One day of the diary (POST /api/r/{token} of a diary link): a run (distance
 * required, in km or miles; duration as people write it; surface) with pain
 * during and right after, or a rest day; the next-morning pain when known;
 * swelling yes or no. The run limits of every run source apply in lib/data.
 */
export const diaryEntrySchema = z
  .strictObject({
    date: runnerDay,
    kind: z.enum(DIARY_DAY_KINDS, { error: "Choose a run or a rest day" }),
    distance: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce.number({ error: "Write the distance as a number, like 5 or 6.5" }).gt(0, "Write a distance more than 0").optional(),
    ),
    unit: z.enum(["km", "mi"], { error: "Choose km or miles" }).default("km"),
    duration: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z
        .string({ error: "Write the time like 45:00 (minutes:seconds) or 1:02:00" })
        .max(20, "Write the time like 45:00 (minutes:seconds) or 1:02:00")
        .optional(),
    ),
    surface: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(RUN_SURFACES, { error: CHOICE }).optional()),
    painDuring: optionalNrs,
    painAfter: optionalNrs,
    painNextMorning: optionalNrs,
    swelling: yesNo(),
  })
  .transform((e, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    let durationSec: number | null = null;
    if (e.kind === "run") {
      if (e.distance === undefined) issue("distance", "Write how far you ran");
      if (e.painDuring === undefined) issue("painDuring", ANSWER);
      if (e.painAfter === undefined) issue("painAfter", ANSWER);
      if (e.duration !== undefined) {
        durationSec = parseDuration(e.duration);
        if (durationSec === null || durationSec <= 0) issue("duration", "Write the time like 45:00 (minutes:seconds) or 1:02:00");
      }
    }
    const km = e.kind === "run" && e.distance !== undefined ? roundKm(e.unit === "mi" ? e.distance * 1.609344 : e.distance) : null;
    return {
      date: e.date,
      kind: e.kind,
      distanceKm: km,
      durationSec: e.kind === "run" ? durationSec : null,
      surface: e.kind === "run" ? (e.surface ?? null) : null,
      painDuring: e.kind === "run" ? (e.painDuring ?? null) : null,
      painAfter: e.kind === "run" ? (e.painAfter ?? null) : null,
      painNextMorning: e.painNextMorning ?? null,
      swelling: e.swelling,
    };
  });
export type DiaryEntryInput = z.output<typeof diaryEntrySchema>;

/** PUT /api/r/{token} of a diary link: the next-morning pain of a day already logged. */
export const nextMorningSchema = z.strictObject({
  date: runnerDay,
  painNextMorning: nrs(),
});

// ---------------------------------------------------------------------------
// The patient page's forms (lib/actions/runner-links.ts): the same inputs with the record they act on
// ---------------------------------------------------------------------------

const onEpisode = { patientId: uuid, episodeId: uuid };

export const createRequestActionSchema = createRequestSchema.extend(onEpisode);
export const createDiaryLinkActionSchema = createDiaryLinkSchema.extend(onEpisode);
export const requestActionSchema = z.strictObject({ ...onEpisode, requestId: uuid });
export const diaryLinkActionSchema = z.strictObject({ ...onEpisode, linkId: uuid });
export const emailRequestActionSchema = requestActionSchema.extend(emailLinkSchema.shape);
export const emailDiaryLinkActionSchema = diaryLinkActionSchema.extend(emailLinkSchema.shape);
export const reviewDiaryAlertsActionSchema = z.strictObject({ ...onEpisode, alertId: uuid.optional() });
