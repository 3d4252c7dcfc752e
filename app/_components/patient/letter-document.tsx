/**
 * A signed discharge summary or GP letter as a printable page: its frozen
 * words (lib/export/letter.ts), the same blocks its stored PDF was made
 * from, laid out like the referral (black text when printed, sections kept
 * whole, headings kept with what follows).
 */
import { Block } from "@/app/_components/referral/outline-blocks";
import type { Letter } from "@/lib/export/letter";

export function LetterDocument({ letter, id }: { letter: Letter; id: string }) {
  const part = (p: string | number) => `letter-${id}-${p}`;
  return (
    <article aria-labelledby={part("title")} className="space-y-5 text-sm leading-snug text-slate-900 print:text-[10pt] print:text-black">
      <header className="space-y-2">
        <h2 id={part("title")} className="text-xl font-bold">
          {letter.title}
        </h2>
        {letter.addressee.length ? (
          <address aria-label="To" className="not-italic whitespace-pre-line">
            {letter.addressee.join("\n")}
          </address>
        ) : null}
      </header>
      {letter.sections.map((section, i) => (
        <section key={i} aria-labelledby={part(i)} className="space-y-2 break-inside-avoid-page print:break-inside-avoid">
          <h3 id={part(i)} className="border-b border-slate-300 pb-0.5 text-base font-semibold break-after-avoid print:border-black">
            {section.title}
          </h3>
          {section.blocks.map((block, j) => (
            <Block key={j} block={block} />
          ))}
        </section>
      ))}
      <footer className="border-t border-slate-300 pt-2 text-xs text-slate-600 break-inside-avoid print:border-black print:text-black">
        {letter.footer}
      </footer>
    </article>
  );
}
