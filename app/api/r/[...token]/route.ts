import { NextResponse } from "next/server";
import { errorResponse, readJsonBody } from "@/lib/api";
import { addDiaryEntry, addNextMorningPain, checkDiaryUsable, openDiary } from "@/lib/data/diary";
import { tickExercise } from "@/lib/data/exercise-ticks";
import { checkQuestionnaireUsable, openQuestionnaire, saveQuestionnaireDraft, submitQuestionnaire } from "@/lib/data/questionnaires";
import { NotFoundError } from "@/lib/errors";
import { parseRunnerToken } from "@/lib/runner-token";
import { parseWithIssues } from "@/lib/validation/assessment";
import { runnerAnswersBody } from "@/lib/validation/runner";

/**
 * The runner's side of their links, without a session (proxy.ts counts each
 * request against the client address: 429 over RUNNER_LINK_LIMIT). A token
 * resolves to one questionnaire request or one diary link and nothing else.
 *
 * Questionnaire: GET -> the request (200); PUT {answers} -> the answers so far
 * (200); POST {answers} -> submitted (201), 409 once submitted, 410 expired or
 * withdrawn, 404 unknown, 400 with the issues beside each question's path.
 * Diary: GET -> the diary (200); POST {date, kind, …} -> a day logged (201);
 * PUT {date, painNextMorning} -> next-morning pain added (200); 409 a day
 * already logged, 410 expired or revoked, 404 unknown.
 * Diary, its exercise programme: POST /api/r/{token}/exercises {date,
 * exercise, done} -> the programme with its ticks (200); 400 a day or an
 * exercise it cannot tick, 409 the programme was stopped.
 */
type Ctx = { params: Promise<{ token: string[] }> };

const MAX_BODY_BYTES = 64 * 1024;
const NOT_A_LINK = "This link is not valid. Please check it, or ask your clinic for a new one.";

async function tokenFrom(ctx: Ctx): Promise<{ token: string; kind: "questionnaire" | "diary" }> {
  const parts = (await ctx.params).token;
  const parsed = parts.length === 1 ? parseRunnerToken(parts[0]) : null;
  if (!parsed) throw new NotFoundError("link");
  return { token: parts[0]!, kind: parsed.kind };
}

/** The link's state is answered (404, 409, 410) before its body is read. */
async function bodyFor(req: Request, token: string, kind: "questionnaire" | "diary"): Promise<unknown> {
  await (kind === "questionnaire" ? checkQuestionnaireUsable(token) : checkDiaryUsable(token));
  return readJsonBody(req, MAX_BODY_BYTES);
}

function answer(fn: (req: Request, ctx: Ctx) => Promise<Response>) {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    try {
      return await fn(req, ctx);
    } catch (error) {
      // One neutral answer for every token that names nothing: a wrong one, a malformed one, one of another clinic.
      if (error instanceof NotFoundError) return NextResponse.json({ error: "not found", message: NOT_A_LINK }, { status: 404 });
      return errorResponse(error);
    }
  };
}

export const GET = answer(async (_req, ctx) => {
  const { token, kind } = await tokenFrom(ctx);
  return NextResponse.json(kind === "questionnaire" ? await openQuestionnaire(token, "api") : await openDiary(token, "api"));
});

export const PUT = answer(async (req, ctx) => {
  const { token, kind } = await tokenFrom(ctx);
  const body = await bodyFor(req, token, kind);
  if (kind === "diary") return NextResponse.json(await addNextMorningPain(token, body));
  const { answers } = parseWithIssues(runnerAnswersBody, body);
  return NextResponse.json(await saveQuestionnaireDraft(token, answers));
});

export const POST = answer(async (req, ctx) => {
  const parts = (await ctx.params).token;
  if (parts.length === 2 && parts[1] === "exercises" && parseRunnerToken(parts[0])?.kind === "diary") {
    const body = await bodyFor(req, parts[0]!, "diary");
    return NextResponse.json(await tickExercise(parts[0], body));
  }
  const { token, kind } = await tokenFrom(ctx);
  const body = await bodyFor(req, token, kind);
  if (kind === "diary") return NextResponse.json(await addDiaryEntry(token, body), { status: 201 });
  const { answers } = parseWithIssues(runnerAnswersBody, body);
  return NextResponse.json(await submitQuestionnaire(token, answers), { status: 201 });
});
