"use client";

import { startTransition, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { queueDrawing } from "./draw-queue";
import { FrameSizeContext, type FrameSize } from "./frame-size";

/** How far below (or above) the viewport a chart starts drawing, so it is usually drawn before it scrolls in. */
const AHEAD = "300px 0px";

/** Mounts with the drawing it follows (the same Suspense boundary): the chart is drawn. */
function Drawn({ onDrawn }: { onDrawn: () => void }) {
  useEffect(onDrawn, [onDrawn]);
  return null;
}

/**
 * A fixed-height box for a Recharts chart: role="img" with a summary as its
 * accessible name (the data table under the chart, rendered on the server,
 * holds the details), and a visible "Loading chart…" of the same size until
 * the chart is drawn, so nothing moves when it is. The chart (`children`, a
 * lazily loaded plot) is drawn only once the box comes near the viewport, and
 * then in its turn (draw-queue.ts): after the page has loaded, one chart at a
 * time, when the browser is idle. Recharts and the drawing cost nothing for
 * charts never scrolled to, and the page is usable before any chart is drawn
 * (issue 17: the patient page blocked the main thread for over a second).
 */
export function ChartFrame({ label, height, children }: { label: string; height: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // Measured when the chart's turn comes; null until then.
  const [size, setSize] = useState<FrameSize | null>(null);
  // Resolves the queue's promise for this chart: the next chart's turn.
  const [drawn] = useState(() => {
    let resolve = () => {};
    const done = new Promise<void>((r) => (resolve = r));
    return { done, resolve: () => resolve() };
  });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let leaveQueue = () => {};
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        leaveQueue = queueDrawing(() => {
          const { width, height } = el.getBoundingClientRect();
          // A transition: React renders the chart (at this size: frame-size.ts) in short slices, keeping the page responsive.
          startTransition(() => setSize({ width: Math.round(width), height: Math.round(height) }));
          return drawn.done;
        });
      },
      { rootMargin: AHEAD },
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      leaveQueue();
      drawn.resolve(); // gone before it was drawn: not holding up the next chart
    };
  }, [drawn]);
  const placeholder = (
    <div className="flex h-full w-full items-center justify-center rounded border border-dashed border-slate-200 bg-slate-50 text-sm text-slate-500">
      Loading chart…
    </div>
  );
  return (
    <div ref={box} role="img" aria-label={label} className="relative w-full" style={{ height }}>
      {size ? (
        <FrameSizeContext value={size}>
          <Suspense fallback={placeholder}>
            {children}
            <Drawn onDrawn={drawn.resolve} />
          </Suspense>
        </FrameSizeContext>
      ) : (
        placeholder
      )}
    </div>
  );
}
