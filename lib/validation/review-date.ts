import type { FieldIssue } from "@/lib/errors";
import { notBefore } from "@/lib/validation/messages";

/**
 * A review is planned ahead: its date is never before the episode's onset,
 * nor before the assessment that plans it. Checked by validation (the form,
 * the actions, the API), not by a table constraint: seeded and synthetic
 * histories keep their past dates.
 */
export function reviewDateIssues(
  path: string,
  label: "first review date" | "next review date",
  reviewDate: string | null | undefined,
  { onsetDate, assessedOn }: { onsetDate?: string | null; assessedOn?: string | null },
): FieldIssue[] {
  if (!reviewDate) return [];
  if (assessedOn && reviewDate < assessedOn) return [{ path, message: notBefore(label, "assessment date", assessedOn) }];
  if (onsetDate && reviewDate < onsetDate) return [{ path, message: notBefore(label, "onset date", onsetDate) }];
  return [];
}
