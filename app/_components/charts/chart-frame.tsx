"use client";

import { startTransition, Suspense, useEffect, useRef, useState, type ReactNode } from "react";

/** How far below (or above) the viewport a chart starts drawing, so it is usually drawn before it scrolls in. */
const AHEAD = "300px 0px";

/**
 * A fixed-height box for a Recharts chart: role="img" with a summary as its
 * accessible name (the data table under the chart, rendered on the server,
 * holds the details), and a visible "Loading chart…" until the chart is
 * drawn. The chart (`children`, a lazily loaded plot) is drawn only once the
 * box comes near the viewport: Recharts and the drawing cost nothing for
 * charts never scrolled to, and each chart is drawn in its own task instead
 * of all of a page's charts in one long one at load (issue 17: the patient
 * page blocked the main thread for over a second).
 */
export function ChartFrame({ label, height, children }: { label: string; height: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          // A transition: React draws the charts that came into view together in short slices, keeping the page responsive.
          startTransition(() => setNear(true));
        }
      },
      { rootMargin: AHEAD },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  const placeholder = (
    <div className="flex h-full w-full items-center justify-center rounded border border-dashed border-slate-200 bg-slate-50 text-sm text-slate-500">
      Loading chart…
    </div>
  );
  return (
    <div ref={box} role="img" aria-label={label} className="relative w-full" style={{ height }}>
      {near ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}
    </div>
  );
}
