"use client";

import type { ReactNode } from "react";
import { useMounted } from "./use-mounted";

/**
 * A fixed-height box for a Recharts chart: role="img" with a summary as its
 * accessible name (the data table under the chart holds the details), and a
 * visible "Loading chart…" until the chart can render in the browser.
 */
export function ChartFrame({ label, height, children }: { label: string; height: number; children: ReactNode }) {
  const mounted = useMounted();
  return (
    <div role="img" aria-label={label} className="relative w-full" style={{ height }}>
      {mounted ? (
        children
      ) : (
        <div className="flex h-full w-full items-center justify-center rounded border border-dashed border-slate-200 bg-slate-50 text-sm text-slate-500">
          Loading chart…
        </div>
      )}
    </div>
  );
}
