import { z } from "zod";
import { ONE_CURSOR, oneCursor, queryBefore, queryCursor, querySort, querySortDir, queryText } from "@/lib/validation/common";
import { DIRECTORY_SORT } from "@/lib/validation/patients";

/** Query strings of the JSON API list endpoints. */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const patientListQuerySchema = z
  .strictObject({
    q: queryText(80, "q"),
    sort: querySort(DIRECTORY_SORT),
    dir: querySortDir,
    cursor: queryCursor,
    before: queryBefore,
    limit: z.preprocess(
      blank,
      z.coerce
        .number({ error: "limit must be a number" })
        .int("limit must be a whole number")
        .min(1, "limit must be from 1 to 100")
        .max(100, "limit must be from 1 to 100")
        .default(25),
    ),
  })
  .refine(oneCursor, ONE_CURSOR);
