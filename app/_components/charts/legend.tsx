import type { ReactNode } from "react";

/** A small HTML legend under a chart's title (text, not colour alone). */
export function Legend({ children }: { children: ReactNode }) {
  return <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600">{children}</ul>;
}

export function LegendItem({ swatch, children }: { swatch: ReactNode; children: ReactNode }) {
  return (
    <li className="inline-flex items-center gap-1">
      <span aria-hidden="true" className="inline-flex items-center">
        {swatch}
      </span>
      {children}
    </li>
  );
}
