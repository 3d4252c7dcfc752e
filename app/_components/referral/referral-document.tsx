/**
 * The referral as a printable page: lays out the referral outline
 * (lib/export/referral-outline.ts), the same sections and words as the PDF
 * and the FHIR narrative. A server component (no hooks, no client code): it
 * is used on the referral page, in the draft preview and on the print page.
 *
 * Print stylesheet via Tailwind `print:` variants: black text, no shadows
 * or tinted backgrounds, sections and table rows not split across pages,
 * headings kept with what follows. Urgency is a badge with a word and an
 * icon, never colour alone. Tables have a <caption> and scoped headers. A
 * cancelled referral carries a notice at the top and, when printed,
 * "Cancelled" at the top of every page (a fixed element repeats on each
 * printed page).
 */
import type { ReactNode } from "react";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";
import { buildReferralOutline, LIVE, type OutlineBlock, type OutlineRow, type ReferralState } from "@/lib/export/referral-outline";
import type { StoredReferralSnapshot } from "@/lib/export/types";

const TABLE = "w-full border-collapse text-left text-sm print:text-[9.5pt]";
const CAPTION = "caption-top pb-1 text-left text-xs italic text-slate-600 print:text-black";
const TH = "border-b border-slate-300 bg-slate-50 px-2 py-1 font-semibold print:bg-transparent print:border-black";
const TD = "border-b border-slate-200 px-2 py-1 align-top whitespace-pre-line print:border-slate-400";
const ROW = "break-inside-avoid";

/** "Label: value" rows of a definition list, in a dense grid. */
function Facts({ rows }: { rows: OutlineRow[] }) {
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

// eslint-disable-next-line max-lines-per-function -- one case per kind of block of the referral outline
function Block({ block }: { block: OutlineBlock }): ReactNode {
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

export function ReferralDocument({ snapshot, state = LIVE }: { snapshot: StoredReferralSnapshot; state?: ReferralState }) {
  const o = buildReferralOutline(snapshot, state);
  const id = (part: string) => `referral-${snapshot.referralId}-${part}`;

  return (
    <article aria-labelledby={id("title")} className="space-y-5 text-sm leading-snug text-slate-900 print:text-[10pt] print:text-black">
      {o.pageMark ? (
        <p
          aria-hidden="true"
          className="hidden text-center text-xs font-bold tracking-widest text-red-800 print:fixed print:inset-x-0 print:top-0 print:block"
        >
          {o.pageMark}
        </p>
      ) : null}
      <header className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={id("title")} className="text-xl font-bold">
            {o.title}
          </h2>
          <p className="text-xs text-slate-600 print:text-black">{o.sender}</p>
        </div>
        {o.cancelled ? (
          <div role="alert" className="rounded border-2 border-red-700 px-3 py-2 font-semibold text-red-900 print:text-black">
            <p>{o.cancelled.heading}</p>
            <p className="whitespace-pre-line">{o.cancelled.text}</p>
          </div>
        ) : null}
        <div
          role="note"
          aria-label="Urgency"
          className="flex flex-wrap items-center gap-2 rounded border-2 border-slate-800 px-3 py-2 print:border-black"
        >
          <span className="font-semibold">Urgency:</span>
          <UrgencyBadge urgency={o.urgency.level} className="print:ring-black" />
          <span>{o.urgency.label}</span>
        </div>
        <div className="grid gap-x-8 gap-y-2 sm:grid-cols-2 print:grid-cols-2">
          <Facts rows={o.patientRows} />
          <Facts rows={o.referralRows} />
        </div>
      </header>

      {o.sections.map((section) => (
        <section
          key={section.id}
          aria-labelledby={id(section.id)}
          className={`space-y-2 ${section.long ? "" : "break-inside-avoid-page print:break-inside-avoid"}`}
        >
          <h3 id={id(section.id)} className="border-b border-slate-300 pb-0.5 text-base font-semibold break-after-avoid print:border-black">
            {section.title}
          </h3>
          {section.blocks.map((block, i) => (
            <Block key={i} block={block} />
          ))}
        </section>
      ))}

      <footer className="space-y-1 border-t border-slate-300 pt-2 break-inside-avoid print:border-black">
        <p className="font-semibold">{o.signature}</p>
        <p className="text-xs text-slate-600 print:text-black">
          {o.footer}. {o.disclaimer}
        </p>
      </footer>
    </article>
  );
}
