/**
 * Stored answers (Assessment.answers): the form's answers, validated by the
 * same schema the form and the server actions use. The schema only ever
 * grows by optional fields, so answers saved by any earlier version parse.
 */
import { answersSchema, type Answers } from "@/lib/validation/assessment";
import { readStored } from "./read";

export function readAnswers(json: unknown): Answers {
  return readStored("answers", answersSchema, json);
}
