import "server-only";
import type { Actor } from "@/lib/domain/access";
import { DUPLICATE_DISTANCE_KM } from "@/lib/domain/runs";
import {
  DIARY_ALERT_LABELS,
  DIARY_BACKDATE_DAYS,
  DIARY_MAX_DAYS,
  DIARY_MAX_WEEKS,
  diaryAlerts,
  type DiaryAlertCode,
} from "@/lib/domain/runner";
import { audit, auditRunner } from "@/lib/data/audit";
import { clinicClock } from "@/lib/data/clinic";
import { refreshRunnerSummary } from "@/lib/data/episode-summary";
import { deliverLinkByEmail, type LinkEmailResult } from "@/lib/data/link-mail";
import { findEpisodeOrThrow, isUuid, lockEpisode } from "@/lib/data/patients";
import { proposeRunsLoggedSince } from "@/lib/data/run-log";
import { returnToRunIn, runnerPlanOf, type RunnerPlan } from "@/lib/data/return-to-run-state";
import { runnerProgramme, type RunnerProgramme } from "@/lib/data/runner-programme";
import { adviceInForce, greetingOf, lockEpisodeRow, tokenOf, type RunnerGreeting } from "@/lib/data/runner-links";
import { fromDateString, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ConflictError, GoneError, NotFoundError, ValidationError } from "@/lib/errors";
import { addDays, formatDate } from "@/lib/format";
import { mailConfigured } from "@/lib/mail";
import { hashToken, newRunnerToken, runnerLinkUrl, tokenOfUrl } from "@/lib/runner-token";
import { parseWithIssues } from "@/lib/validation/assessment";
import { diaryEntrySchema, nextMorningSchema, type DiaryEntryInput } from "@/lib/validation/runner";
import { dayLimitIssue, runLimitIssues } from "@/lib/validation/runs";
import type { Prisma } from "@/prisma/generated/client";
import { MAIL_NOT_SET_UP, NO_EMAIL_ON_RECORD } from "@/lib/validation/messages";

/**
 * The runner's pain-and-run diary between visits (issue 13). A clinician
 * makes a check-in link for an episode, valid until a day they set (at most
 * 16 weeks ahead; a new link revokes the previous one; revocable). The runner
 * logs each run or rest day on `/r/{token}`: a run also becomes a Run of the
 * run log (source diary, the same plausibility limits as any run), unless
 * the log already holds that run (same day, same distance within
 * DUPLICATE_DISTANCE_KM: imported from a watch, say). Each day
 * is judged against the episode's running advice in force and the day before
 * (lib/domain/runner.ts diaryAlerts); an alert names its entry and stays on
 * the caseload until a clinician reviews it.
 */
type LinkRow = Prisma.DiaryLinkGetPayload<object>;
type EntryRow = Prisma.DiaryEntryGetPayload<object>;

export type DiaryLinkStatus = "active" | "expired" | "revoked";

export type DiaryLinkView = {
  id: string;
  validUntil: string;
  status: DiaryLinkStatus;
  createdAt: Date;
  revokedAt: Date | null;
  emailedAt: Date | null;
};

export type DiaryEntryView = {
  id: string;
  date: string;
  kind: "run" | "rest";
  distanceKm: number | null;
  durationSec: number | null;
  surface: "road" | "track" | "treadmill" | "trail" | null;
  painDuring: number | null;
  painAfter: number | null;
  painNextMorning: number | null;
  swelling: boolean;
};

export type DiaryAlertView = {
  id: string;
  entryId: string;
  date: string;
  code: DiaryAlertCode;
  label: string;
  message: string;
  raisedAt: Date;
  reviewedAt: Date | null;
};

export type EpisodeDiary = { links: DiaryLinkView[]; entries: DiaryEntryView[]; alerts: DiaryAlertView[] };

function linkStatus(link: Pick<LinkRow, "revokedAt" | "validUntil">, today: string): DiaryLinkStatus {
  if (link.revokedAt) return "revoked";
  return toDateString(link.validUntil) < today ? "expired" : "active";
}

const linkView = (l: LinkRow, today: string): DiaryLinkView => ({
  id: l.id,
  validUntil: toDateString(l.validUntil),
  status: linkStatus(l, today),
  createdAt: l.createdAt,
  revokedAt: l.revokedAt,
  emailedAt: l.emailedAt,
});

export const entryView = (e: EntryRow): DiaryEntryView => ({
  id: e.id,
  date: toDateString(e.date),
  kind: e.kind,
  distanceKm: e.distanceKm,
  durationSec: e.durationSec,
  surface: e.surface,
  painDuring: e.painDuring,
  painAfter: e.painAfter,
  painNextMorning: e.painNextMorning,
  swelling: e.swelling,
});

// ---------------------------------------------------------------------------
// The clinician's side
// ---------------------------------------------------------------------------

export type CreatedDiaryLink = { id: string; url: string; validUntil: string; status: "active"; email?: LinkEmailResult };

/** A check-in link valid until `validUntil` (a clinic day, from tomorrow to 16 weeks ahead); it revokes the episode's previous link. */
export async function createDiaryLink(
  actor: Actor,
  episodeId: string,
  input: { validUntil: string; sendEmail: boolean },
  origin: string,
): Promise<CreatedDiaryLink> {
  const { token, hash } = newRunnerToken("diary", actor.clinicId);
  const row = await transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    if (episode.status !== "open")
      throw new ConflictError(
        episode.status === "discharged"
          ? "Reopen this episode before starting a diary: it is discharged"
          : "Start the diary from the runner's open episode: this one was withdrawn as opened in error",
      );
    const { today } = await clinicClock(tx, actor.clinicId);
    if (input.validUntil <= today || input.validUntil > addDays(today, DIARY_MAX_DAYS))
      throw new ValidationError([
        {
          path: "validUntil",
          message: `Choose a day from tomorrow to ${formatDate(addDays(today, DIARY_MAX_DAYS))} (at most ${DIARY_MAX_WEEKS} weeks)`,
        },
      ]);
    if (input.sendEmail) {
      if (!mailConfigured()) throw new ValidationError([{ path: "sendEmail", message: MAIL_NOT_SET_UP }]);
      const patient = await tx.patient.findFirst({ where: { id: episode.patientId, clinicId: actor.clinicId }, select: { email: true } });
      if (!patient?.email) throw new ValidationError([{ path: "sendEmail", message: NO_EMAIL_ON_RECORD }]);
    }
    const previous = await tx.diaryLink.findMany({
      where: { clinicId: actor.clinicId, episodeId, revokedAt: null, validUntil: { gte: fromDateString(today) } },
      select: { id: true },
    });
    if (previous.length)
      await tx.diaryLink.updateMany({
        where: { clinicId: actor.clinicId, id: { in: previous.map((p) => p.id) } },
        data: { revokedAt: new Date(), revokedById: actor.userId },
      });
    const created = await tx.diaryLink.create({
      data: {
        clinicId: actor.clinicId,
        episodeId,
        tokenHash: hash,
        validUntil: fromDateString(input.validUntil),
        createdById: actor.userId,
      },
    });
    await audit(tx, actor, {
      action: "diary.create",
      entityType: "DiaryLink",
      entityId: created.id,
      patientId: episode.patientId,
      detail: { episodeId, validUntil: input.validUntil, revoked: previous.map((p) => p.id) },
    });
    return created;
  });
  const url = runnerLinkUrl(origin, token);
  const result: CreatedDiaryLink = { id: row.id, url, validUntil: toDateString(row.validUntil), status: "active" };
  if (input.sendEmail) result.email = await deliverLinkByEmail(actor, { kind: "diary", id: row.id, episodeId, url });
  return result;
}

/** Revokes a diary link: it stops working at once; what was logged stays. */
export async function revokeDiaryLink(actor: Actor, episodeId: string, linkId: string): Promise<void> {
  if (!isUuid(linkId)) throw new NotFoundError("diary link");
  await transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const link = await tx.diaryLink.findFirst({ where: { id: linkId, clinicId: actor.clinicId, episodeId } });
    if (!link) throw new NotFoundError("diary link");
    if (link.revokedAt) throw new ConflictError("Reload the page: this diary link is already revoked");
    await tx.diaryLink.updateMany({
      where: { id: link.id, clinicId: actor.clinicId, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.userId },
    });
    await audit(tx, actor, {
      action: "diary.revoke",
      entityType: "DiaryLink",
      entityId: link.id,
      patientId: episode.patientId,
      detail: { episodeId },
    });
  });
}

/** E-mails an active diary link again (the clinician sends back the URL they were given). */
export async function emailDiaryLink(actor: Actor, episodeId: string, linkId: string, url: string): Promise<LinkEmailResult> {
  if (!isUuid(linkId)) throw new NotFoundError("diary link");
  await transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const link = await tx.diaryLink.findFirst({ where: { id: linkId, clinicId: actor.clinicId, episodeId } });
    if (!link) throw new NotFoundError("diary link");
    const token = tokenOfUrl(url);
    if (!token || hashToken(token) !== link.tokenHash)
      throw new ValidationError([{ path: "url", message: "Send the link of this diary: this is another one" }]);
    const { today } = await clinicClock(tx, actor.clinicId);
    if (linkStatus(link, today) !== "active") throw new ConflictError("Make a new diary link: this one is no longer active");
    if (!mailConfigured()) throw new ValidationError([{ path: "url", message: MAIL_NOT_SET_UP }]);
    const patient = await tx.patient.findFirst({ where: { id: episode.patientId, clinicId: actor.clinicId }, select: { email: true } });
    if (!patient?.email) throw new ValidationError([{ path: "url", message: NO_EMAIL_ON_RECORD }]);
  });
  return deliverLinkByEmail(actor, { kind: "diary", id: linkId, episodeId, url });
}

async function readDiary(tx: Tx, clinicId: string, episodeId: string, today: string): Promise<EpisodeDiary> {
  const [links, entries, alerts] = await Promise.all([
    tx.diaryLink.findMany({ where: { clinicId, episodeId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    tx.diaryEntry.findMany({ where: { clinicId, episodeId }, orderBy: { date: "asc" } }),
    tx.diaryAlert.findMany({
      where: { clinicId, episodeId },
      orderBy: [{ raisedAt: "asc" }, { id: "asc" }],
      include: { entry: { select: { date: true } } },
    }),
  ]);
  return {
    links: links.map((l) => linkView(l, today)),
    entries: entries.map(entryView),
    alerts: alerts.map((a) => ({
      id: a.id,
      entryId: a.entryId,
      date: toDateString(a.entry.date),
      code: a.code,
      label: DIARY_ALERT_LABELS[a.code],
      message: a.message,
      raisedAt: a.raisedAt,
      reviewedAt: a.reviewedAt,
    })),
  };
}

/** The diary of an episode: its links, entries (oldest first) and alerts (audited). */
export async function getEpisodeDiary(actor: Actor, episodeId: string): Promise<EpisodeDiary> {
  return transaction(async (tx) => {
    const episode = await findEpisodeOrThrow(tx, actor, episodeId);
    const { today } = await clinicClock(tx, actor.clinicId);
    const diary = await readDiary(tx, actor.clinicId, episodeId, today);
    await audit(tx, actor, { action: "diary.view", entityType: "Episode", entityId: episodeId, patientId: episode.patientId });
    return diary;
  });
}

/** A clinician has looked at the episode's open diary alerts (or one of them): they leave the caseload. */
export async function reviewDiaryAlerts(actor: Actor, episodeId: string, alertId?: string): Promise<number> {
  if (alertId !== undefined && !isUuid(alertId)) throw new NotFoundError("diary alert");
  return transaction(async (tx) => {
    const episode = await lockEpisode(tx, actor, episodeId);
    const open = await tx.diaryAlert.findMany({
      where: { clinicId: actor.clinicId, episodeId, reviewedAt: null, ...(alertId ? { id: alertId } : {}) },
      select: { id: true },
    });
    if (alertId && open.length === 0) {
      const exists = await tx.diaryAlert.findFirst({ where: { clinicId: actor.clinicId, episodeId, id: alertId }, select: { id: true } });
      if (!exists) throw new NotFoundError("diary alert");
      throw new ConflictError("Reload the page: this diary alert has already been reviewed");
    }
    if (open.length === 0) throw new ConflictError("Reload the page: there are no diary alerts to review");
    await tx.diaryAlert.updateMany({
      where: { clinicId: actor.clinicId, id: { in: open.map((a) => a.id) }, reviewedAt: null },
      data: { reviewedAt: new Date(), reviewedById: actor.userId },
    });
    await refreshRunnerSummary(tx, actor.clinicId, episodeId);
    await audit(tx, actor, {
      action: "diary.review_alerts",
      entityType: "Episode",
      entityId: episodeId,
      patientId: episode.patientId,
      detail: { alertIds: open.map((a) => a.id) },
    });
    return open.length;
  });
}

// ---------------------------------------------------------------------------
// The runner's side
// ---------------------------------------------------------------------------

export type RunnerDiary = RunnerGreeting & {
  kind: "diary";
  validUntil: string;
  today: string;
  /** The earliest day the runner may log. */
  earliest: string;
  /** The runner's own recent days, newest first. */
  entries: DiaryEntryView[];
  /** The return-to-run plan of the episode, in the runner's words (null: none). */
  plan: RunnerPlan | null;
  /** Their current exercise programme to tick off, or null (none, or stopped). */
  programme: RunnerProgramme | null;
};

/** The link a token names while it works: 404 unknown, 410 expired or revoked. */
export async function usableLink(tx: Tx, token: unknown): Promise<{ link: LinkRow; today: string }> {
  const { clinicId, hash } = tokenOf(token, "diary");
  const link = await tx.diaryLink.findFirst({ where: { clinicId, tokenHash: hash } });
  if (!link) throw new NotFoundError("link");
  const { today } = await clinicClock(tx, clinicId);
  const status = linkStatus(link, today);
  if (status === "revoked") throw new GoneError("This diary link is no longer active. Please ask your clinic for a new one.");
  if (status === "expired") throw new GoneError("This diary link has expired. Please ask your clinic for a new one.");
  return { link, today };
}

/** The state check alone (404, 410), before a body is read. */
export async function checkDiaryUsable(token: unknown): Promise<void> {
  await transaction((tx) => usableLink(tx, token));
}

const RECENT_ENTRIES = 14;

async function runnerPlanIn(tx: Tx, clinicId: string, episodeId: string): Promise<RunnerPlan | null> {
  const plan = (await returnToRunIn(tx, clinicId, [episodeId])).get(episodeId);
  return plan ? runnerPlanOf(plan) : null;
}

async function runnerDiary(tx: Tx, link: LinkRow, today: string): Promise<RunnerDiary> {
  const greeting = await greetingOf(tx, link.clinicId, link.episodeId);
  const entries = await tx.diaryEntry.findMany({
    where: { clinicId: link.clinicId, episodeId: link.episodeId },
    orderBy: { date: "desc" },
    take: RECENT_ENTRIES,
  });
  return {
    kind: "diary",
    clinicName: greeting.clinicName,
    firstName: greeting.firstName,
    validUntil: toDateString(link.validUntil),
    today,
    earliest: addDays(today, -DIARY_BACKDATE_DAYS),
    entries: entries.map(entryView),
    plan: await runnerPlanIn(tx, link.clinicId, link.episodeId),
    programme: await runnerProgramme(tx, link.clinicId, link.episodeId, today),
  };
}

/** Opens the diary for the runner (the page, or GET /api/r/{token}); audited with the runner as actor. */
export async function openDiary(token: unknown, via: "page" | "api"): Promise<RunnerDiary> {
  return transaction(async (tx) => {
    const { link, today } = await usableLink(tx, token);
    const diary = await runnerDiary(tx, link, today);
    const { patientId } = await greetingOf(tx, link.clinicId, link.episodeId);
    await auditRunner(tx, link.clinicId, { action: "diary.open", entityType: "DiaryLink", entityId: link.id, patientId, detail: { via } });
    return diary;
  });
}

/**
 * Raises the alerts of one day (and of the day after it, whose next-morning
 * comparison may change), each once: an alert already raised for an entry
 * and code is not raised again.
 */
async function raiseAlerts(tx: Tx, link: LinkRow, dates: string[]): Promise<DiaryAlertCode[]> {
  const advice = await adviceInForce(tx, link.clinicId, link.episodeId);
  const raised: DiaryAlertCode[] = [];
  for (const date of dates) {
    const [entry, previous] = await Promise.all(
      [date, addDays(date, -1)].map((d) =>
        tx.diaryEntry.findFirst({ where: { clinicId: link.clinicId, episodeId: link.episodeId, date: fromDateString(d) } }),
      ),
    );
    if (!entry) continue;
    const alerts = diaryAlerts(
      entryView(entry),
      previous ? { date: toDateString(previous.date), painNextMorning: previous.painNextMorning } : null,
      advice,
      advice.text,
      formatDate,
    );
    if (!alerts.length) continue;
    const made = await tx.diaryAlert.createMany({
      data: alerts.map((a) => ({
        clinicId: link.clinicId,
        episodeId: link.episodeId,
        entryId: entry.id,
        code: a.code,
        message: a.message,
      })),
      skipDuplicates: true,
    });
    if (made.count) raised.push(...alerts.map((a) => a.code));
  }
  return raised;
}

/** POST /api/r/{token} of a diary: one day (201). A day already logged is a 409; the run limits of any run apply. */
export async function addDiaryEntry(token: unknown, body: unknown): Promise<{ entry: DiaryEntryView; flagged: boolean }> {
  return transaction(async (tx) => {
    const first = await usableLink(tx, token);
    await lockEpisodeRow(tx, first.link.clinicId, first.link.episodeId);
    const { link, today } = await usableLink(tx, token);
    const input: DiaryEntryInput = parseWithIssues(diaryEntrySchema, body);
    const issues: { path: string; message: string }[] = [];
    if (input.date > today) issues.push({ path: "date", message: "Choose today or an earlier day: this one has not happened yet" });
    if (input.date < addDays(today, -DIARY_BACKDATE_DAYS))
      issues.push({
        path: "date",
        message: `Choose one of the last ${DIARY_BACKDATE_DAYS} days, and tell your clinic about earlier days at your visit`,
      });
    const { patientId } = await greetingOf(tx, link.clinicId, link.episodeId);
    // The same run already in the log (imported from a watch, entered by the clinic): the diary day refers to it, no second Run.
    let sameRun: { id: string } | null = null;
    if (input.kind === "run" && input.distanceKm !== null) {
      issues.push(...runLimitIssues({ distanceKm: input.distanceKm, durationSec: input.durationSec }));
      const sameDay = await tx.run.findMany({
        where: { clinicId: link.clinicId, patientId, date: fromDateString(input.date) },
        select: { id: true, distanceKm: true },
      });
      sameRun = sameDay.find((r) => Math.abs(r.distanceKm - input.distanceKm!) <= DUPLICATE_DISTANCE_KM) ?? null;
      const otherKm = sameDay.reduce((sum, r) => sum + r.distanceKm, 0);
      const day = sameRun ? null : dayLimitIssue(formatDate(input.date), otherKm, input.distanceKm);
      if (day && !issues.some((i) => i.path === "distance")) issues.push(day);
    }
    if (issues.length) throw new ValidationError(issues);
    const taken = await tx.diaryEntry.findFirst({
      where: { clinicId: link.clinicId, episodeId: link.episodeId, date: fromDateString(input.date) },
      select: { id: true },
    });
    if (taken)
      throw new ConflictError(
        `Use "Add next-morning pain" on that day to add the next-morning pain: you have already logged ${formatDate(input.date)}`,
      );
    const entry = await tx.diaryEntry.create({
      data: {
        clinicId: link.clinicId,
        episodeId: link.episodeId,
        diaryLinkId: link.id,
        date: fromDateString(input.date),
        kind: input.kind,
        distanceKm: input.distanceKm,
        durationSec: input.durationSec,
        surface: input.surface,
        painDuring: input.painDuring,
        painAfter: input.painAfter,
        painNextMorning: input.painNextMorning,
        swelling: input.swelling,
      },
    });
    if (input.kind === "run" && input.distanceKm !== null && !sameRun) {
      await tx.run.create({
        data: {
          clinicId: link.clinicId,
          patientId,
          date: fromDateString(input.date),
          distanceKm: input.distanceKm,
          durationSec: input.durationSec,
          surface: input.surface,
          source: "diary",
          diaryEntryId: entry.id,
        },
      });
      await proposeRunsLoggedSince(tx, link.clinicId, patientId);
    }
    const raised = await raiseAlerts(tx, link, [input.date, addDays(input.date, 1)]);
    if (raised.length) await refreshRunnerSummary(tx, link.clinicId, link.episodeId);
    await auditRunner(tx, link.clinicId, {
      action: "diary.entry",
      entityType: "DiaryLink",
      entityId: link.id,
      patientId,
      detail: { entryId: entry.id, date: input.date, kind: input.kind, alerts: raised, ...(sameRun ? { sameRunAs: sameRun.id } : {}) },
    });
    return { entry: entryView(entry), flagged: raised.length > 0 };
  });
}

/** PUT /api/r/{token} of a diary: the next-morning pain of a day already logged, once. */
export async function addNextMorningPain(token: unknown, body: unknown): Promise<{ entry: DiaryEntryView; flagged: boolean }> {
  return transaction(async (tx) => {
    const first = await usableLink(tx, token);
    await lockEpisodeRow(tx, first.link.clinicId, first.link.episodeId);
    const { link } = await usableLink(tx, token);
    const input = parseWithIssues(nextMorningSchema, body);
    const entry = await tx.diaryEntry.findFirst({
      where: { clinicId: link.clinicId, episodeId: link.episodeId, date: fromDateString(input.date) },
    });
    if (!entry)
      throw new ValidationError([{ path: "date", message: `Log the day first: nothing is logged for ${formatDate(input.date)} yet` }]);
    if (entry.painNextMorning !== null)
      throw new ConflictError(
        `Leave it as it is: the next-morning pain of ${formatDate(input.date)} is already recorded (${entry.painNextMorning}/10)`,
      );
    await tx.diaryEntry.updateMany({
      where: { id: entry.id, clinicId: link.clinicId, painNextMorning: null },
      data: { painNextMorning: input.painNextMorning },
    });
    const raised = await raiseAlerts(tx, link, [input.date, addDays(input.date, 1)]);
    if (raised.length) await refreshRunnerSummary(tx, link.clinicId, link.episodeId);
    const { patientId } = await greetingOf(tx, link.clinicId, link.episodeId);
    await auditRunner(tx, link.clinicId, {
      action: "diary.next_morning",
      entityType: "DiaryLink",
      entityId: link.id,
      patientId,
      detail: { entryId: entry.id, date: input.date, alerts: raised },
    });
    return { entry: { ...entryView(entry), painNextMorning: input.painNextMorning }, flagged: raised.length > 0 };
  });
}
