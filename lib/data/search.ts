import "server-only";
import { Prisma } from "@/prisma/generated/client";

/**
 * Finding runners the way clinicians type them: "Olivia Haddad", "Haddad,
 * Olivia" (the list's format), part of the MRN with or without its prefix
 * ("100231" for RI-100231), in any case, accents and apostrophes ignored
 * ("obrien" finds O'Brien, "jose" finds José). Every word typed must be the
 * start of a word of the runner's name or MRN, in any order.
 *
 * Done by PostgreSQL's built-in full-text search, no extension: the
 * functions kc_search_text, kc_patient_search and kc_search_query and the
 * GIN index "Patient_search_idx" on kc_patient_search("givenName",
 * "familyName", mrn) (migration runner_search). The condition below is that
 * index's expression exactly, so the planner uses it: a search costs the
 * same at 50,000 runners as at 50.
 */
export function runnerMatches(alias: "p" | '"Patient"', q: string): Prisma.Sql {
  const t = Prisma.raw(alias);
  return Prisma.sql`kc_patient_search(${t}."givenName", ${t}."familyName", ${t}.mrn) @@ kc_search_query(${q})`;
}

/** Whether a search has anything to find by: a letter or a digit (punctuation alone matches nobody, and is ignored). */
export function searchable(q: string): boolean {
  return /[\p{L}\p{N}]/u.test(q);
}
