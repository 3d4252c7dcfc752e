import "server-only";
import { RUNNING_ADVICE_LABELS, runningAdviceText, type AdviceInForce } from "@/lib/domain";
import { readEvaluationOrNull } from "@/lib/stored/evaluation";
import { parseRunnerToken, type ParsedToken, type RunnerLinkKind } from "@/lib/runner-token";
import type { Tx } from "@/lib/data/tx";
import { NotFoundError } from "@/lib/errors";

/**
 * What the two kinds of runner link share (questionnaire requests and diary
 * links, lib/data/questionnaires.ts and lib/data/diary.ts): a token resolves,
 * within its clinic, to exactly one link and nothing else; the runner sees
 * only the clinic's name and their own first name; every write locks the
 * episode first (its caseload summary changes).
 */

/** The token of a link of `kind`, or NotFoundError: a wrong token, a token of the other kind and no token at all look alike. */
export function tokenOf(token: unknown, kind: RunnerLinkKind): ParsedToken {
  const parsed = parseRunnerToken(token);
  if (!parsed || parsed.kind !== kind) throw new NotFoundError("link");
  return parsed;
}

/** Everything the runner may see about whom the link is for: nothing beyond these two. */
export type RunnerGreeting = { clinicName: string; firstName: string };

export async function greetingOf(tx: Tx, clinicId: string, episodeId: string): Promise<RunnerGreeting & { patientId: string }> {
  const episode = await tx.episode.findFirst({
    where: { id: episodeId, clinicId },
    select: { patientId: true, patient: { select: { givenName: true } }, clinic: { select: { name: true } } },
  });
  if (!episode) throw new NotFoundError("link");
  return { clinicName: episode.clinic.name, firstName: episode.patient.givenName, patientId: episode.patientId };
}

/** Locks an episode (SELECT … FOR UPDATE) for a write that changes its caseload summary. */
export async function lockEpisodeRow(tx: Tx, clinicId: string, episodeId: string): Promise<void> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Episode" WHERE id = ${episodeId}::uuid AND "clinicId" = ${clinicId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError("episode");
}

/**
 * The episode's running advice in force: that of its latest signed assessment
 * not entered in error. None yet, or an evaluation of rules version 1 (which
 * gave none), counts as "screen incomplete" (no running advice).
 */
export async function adviceInForce(tx: Tx, clinicId: string, episodeId: string): Promise<AdviceInForce & { text: string }> {
  const latest = await tx.assessment.findFirst({
    where: { clinicId, episodeId, status: "signed" },
    orderBy: [{ assessedOn: "desc" }, { signedAt: "desc" }, { id: "desc" }],
    select: { evaluation: true },
  });
  const evaluation = readEvaluationOrNull(latest?.evaluation);
  if (evaluation?.rulesVersion !== "2")
    return { mode: "screen_incomplete", maxPainDuringRun: null, text: RUNNING_ADVICE_LABELS.screen_incomplete };
  const advice = evaluation.runningAdvice;
  return { mode: advice.mode, maxPainDuringRun: advice.maxPainDuringRun, text: runningAdviceText(advice) };
}

/** The e-mail address on the runner's record, or null. */
export async function runnerEmail(tx: Tx, clinicId: string, patientId: string): Promise<string | null> {
  const patient = await tx.patient.findFirst({ where: { id: patientId, clinicId }, select: { email: true } });
  return patient?.email ?? null;
}
