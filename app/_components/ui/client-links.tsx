"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";

/** The address of a link or a GET form's target inside the app (not an API route), or null: left to the browser. */
function appAddress(href: string): string | null {
  const to = new URL(href, window.location.href);
  return to.origin === window.location.origin && !to.pathname.startsWith("/api/") ? to.pathname + to.search + to.hash : null;
}

function appLink(target: EventTarget): string | null {
  const a = target instanceof Element ? target.closest("a[href]") : null;
  if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return null;
  return appAddress(a.href);
}

/** Where a GET form goes when submitted by `submitter`: its action with its fields as the query, as the browser would. */
function formAddress(form: HTMLFormElement, submitter: HTMLElement | null): string | null {
  if (form.method !== "get" || (form.target && form.target !== "_self")) return null;
  const to = new URL(form.action, window.location.href);
  const fields = new FormData(form, submitter);
  to.search = new URLSearchParams([...fields].filter((e): e is [string, string] => typeof e[1] === "string")).toString();
  return appAddress(to.href);
}

/**
 * Plain <a href> links and GET forms inside (a table's rows, its sortable
 * headers, a page's buttons, the main navigation) followed by the client
 * router, as next/link and next/form would, by one listener for all of them:
 * a next/link per link is a client component per link, rendered on the
 * server and hydrated in the browser. A link is prefetched when the pointer
 * or the keyboard reaches it; a click with a modifier key, another target or
 * another origin is left to the browser, and so is everything before the
 * page's scripts load (the links and forms work without them).
 */
export function ClientLinks({ children, className }: { children: React.ReactNode; className?: string }) {
  const router = useRouter();
  const prefetched = useRef(new Set<string>());
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
      onSubmit={(e) => {
        if (e.defaultPrevented || !(e.target instanceof HTMLFormElement)) return;
        const submitter = e.nativeEvent instanceof SubmitEvent ? e.nativeEvent.submitter : null;
        const href = formAddress(e.target, submitter);
        if (!href) return;
        e.preventDefault();
        router.push(href);
      }}
    >
      {children}
    </div>
  );
}
