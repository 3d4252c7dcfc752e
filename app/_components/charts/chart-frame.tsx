"use client";

import { Component, startTransition, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { queueDrawing } from "./draw-queue";
import { FrameSizeContext, type FrameSize } from "./frame-size";

/** How far below (or above) the viewport a chart starts drawing, so it is usually drawn before it scrolls in. */
const AHEAD = "300px 0px";

/** Mounts with the drawing it follows (the same Suspense boundary): the chart is drawn. */
function Drawn({ onDrawn }: { onDrawn: () => void }) {
  useEffect(onDrawn, [onDrawn]);
  return null;
}

/** Shown in a chart's place when its drawing failed (its code did not load, or Recharts threw). */
export const CHART_NOT_DRAWN = "This chart could not be loaded. Reload the page to try again.";

/**
 * Catches what the drawing throws: its lazily loaded code that did not arrive
 * (a network error rejects React.lazy's import) or an error while drawing.
 * Renders nothing then; `onFailed` lets the frame show why and give the next
 * chart its turn.
 */
class DrawingBoundary extends Component<{ onFailed: () => void; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(): void {
    this.props.onFailed();
  }

  render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
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
 * A drawing that fails (its code did not load) leaves CHART_NOT_DRAWN in the
 * box, as text rather than inside the image, and the next chart its turn.
 */
export function ChartFrame({ label, height, children }: { label: string; height: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  // Measured when the chart's turn comes; null until then.
  const [size, setSize] = useState<FrameSize | null>(null);
  // The drawing failed: the box says so, as text a screen reader reaches.
  const [failed, setFailed] = useState(false);
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
  if (failed)
    return (
      <div ref={box} className="relative w-full" style={{ height }}>
        <div
          role="status"
          className="flex h-full w-full flex-col items-center justify-center gap-1 rounded border border-dashed border-red-300 bg-red-50 px-3 text-center text-sm text-red-800"
        >
          <p className="font-medium">{CHART_NOT_DRAWN}</p>
          <p className="sr-only">{label}</p>
        </div>
      </div>
    );
  return (
    <div ref={box} role="img" aria-label={label} className="relative w-full" style={{ height }}>
      {size ? (
        <FrameSizeContext value={size}>
          <DrawingBoundary
            onFailed={() => {
              setFailed(true);
              drawn.resolve(); // the next chart's turn
            }}
          >
            <Suspense fallback={placeholder}>
              {children}
              <Drawn onDrawn={drawn.resolve} />
            </Suspense>
          </DrawingBoundary>
        </FrameSizeContext>
      ) : (
        placeholder
      )}
    </div>
  );
}
