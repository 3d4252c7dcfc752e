import { z } from "zod";
import { ONE_CURSOR, oneCursor, queryBefore, queryCursor, queryLimit, querySort, querySortDir, queryText } from "@/lib/validation/common";
import { DIRECTORY_SORT } from "@/lib/validation/patients";

/** Query strings of the JSON API list endpoints. */
export const patientListQuerySchema = z
  .strictObject({
    q: queryText(80, "search"),
    sort: querySort(DIRECTORY_SORT),
    dir: querySortDir,
    cursor: queryCursor,
    before: queryBefore,
    limit: queryLimit,
  })
  .refine(oneCursor, ONE_CURSOR);
