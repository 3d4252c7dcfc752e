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

/**
 * The browser's back and forward buttons (and history.back()) within the
 * app are same-document traversals, which the Navigation API lets a page
 * cancel from its "navigate" event (Chromium-based browsers; others as they
 * ship it): ask first, and a "stay" cancels it, so the page and what was
 * typed stay as they are. The browser allows the cancel only after the user
 * has interacted with the page (typing or clicking does), which a form with
 * unsaved changes always has. A traversal to another document (back to a
 * page outside the app) unloads the page, and beforeunload asks then. Where
 * the browser has no Navigation API, the back button cannot be stopped (a
 * popstate fires after the URL has changed): there the guard does not ask,
 * and the assessment forms' draft autosave is what keeps the entries.
 */
function onNavigate(event: Event) {
  const type: unknown = Reflect.get(event, "navigationType");
  if (type !== "traverse" || !event.cancelable || Reflect.get(event, "hashChange") === true) return;
  if (window.confirm(LEAVE_MESSAGE)) {
    dirtyForms.clear();
    sync();
    return;
  }
  event.preventDefault();
}

/** The Navigation API's event target, where the browser has it. */
function navigationTarget(): EventTarget | null {
  const nav: unknown = Reflect.get(window, "navigation");
  return nav instanceof EventTarget ? nav : null;
}

let listening = false;
function sync() {
  const want = dirtyForms.size > 0;
  if (want === listening) return;
  listening = want;
  if (want) {
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener("click", onClick, true);
    navigationTarget()?.addEventListener("navigate", onNavigate);
  } else {
    window.removeEventListener("beforeunload", onBeforeUnload);
    window.removeEventListener("click", onClick, true);
    navigationTarget()?.removeEventListener("navigate", onNavigate);
  }
}

/**
 * While `dirty`, leaving the page asks first: closing or reloading the tab
 * (the browser's own question), following a link within the app, and the
 * browser's back and forward buttons. Every
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
