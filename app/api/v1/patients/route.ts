import { NextResponse } from "next/server";
import { apiRoute, queryObject } from "@/lib/api";
import { searchPatients } from "@/lib/data/patients";
import { toInputIssues } from "@/lib/validation/evaluate-input";
import { patientListQuerySchema } from "@/lib/validation/api";
import { ValidationError } from "@/lib/errors";

/** GET /api/v1/patients?q=&cursor=&limit= -> {items, nextCursor}: the clinic's runners by name. */
export const GET = apiRoute("patient.read", async ({ req, actor }) => {
  const parsed = patientListQuerySchema.safeParse(queryObject(req));
  if (!parsed.success) throw new ValidationError(toInputIssues(parsed.error.issues));
  return NextResponse.json(await searchPatients(actor, parsed.data));
});
