import { NextResponse } from "next/server";
import { apiRoute, readJsonBody } from "@/lib/api";
import { evaluate } from "@/lib/clinical";
import { ValidationError } from "@/lib/errors";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";

/**
 * POST /api/v1/evaluate: the clinical engine over HTTP (EVALUATE.md).
 * Same JSON as the library and the command line for the same input;
 * 400 with {"error":"invalid input","issues":[...]} on invalid input,
 * 413 for bodies over 256 kB, 401 without a session.
 */
const MAX_BODY_BYTES = 256 * 1024;

export const POST = apiRoute("evaluate.run", async ({ req }) => {
  const body = await readJsonBody(req, MAX_BODY_BYTES);
  const parsed = parseEvaluationInput(body);
  if (!parsed.ok) throw new ValidationError(parsed.issues);
  return NextResponse.json(evaluate(parsed.value));
});
