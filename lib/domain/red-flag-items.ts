/**
 * Red flags stay open until someone acts: the open items of an episode,
 * derived from its signed assessments and the actions recorded about them
 * (RedFlagAction rows). One rule, used by the record, the API, the caseload
 * summary and the discharge check:
 *
 * - One open item per code. The first signed assessment that fires a code
 *   while no item of that code is open raises an item (`raisedOn` = its
 *   assessed-on date). Later firings of the code while the item is open are
 *   the same item; its urgency is the most severe they gave.
 * - An action recorded about the code closes the item open at that moment;
 *   a later firing (signed after the action) raises a new item.
 * - A follow-up without the flag does not clear it: only an action does.
 * - An assessment marked entered in error fires nothing: the items it raised
 *   are gone (if another signed assessment fired the same code meanwhile,
 *   that one raised the item instead).
 *
 * Events are ordered by when they happened: an assessment by its signing
 * time, an action by when it was recorded.
 */
import { mostSevere, URGENT_FLAG_URGENCIES, urgencyRank, type Urgency } from "./urgency";

export type RedFlagFiring = {
  assessmentId: string;
  assessedOn: string;
  signedAt: Date;
  redFlags: readonly { code: string; urgency: Urgency }[];
};

export type RedFlagActionEvent = { code: string; actedAt: Date };

export type OpenRedFlag = { code: string; urgency: Urgency; assessmentId: string; raisedOn: string };

export const isUrgentFlag = (f: { urgency: Urgency }) => URGENT_FLAG_URGENCIES.includes(f.urgency);

/** The open items, most severe first, then by the day raised and code. */
export function openRedFlags(firings: readonly RedFlagFiring[], actions: readonly RedFlagActionEvent[]): OpenRedFlag[] {
  type Event = { at: number; order: number; firing?: RedFlagFiring; action?: RedFlagActionEvent };
  // At the same instant, the assessment counts first (an action can only be recorded about a flag already raised).
  const events: Event[] = [
    ...firings.map((firing) => ({ at: firing.signedAt.getTime(), order: 0, firing })),
    ...actions.map((action) => ({ at: action.actedAt.getTime(), order: 1, action })),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  const open = new Map<string, OpenRedFlag>();
  for (const e of events) {
    if (e.action) {
      open.delete(e.action.code);
      continue;
    }
    const firing = e.firing!;
    for (const flag of firing.redFlags) {
      const item = open.get(flag.code);
      if (item) item.urgency = mostSevere([item.urgency, flag.urgency]);
      else open.set(flag.code, { code: flag.code, urgency: flag.urgency, assessmentId: firing.assessmentId, raisedOn: firing.assessedOn });
    }
  }
  return [...open.values()].sort(
    (a, b) => urgencyRank(a.urgency) - urgencyRank(b.urgency) || a.raisedOn.localeCompare(b.raisedOn) || a.code.localeCompare(b.code),
  );
}
