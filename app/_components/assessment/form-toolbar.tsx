"use client";

import { formatDateTime } from "@/lib/format";
import { Button } from "@/app/_components/ui/button";
import type { DraftState } from "./draft-state";

/** Times the user sees while typing (autosave, a conflicting save) are in their own zone, with the zone named. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The draft's state in words: what is happening now, else unsaved changes, else when it was saved. */
export function saveStatusText({ busy, dirty, lastSaved, assessmentId, version }: DraftState, valid: boolean): string {
  if (busy === "autosaving") return "Autosaving…";
  if (busy === "saving") return "Saving…";
  if (busy === "signing") return "Signing…";
  if (dirty) return valid ? "Unsaved changes (autosave in 20 s)" : "Unsaved changes: correct the fields marked in red";
  if (lastSaved) return `Draft saved at ${formatDateTime(lastSaved, browserTimeZone())}`;
  return assessmentId ? `Draft, version ${version}` : "New draft";
}

/** The sticky bar above the form: the save status (announced politely) and save, sign, discard. */
export function FormToolbar({
  draft,
  valid,
  canSign,
  onSign,
  onDiscard,
}: {
  draft: DraftState;
  valid: boolean;
  canSign: boolean;
  onSign: () => void;
  onDiscard: () => void;
}) {
  const busy = !!draft.busy;
  return (
    <div
      data-sticky-toolbar
      className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center justify-between gap-2 rounded-md bg-white/95 px-3 py-2 shadow-sm ring-1 ring-slate-200 backdrop-blur"
    >
      <p className="text-xs text-slate-700" aria-live="polite" data-testid="save-status">
        {saveStatusText(draft, valid)}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="secondary" disabled={busy} aria-keyshortcuts="Control+S" title="Save draft (Ctrl+S)">
          Save draft
        </Button>
        {canSign ? (
          <Button onClick={onSign} disabled={busy || !valid}>
            Sign assessment
          </Button>
        ) : null}
        <Button variant="ghost" onClick={onDiscard} disabled={busy}>
          {draft.assessmentId ? "Discard draft" : "Cancel"}
        </Button>
      </div>
    </div>
  );
}
