"use client";

import { useEffect, useId } from "react";

export const LEAVE_MESSAGE = "You have unsaved changes on this page. Leave and lose them?";

/** The forms of the page that hold unsaved changes; one listener asks once for all of them. */
const dirtyForms = new Set<string>();

function onBeforeUnload(event: BeforeUnloadEvent) {
  // The browser shows its own question ("Leave site? Changes you made may not be saved.").
  event.preventDefault();
  event.returnValue = LEAVE_MESSAGE; // older browsers ask only when it is a non-empty string
}

/**
 * A click on a link that leaves the page (next/link included): ask first.
 * Registered on window in the capture phase, so it runs before next/link's
 * handler and the navigation-progress listener on document; a "stay" stops
 * the click there.
 */
function onClick(event: MouseEvent) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(a instanceof HTMLAnchorElement) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
  const to = new URL(a.href, window.location.href);
  const here = window.location;
  if (to.origin === here.origin && to.pathname === here.pathname && to.search === here.search) return; // a #fragment of this page
  if (window.confirm(LEAVE_MESSAGE)) {
    dirtyForms.clear();
    sync();
    return;
  }
  event.preventDefault();
  event.stopPropagation();
}

let listening = false;
function sync() {
  const want = dirtyForms.size > 0;
  if (want === listening) return;
  listening = want;
  if (want) {
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClick, true);
  } else {
    window.removeEventListener("beforeunload", onBeforeUnload);
    window.removeEventListener("click", onClick, true);
  }
}

/**
 * While `dirty`, leaving the page asks first: closing or reloading the tab
 * (the browser's own question) and following a link within the app. Every
 * form with unsaved changes uses it (useFormAction does for its forms).
 */
export function useLeaveGuard(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    if (dirty) dirtyForms.add(id);
    else dirtyForms.delete(id);
    sync();
    return () => {
      dirtyForms.delete(id);
      sync();
    };
  }, [dirty, id]);
}
