import { z } from "zod";
import { queryCursor, queryLimit, queryText } from "@/lib/validation/common";

/** Query strings of the JSON API list endpoints. */
export const patientListQuerySchema = z.strictObject({
  q: queryText(80, "search"),
  cursor: queryCursor,
  limit: queryLimit,
});
