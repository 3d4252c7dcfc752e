import { listHref, type ListParams } from "@/app/_components/ui/list-href";

/** The caseload's query string: filters kept, a new cursor or none (back to the first page). */
export type CaseloadParams = ListParams;

export function caseloadHref(base: CaseloadParams, change: CaseloadParams): string {
  return listHref("/patients", base, change);
}
