"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

/** Where the app is, as usePathname/useSearchParams and window.location both spell it. */
const here = (pathname: string, search: string) => `${pathname}?${search}`;

/**
 * A thin bar at the top of the window, announced as "Loading the page", from
 * a click on a link to another page of the app until that page is shown.
 * Pages here are rendered per request behind the session check, so a click
 * can take a moment; a loading.tsx fallback would stream before the page's
 * 403 / 404 is known, and Next's useLinkStatus reports nothing once a link's
 * route tree has been prefetched, hence this listener.
 */
export function NavigationProgress() {
  const current = here(usePathname(), useSearchParams().toString());
  // The location a navigation started from: pending while we are still there.
  const [from, setFrom] = useState<string | null>(null);
  const pending = from === current;

  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin || to.pathname.startsWith("/api/")) return;
      const start = here(window.location.pathname, new URLSearchParams(window.location.search).toString());
      if (here(to.pathname, to.searchParams.toString()) === start) return; // same page (or only a #fragment)
      setFrom(start);
    };
    // Capture phase: next/link handles (and prevents) the click before it would bubble here.
    document.addEventListener("click", onClick, true);
    // Until the page is hydrated a click is an ordinary page load, with the browser's own indicator.
    document.documentElement.dataset.navigationProgress = "ready";
    return () => {
      document.removeEventListener("click", onClick, true);
      delete document.documentElement.dataset.navigationProgress;
    };
  }, []);

  useEffect(() => {
    if (!pending) return;
    const stop = window.setTimeout(() => setFrom(null), 20_000); // a navigation that never lands
    return () => window.clearTimeout(stop);
  }, [pending]);

  if (!pending) return null;
  return (
    <div role="status" data-navigation-pending="" className="fixed inset-x-0 top-0 z-50 h-1 animate-pulse bg-sky-600 print:hidden">
      <span className="sr-only">Loading the page…</span>
    </div>
  );
}
