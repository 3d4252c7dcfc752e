import type { ReactNode } from "react";

/** A column header: its words, or words for screen readers only (a column of buttons). */
export type SmallColumn = string | { srOnly: string };

/**
 * A small table of a panel (a runner's links, diary days, a programme's
 * exercises): a caption for screen readers, one header row of column
 * headers (`scope="col"`), and the rows as given (a row's first cell may be
 * its header, `<th scope="row">`). Rows: `border-t border-slate-100`, cells
 * `py-1 pr-2` (the last `py-1`).
 */
export function SmallTable({
  caption,
  showCaption = false,
  columns,
  size = "xs",
  tone = "plain",
  testId,
  children,
}: {
  caption: string;
  /** Show the caption as the table's title (else it is for screen readers only). */
  showCaption?: boolean;
  columns: readonly SmallColumn[];
  /** The text size of the rows (the headers are always small). */
  size?: "xs" | "sm";
  /** "refusal": a shown caption in red, for a table of what was refused or left out (with the reason). */
  tone?: "plain" | "refusal";
  testId?: string;
  children: ReactNode;
}) {
  return (
    <table className={`${showCaption ? "" : "mt-2 "}w-full text-left ${size === "sm" ? "text-sm" : "text-xs"}`} data-testid={testId}>
      <caption className={showCaption ? `mb-1 text-left font-medium ${tone === "refusal" ? "text-red-900" : "text-slate-900"}` : "sr-only"}>
        {caption}
      </caption>
      <thead className="text-xs text-slate-600">
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={`py-1 font-medium ${i < columns.length - 1 ? "pr-2" : ""}`}>
              {typeof c === "string" ? c : <span className="sr-only">{c.srOnly}</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
