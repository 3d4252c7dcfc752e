import type { ChangeClass } from "@/lib/clinical";

const LABEL: Record<ChangeClass, string> = { improved: "Improved", unchanged: "Unchanged", worsened: "Worsened" };

/**
 * Improved / unchanged / worsened as word + icon + colour: one element, its
 * icon and colours written once in globals.css (`.change-badge`), since the
 * assessment history shows two in nearly every cell.
 */
export function ChangeBadge({ value }: { value: ChangeClass }) {
  return (
    <span className="change-badge" data-change={value}>
      {LABEL[value]}
    </span>
  );
}
