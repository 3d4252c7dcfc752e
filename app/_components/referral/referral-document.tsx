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
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";
import { Block, Facts } from "@/app/_components/referral/outline-blocks";
import { buildReferralOutline, LIVE, type ReferralState } from "@/lib/export/referral-outline";
import type { StoredReferralSnapshot } from "@/lib/export/types";

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
