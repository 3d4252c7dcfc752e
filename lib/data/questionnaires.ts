import "server-only";
import type { Actor } from "@/lib/domain/access";
import { REQUEST_STATUS_LABELS, requestStatus, type Instrument, type RequestStatus } from "@/lib/domain/runner";
import { INSTRUMENTS } from "@/lib/domain/runner";
import { audit, auditRunner } from "@/lib/data/audit";
import { clinicClock } from "@/lib/data/clinic";
import { refreshRunnerSummary } from "@/lib/data/episode-summary";
import { deliverLinkByEmail, type LinkEmailResult } from "@/lib/data/link-mail";
import { findEpisodeOrThrow, isUuid, lockEpisode } from "@/lib/data/patients";
import { greetingOf, lockEpisodeRow, tokenOf, type RunnerGreeting } from "@/lib/data/runner-links";
import { clinicSettingsIn } from "@/lib/data/settings";
import { asJson, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError, GoneError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays, dayEndedBy, endOfDayIn, todayIn } from "@/lib/format";
import { runnerReportedYes } from "@/lib/questions";
import { newRunnerToken, runnerLinkUrl, tokenOfUrl, hashToken } from "@/lib/runner-token";
import { readAnswers } from "@/lib/stored/answers";
import { readRunnerAnswers, readRunnerDraft } from "@/lib/stored/runner";
import { parseWithIssues } from "@/lib/validation/assessment";
import { runnerAnswersSchema, type CreateRequestInput, type RequestShape, type RunnerAnswers } from "@/lib/validation/runner";
import { mailConfigured } from "@/lib/mail";
import type { Prisma } from "@/prisma/generated/client";
import { MAIL_NOT_SET_UP, NO_EMAIL_ON_RECORD } from "@/lib/validation/messages";

/**
 * Questionnaires the runner answers at home (issue 13): a clinician makes a
 * request for an episode (which instruments, how long the link works); the
 * runner opens `/r/{token}`, answers one instrument per step (saved as they
 * go), and submits once. The answers land on the episode as patient-reported
 * answers: they pre-fill the next intake or follow-up, and any "yes" of the
 * red-flag screen shows on the caseload at once, until a clinician reviews it.
 *
 * Statuses: open, completed, withdrawn (stored); "expired" is an open request
 * past its expiry. The link's token is never stored (only its hash), so its
 * URL is given once, when the request is made.
 */
type Row = Prisma.QuestionnaireRequestGetPayload<object>;

export type RequestView = {
  id: string;
  episodeId: string;
  status: RequestStatus;
  statusLabel: string;
  instruments: Instrument[];
  psfsActivities: string[];
  createdAt: Date;
  /** The clinic day it was made on. */
  createdOn: string;
  createdBy: string | null;
  expiresAt: Date;
  /** The last clinic day the link works (it expires at the end of that day in the clinic's time zone). */
  expiresOn: string;
  firstOpenedAt: Date | null;
  draftSavedAt: Date | null;
  submittedAt: Date | null;
  /** The clinic day it was submitted on: what "reported by the runner on" names. */
  submittedOn: string | null;
  reportedRedFlags: string[];
  reviewedAt: Date | null;
  reviewedBy: string | null;
  usedInAssessmentId: string | null;
  withdrawnAt: Date | null;
  withdrawnOn: string | null;
  emailedAt: Date | null;
  answers: RunnerAnswers | null;
};

const instrumentsOf = (row: Pick<Row, "instruments">): Instrument[] => INSTRUMENTS.filter((i) => row.instruments.includes(i));
export const shapeOf = (row: Pick<Row, "instruments" | "psfsActivities">): RequestShape => ({
  instruments: instrumentsOf(row),
  psfsActivities: row.psfsActivities,
});

function requestView(row: Row, people: Map<string, string>, timezone: string, now = new Date()): RequestView {
  const status = requestStatus(row.status, row.expiresAt, now);
  return {
    id: row.id,
    episodeId: row.episodeId,
    status,
    statusLabel: REQUEST_STATUS_LABELS[status],
    instruments: instrumentsOf(row),
    psfsActivities: row.psfsActivities,
    createdAt: row.createdAt,
    createdOn: todayIn(timezone, row.createdAt),
    createdBy: people.get(row.createdById) ?? null,
    expiresAt: row.expiresAt,
    expiresOn: dayEndedBy(row.expiresAt, timezone),
    firstOpenedAt: row.firstOpenedAt,
    draftSavedAt: row.draftSavedAt,
    submittedAt: row.submittedAt,
    submittedOn: row.submittedAt ? todayIn(timezone, row.submittedAt) : null,
    reportedRedFlags: row.reportedRedFlags,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedById ? (people.get(row.reviewedById) ?? null) : null,
    usedInAssessmentId: row.usedInAssessmentId,
    withdrawnAt: row.withdrawnAt,
    withdrawnOn: row.withdrawnAt ? todayIn(timezone, row.withdrawnAt) : null,
    emailedAt: row.emailedAt,
    answers: row.answers === null ? null : readRunnerAnswers(row.answers, shapeOf(row)),
  };
}

async function findRequestOrThrow(tx: Tx, actor: Actor, episodeId: string, requestId: string): Promise<Row> {
  if (!isUuid(requestId)) throw new NotFoundError("questionnaire request");
  const row = await tx.questionnaireRequest.findFirst({ where: { id: requestId, clinicId: actor.clinicId, episodeId } });
  if (!row) throw new NotFoundError("questionnaire request");
  return row;
}

/** The PSFS activities of the episode: those of its latest signed assessment (none before the intake). */
async function episodePsfsActivities(tx: Tx, clinicId: string, episodeId: string): Promise<string[]> {
  const latest = await tx.assessment.findFirst({
    where: { clinicId, episodeId, status: "signed" },
    orderBy: [{ assessedOn: "desc" }, { signedAt: "desc" }, { id: "desc" }],
    select: { answers: true },
  });
  return latest ? (readAnswers(latest.answers).measures?.psfs ?? []).map((p) => p.activity) : [];
}

/** Refuses `sendEmail` before anything is made when no e-mail can be sent. */
async function checkCanEmail(tx: Tx, clinicId: string, patientId: string): Promise<void> {
  if (!mailConfigured()) throw new ValidationError([{ path: "sendEmail", message: MAIL_NOT_SET_UP }]);
  const patient = await tx.patient.findFirst({ where: { id: patientId, clinicId }, select: { email: true } });
  if (!patient?.email) throw new ValidationError([{ path: "sendEmail", message: NO_EMAIL_ON_RECORD }]);
}

export type CreatedRequest = {
  id: string;
  url: string;
  expiresAt: Date;
  /** The last clinic day the link works. */
  expiresOn: string;
  status: "open";
  /** Present when sendEmail was asked: whether the mail server accepted it. */
  email?: LinkEmailResult;
};

/** Makes a request (audited) and returns its link: the only time the link is given. */
export async function createQuestionnaireRequest(
  actor: Actor,
  episodeId: string,
  input: CreateRequestInput,
  origin: string,
): Promise<CreatedRequest> {
  const { token, hash } = newRunnerToken("questionnaire", actor.clinicId);
  const row = await transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    if (episode.status !== "open")
      throw new ConflictError(
        episode.status === "discharged"
          ? "Reopen this episode before asking the runner for questionnaires: it is discharged"
          : "Ask from the runner's open episode: this one was withdrawn as opened in error",
      );
    if (input.sendEmail) await checkCanEmail(tx, actor.clinicId, episode.patientId);
    const psfsActivities = input.instruments.includes("psfs") ? await episodePsfsActivities(tx, actor.clinicId, episodeId) : [];
    // Valid to the end of the clinic's day `expiresInDays` from today, in the clinic's time zone.
    const { today, timezone } = await clinicClock(tx, actor.clinicId);
    const created = await tx.questionnaireRequest.create({
      data: {
        clinicId: actor.clinicId,
        episodeId,
        tokenHash: hash,
        instruments: input.instruments,
        psfsActivities,
        expiresAt: endOfDayIn(addDays(today, input.expiresInDays), timezone),
        createdById: actor.userId,
      },
    });
    await audit(tx, actor, {
      action: "questionnaire.create",
      entityType: "QuestionnaireRequest",
      entityId: created.id,
      patientId: episode.patientId,
      detail: { episodeId, instruments: input.instruments, expiresAt: created.expiresAt.toISOString(), psfsActivities },
    });
    return { ...created, expiresOn: dayEndedBy(created.expiresAt, timezone) };
  });
  const url = runnerLinkUrl(origin, token);
  const result: CreatedRequest = { id: row.id, url, expiresAt: row.expiresAt, expiresOn: row.expiresOn, status: "open" };
  if (input.sendEmail) result.email = await deliverLinkByEmail(actor, { kind: "questionnaire", id: row.id, episodeId, url });
  return result;
}

/** The requests of an episode, newest first, with the answers of those returned (audited). */
export async function listQuestionnaireRequests(actor: Actor, episodeId: string): Promise<RequestView[]> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const rows = await tx.questionnaireRequest.findMany({
      where: { clinicId: actor.clinicId, episodeId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const ids = [...new Set(rows.flatMap((r) => [r.createdById, r.reviewedById]).filter((v): v is string => !!v))];
    const users = await tx.user.findMany({ where: { clinicId: actor.clinicId, id: { in: ids } }, select: { id: true, name: true } });
    const { timezone } = await clinicClock(tx, actor.clinicId);
    await audit(tx, actor, {
      action: "questionnaire.list",
      entityType: "Episode",
      entityId: episodeId,
      patientId: episode.patientId,
      detail: { requestIds: rows.map((r) => r.id) },
    });
    const people = new Map(users.map((u) => [u.id, u.name]));
    return rows.map((r) => requestView(r, people, timezone));
  });
}

/** Withdraws an open (or expired) request: its link stops working at once. */
export async function withdrawQuestionnaireRequest(actor: Actor, episodeId: string, requestId: string): Promise<RequestView> {
  return transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    const row = await findRequestOrThrow(tx, actor, episodeId, requestId);
    if (row.status === "completed")
      throw new ConflictError(
        "Review the returned answers instead: the runner has already returned this questionnaire, so it cannot be withdrawn",
      );
    if (row.status === "withdrawn") throw new ConflictError("Reload the page: this request is already withdrawn");
    const updated = await tx.questionnaireRequest.updateMany({
      where: { id: row.id, clinicId: actor.clinicId, status: "open" },
      data: { status: "withdrawn", withdrawnAt: new Date(), withdrawnById: actor.userId },
    });
    if (updated.count !== 1)
      throw new ConflictError(
        "Review the returned answers instead: the runner returned this questionnaire just now, so it cannot be withdrawn",
      );
    await audit(tx, actor, {
      action: "questionnaire.withdraw",
      entityType: "QuestionnaireRequest",
      entityId: row.id,
      patientId: episode.patientId,
      detail: { episodeId },
    });
    const after = await findRequestOrThrow(tx, actor, episodeId, requestId);
    const { timezone } = await clinicClock(tx, actor.clinicId);
    return requestView(after, new Map([[actor.userId, actor.name]]), timezone);
  });
}

/** A clinician has read a returned questionnaire: it leaves the caseload's "returned" tile and its red flags the row. */
export async function reviewQuestionnaire(actor: Actor, episodeId: string, requestId: string): Promise<void> {
  await transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    const row = await findRequestOrThrow(tx, actor, episodeId, requestId);
    if (row.status !== "completed")
      throw new ConflictError("Wait for the runner to return the questionnaire: only a returned one can be reviewed");
    if (row.reviewedAt) throw new ConflictError("Reload the page: this questionnaire has already been reviewed");
    await tx.questionnaireRequest.updateMany({
      where: { id: row.id, clinicId: actor.clinicId },
      data: { reviewedAt: new Date(), reviewedById: actor.userId },
    });
    await refreshRunnerSummary(tx, actor.clinicId, episodeId);
    await audit(tx, actor, {
      action: "questionnaire.review",
      entityType: "QuestionnaireRequest",
      entityId: row.id,
      patientId: episode.patientId,
      detail: { episodeId, reportedRedFlags: row.reportedRedFlags },
    });
  });
}

/** The returned questionnaires of an episode not yet taken into an assessment, oldest first: what pre-fills the next one. */
export async function unusedRunnerReports(
  tx: Tx,
  actor: Actor,
  episodeId: string,
): Promise<{ id: string; on: string; answers: RunnerAnswers }[]> {
  const rows = await tx.questionnaireRequest.findMany({
    where: { clinicId: actor.clinicId, episodeId, status: "completed", usedInAssessmentId: null },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    on: todayIn(actor.timezone, r.submittedAt ?? r.createdAt),
    answers: readRunnerAnswers(r.answers, shapeOf(r)),
  }));
}

/** E-mails the link of an open request again: the clinician sends back the URL they were given (only its hash is kept). */
export async function emailQuestionnaireLink(actor: Actor, episodeId: string, requestId: string, url: string): Promise<LinkEmailResult> {
  await transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const row = await findRequestOrThrow(tx, actor, episodeId, requestId);
    const token = tokenOfUrl(url);
    if (!token || hashToken(token) !== row.tokenHash)
      throw new ValidationError([{ path: "url", message: "Send the link of this request: this is another one" }]);
    const status = requestStatus(row.status, row.expiresAt);
    if (status !== "open")
      throw new ConflictError(`Make a new request to send a link: this one is ${REQUEST_STATUS_LABELS[status].toLowerCase()}`);
    await checkCanEmail(tx, actor.clinicId, episode.patientId);
  });
  return deliverLinkByEmail(actor, { kind: "questionnaire", id: requestId, episodeId, url });
}

// ---------------------------------------------------------------------------
// The runner's side: /r/{token} and /api/r/{token}
// ---------------------------------------------------------------------------

export type RunnerQuestionnaire = RunnerGreeting & {
  kind: "questionnaire";
  instruments: Instrument[];
  psfsActivities: string[];
  expiresAt: string;
  /** The last clinic day the link works. */
  expiresOn: string;
  /** Answers saved so far. */
  draft: Record<string, unknown> | null;
  draftSavedAt: string | null;
};

const ALREADY_SENT = "Close this page: you have already sent your answers. Thank you, nothing more is needed";

/** The request a token names, in the state that allows answering it: 404 unknown, 409 submitted, 410 expired or withdrawn. */
async function usableRequest(tx: Tx, token: unknown, now = new Date()): Promise<Row> {
  const { clinicId, hash } = tokenOf(token, "questionnaire");
  const row = await tx.questionnaireRequest.findFirst({ where: { clinicId, tokenHash: hash } });
  if (!row) throw new NotFoundError("link");
  if (row.status === "completed") throw new ConflictError(ALREADY_SENT);
  if (row.status === "withdrawn") throw new GoneError("This link is no longer active. Please ask your clinic for a new one.");
  if (requestStatus(row.status, row.expiresAt, now) === "expired")
    throw new GoneError("This link has expired. Please ask your clinic for a new one.");
  return row;
}

/** The state check alone (404, 409, 410), before a body is read. */
export async function checkQuestionnaireUsable(token: unknown): Promise<void> {
  await transaction((tx) => usableRequest(tx, token));
}

/** Opens a request for the runner (the page, or GET /api/r/{token}); audited with the runner as actor. */
export async function openQuestionnaire(token: unknown, via: "page" | "api"): Promise<RunnerQuestionnaire> {
  return transaction(async (tx) => {
    const row = await usableRequest(tx, token);
    const greeting = await greetingOf(tx, row.clinicId, row.episodeId);
    const { timezone } = await clinicClock(tx, row.clinicId);
    if (!row.firstOpenedAt)
      await tx.questionnaireRequest.updateMany({ where: { id: row.id, clinicId: row.clinicId }, data: { firstOpenedAt: new Date() } });
    await auditRunner(tx, row.clinicId, {
      action: "questionnaire.open",
      entityType: "QuestionnaireRequest",
      entityId: row.id,
      patientId: greeting.patientId,
      detail: { via },
    });
    return {
      kind: "questionnaire",
      clinicName: greeting.clinicName,
      firstName: greeting.firstName,
      instruments: instrumentsOf(row),
      psfsActivities: row.psfsActivities,
      expiresAt: row.expiresAt.toISOString(),
      expiresOn: dayEndedBy(row.expiresAt, timezone),
      draft: readRunnerDraft(row.draft, shapeOf(row)),
      draftSavedAt: row.draftSavedAt?.toISOString() ?? null,
    };
  });
}

/** PUT /api/r/{token}: the answers so far (each still in range), to come back to later. */
export async function saveQuestionnaireDraft(token: unknown, answers: unknown): Promise<{ savedAt: string }> {
  return transaction(async (tx) => {
    const row = await usableRequest(tx, token);
    const draft = parseWithIssues(runnerAnswersSchema(shapeOf(row), "draft"), answers);
    const savedAt = new Date();
    const saved = await tx.questionnaireRequest.updateMany({
      where: { id: row.id, clinicId: row.clinicId, status: "open", submittedAt: null },
      data: { draft: asJson(draft), draftSavedAt: savedAt },
    });
    if (saved.count !== 1) throw new ConflictError(ALREADY_SENT);
    const { patientId } = await greetingOf(tx, row.clinicId, row.episodeId);
    await auditRunner(tx, row.clinicId, {
      action: "questionnaire.save",
      entityType: "QuestionnaireRequest",
      entityId: row.id,
      patientId,
    });
    return { savedAt: savedAt.toISOString() };
  });
}

/** POST /api/r/{token}: the final answers, once (201); the red-flag screen's "yes" answers reach the caseload at once. */
export async function submitQuestionnaire(token: unknown, answers: unknown): Promise<{ submittedAt: string; reportedRedFlags: string[] }> {
  return transaction(async (tx) => {
    const found = await usableRequest(tx, token);
    await lockEpisodeRow(tx, found.clinicId, found.episodeId);
    const row = await usableRequest(tx, token); // as it is now that the episode is ours
    const final = parseWithIssues(runnerAnswersSchema(shapeOf(row), "final"), answers);
    const settings = await clinicSettingsIn(tx, row.clinicId);
    const reportedRedFlags = runnerReportedYes(final, settings.persistentPainDays);
    const submittedAt = new Date();
    const done = await tx.questionnaireRequest.updateMany({
      where: { id: row.id, clinicId: row.clinicId, status: "open", submittedAt: null },
      data: { status: "completed", answers: asJson(final), submittedAt, reportedRedFlags },
    });
    if (done.count !== 1) throw new ConflictError(ALREADY_SENT);
    await refreshRunnerSummary(tx, row.clinicId, row.episodeId);
    const { patientId } = await greetingOf(tx, row.clinicId, row.episodeId);
    await auditRunner(tx, row.clinicId, {
      action: "questionnaire.submit",
      entityType: "QuestionnaireRequest",
      entityId: row.id,
      patientId,
      detail: { instruments: row.instruments, reportedRedFlags },
    });
    return { submittedAt: submittedAt.toISOString(), reportedRedFlags };
  });
}
