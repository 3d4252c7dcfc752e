import { z } from "zod";

/** Query strings of the JSON API list endpoints. */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const patientListQuerySchema = z.strictObject({
  q: z.preprocess(blank, z.string().trim().max(80, "q must be at most 80 characters").optional()),
  cursor: z.preprocess(blank, z.string().max(400, "cursor is too long").optional()),
  limit: z.preprocess(
    blank,
    z.coerce
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be from 1 to 100")
      .max(100, "limit must be from 1 to 100")
      .default(25),
  ),
});
