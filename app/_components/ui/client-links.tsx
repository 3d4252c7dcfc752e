"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";

/**
 * Plain <a href> links inside (e.g. a table's rows) followed by the client
 * router, as next/link would, by one listener for all of them: a next/link per
 * row is a client component per row, rendered on the server and hydrated in
 * the browser. A link is prefetched when the pointer or the keyboard reaches
 * it; a click with a modifier key, another target or another origin is left
 * to the browser.
 */
export function ClientLinks({ children, className }: { children: React.ReactNode; className?: string }) {
  const router = useRouter();
  const prefetched = useRef(new Set<string>());
  const appLink = (target: EventTarget) => {
    const a = target instanceof Element ? target.closest("a[href]") : null;
    if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return null;
    const to = new URL(a.href, window.location.href);
    return to.origin === window.location.origin && !to.pathname.startsWith("/api/") ? to.pathname + to.search + to.hash : null;
  };
  const prefetch = (e: React.SyntheticEvent) => {
    const href = appLink(e.target);
    if (!href || prefetched.current.has(href)) return;
    prefetched.current.add(href);
    router.prefetch(href);
  };
  return (
    <div
      className={className}
      onMouseOver={prefetch}
      onFocus={prefetch}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        const href = appLink(e.target);
        if (!href) return;
        e.preventDefault();
        router.push(href);
      }}
    >
      {children}
    </div>
  );
}
