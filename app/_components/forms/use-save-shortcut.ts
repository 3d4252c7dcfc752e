"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * Ctrl+S (Cmd+S on a Mac) saves: `save` runs instead of the browser's "Save
 * page as". For the forms that keep a draft (the assessment, the referral);
 * their Save button names the shortcut (aria-keyshortcuts="Control+S") and
 * their save status is a polite live region, so the outcome is announced.
 */
export function useSaveShortcut(save: () => void, enabled = true): void {
  const run = useEffectEvent(save);
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== "s") return;
      event.preventDefault();
      if (!event.repeat) run();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
