/**
 * The blocks of a printable outline (lib/export/referral-outline.ts): the
 * referral's and the discharge letters' (lib/export/letter.ts), laid out for
 * the screen and for print. A server component.
 */
import type { ReactNode } from "react";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";
import type { OutlineBlock, OutlineRow } from "@/lib/export/referral-outline";

const TABLE = "w-full border-collapse text-left text-sm print:text-[9.5pt]";
const CAPTION = "caption-top pb-1 text-left text-xs italic text-slate-600 print:text-black";
const TH = "border-b border-slate-300 bg-slate-50 px-2 py-1 font-semibold print:bg-transparent print:border-black";
const TD = "border-b border-slate-200 px-2 py-1 align-top whitespace-pre-line print:border-slate-400";
const ROW = "break-inside-avoid";

/** "Label: value" rows of a definition list, in a dense grid. */
export function Facts({ rows }: { rows: OutlineRow[] }) {
  return (
    <dl className="grid grid-cols-[minmax(0,max-content)_1fr] gap-x-3 gap-y-0.5">
      {rows.map((row, i) => (
        <div key={`${row.label}-${i}`} className="contents">
          <dt className="font-semibold">{row.label}</dt>
          <dd className="min-w-0 break-words whitespace-pre-line">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

// eslint-disable-next-line max-lines-per-function -- one case per kind of block of an outline
export function Block({ block }: { block: OutlineBlock }): ReactNode {
  switch (block.kind) {
    case "facts":
      return <Facts rows={block.rows} />;
    case "heading":
      return <h4 className="text-sm font-semibold break-after-avoid">{block.text}</h4>;
    case "text":
      return (
        <p
          className={`whitespace-pre-line ${block.style === "strong" ? "font-semibold" : block.style === "muted" ? "text-slate-600 print:text-black" : ""}`}
        >
          {block.text}
        </p>
      );
    case "list":
      return (
        <div>
          {block.heading ? <h4 className="text-sm font-semibold break-after-avoid">{block.heading}</h4> : null}
          {block.items.length === 0 ? (
            <p className="text-slate-600 print:text-black">{block.empty}</p>
          ) : (
            <ul className="list-disc space-y-0.5 pl-5">
              {block.items.map((item, i) => (
                <li key={i}>
                  {item.lead ? <span className="font-semibold">{item.lead}</span> : null}
                  {item.urgency ? (
                    <>
                      {" "}
                      <UrgencyBadge urgency={item.urgency} className="print:ring-black" />
                    </>
                  ) : null}
                  {item.lead ? ": " : null}
                  {item.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    case "table":
      return (
        <div>
          <div className="overflow-x-auto print:overflow-visible">
            <table className={TABLE}>
              <caption className={CAPTION}>{block.caption}</caption>
              <thead>
                <tr>
                  {block.headers.map((h, i) => (
                    <th key={i} scope="col" className={TH}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((row, r) => (
                  <tr key={r} className={ROW}>
                    {row.map((cell, c) =>
                      c === 0 ? (
                        <th key={c} scope="row" className={`${TD} font-normal`}>
                          {cell}
                        </th>
                      ) : (
                        <td key={c} className={TD}>
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(block.notes ?? []).map((note) => (
            <p key={note} className="text-xs text-slate-600 print:text-black">
              {note}
            </p>
          ))}
        </div>
      );
  }
}
