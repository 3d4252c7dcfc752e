import type { ChangeClass } from "@/lib/clinical";

const LABEL: Record<ChangeClass, string> = { improved: "Improved", unchanged: "Unchanged", worsened: "Worsened" };
/** Each change's icon, drawn by CSS (app/_styles/icons.mjs). */
const ICON: Record<ChangeClass, string> = { improved: "icon-arrow-up-right", unchanged: "icon-minus", worsened: "icon-arrow-down-right" };

/**
 * Improved / unchanged / worsened as word + icon + colour: one element, its
 * colours written once in globals.css (`.change-badge`) and its icon drawn by CSS, since the
 * assessment history shows two in nearly every cell.
 */
export function ChangeBadge({ value }: { value: ChangeClass }) {
  return (
    <span className={`change-badge ${ICON[value]}`} data-change={value}>
      {LABEL[value]}
    </span>
  );
}
