"use client";

import { DisplayLevelBadge } from "@/app/_components/ui/urgency-badge";
import type { CaseloadRowView, RowNote } from "./row-view";

/** Each note's icon (drawn by CSS, app/_styles/icons.mjs), test id and colour beyond the notes' red. */
const NOTE: Record<RowNote["kind"], { icon: string; testId: string; tone?: string }> = {
  openFlags: { icon: "icon-octagon-exclamation-point", testId: "row-open-flags" },
  unsent: { icon: "icon-send", testId: "row-unsent-referral" },
  runnerReported: { icon: "icon-triangle-exclamation-point", testId: "row-runner-reported" },
  returned: { icon: "icon-clipboard-check", testId: "row-returned", tone: "text-slate-800" },
  diary: { icon: "icon-notebook-pen", testId: "row-diary-alerts" },
};

const DUE = { overdue: ["Overdue", "text-red-800"], today: ["Due today", "text-amber-900"] } as const;

/**
 * The caseload's rows, drawn from their words (row-view.ts, made on the
 * server): a client component so that the page's React payload carries each
 * row as its few strings, not as its elements (issue 17: the rows' elements
 * travelled twice, in the HTML and in the payload). No hooks and no state:
 * the server renders them into the HTML as before, links and all, and the
 * browser hydrates them (draws them once more without changing the page);
 * the client router draws a next page's rows itself. The cells' classes are
 * in globals.css (`.caseload-rows`).
 */
export function CaseloadRows({ rows }: { rows: CaseloadRowView[] }) {
  return (
    <tbody className="caseload-rows divide-y divide-slate-100">
      {rows.map((r) => (
        <tr key={r.key}>
          <td>
            <a href={r.href} className="caseload-name">
              {r.name}
            </a>
            <span className="caseload-sub">
              {r.age}
              <span className="font-mono">{r.mrn}</span>
            </span>
            {/* On a phone the knee goes under the name, so that the urgency is the second column, in view. */}
            <span className="caseload-sub text-slate-600 md:hidden">{r.knee}</span>
          </td>
          <td className="max-md:hidden">
            {r.knee}
            <span className="caseload-complaint" title={r.complaint}>
              {r.complaint}
            </span>
          </td>
          <td>
            <DisplayLevelBadge display={r.display} />
            {r.notes.map((n) => (
              <span
                key={n.kind}
                className={["caseload-note", NOTE[n.kind].icon, NOTE[n.kind].tone].filter(Boolean).join(" ")}
                data-testid={NOTE[n.kind].testId}
              >
                {n.text}
              </span>
            ))}
          </td>
          <td className="whitespace-nowrap">{r.lastSeen}</td>
          <td className="whitespace-nowrap">
            {r.review}
            {r.due ? <span className={`caseload-due ${DUE[r.due][1]}`}>{DUE[r.due][0]}</span> : null}
          </td>
          <td>
            {r.worsening ? (
              <span className="caseload-note icon-trending-down mt-0 inline-flex">Worsening</span>
            ) : (
              <span className="caseload-none">—</span>
            )}
          </td>
          <td>{r.drafts ? <span className="text-xs font-semibold">{r.drafts}</span> : <span className="caseload-none">—</span>}</td>
        </tr>
      ))}
    </tbody>
  );
}
