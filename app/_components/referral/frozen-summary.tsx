import { URGENCY_WORDS } from "@/lib/domain";
import { runningAdviceLines, screenAttestationLine } from "@/lib/export/snapshot";
import type { StoredReferralSnapshot } from "@/lib/export/types";
import { formatDate } from "@/lib/format";
import { SummaryList } from "@/app/_components/ui/summary-list";
import { UrgencyBadge } from "@/app/_components/ui/urgency-badge";

/** What signing a referral freezes, from the saved draft's preview snapshot (shown in the confirmation dialog). */
export function FrozenReferralSummary({ snapshot: s }: { snapshot: StoredReferralSnapshot }) {
  const screen =
    screenAttestationLine(s) ??
    (s.redFlagsNotAssessed.length
      ? `Incomplete: ${s.redFlagsNotAssessed.length} red flags not assessed`
      : "Complete: every red flag assessed");
  return (
    <>
      <p>Signing freezes this summary: the print page, PDF and FHIR bundle are made from it and it cannot be edited afterwards.</p>
      <SummaryList
        testId="frozen-summary"
        rows={[
          ["Urgency", <UrgencyBadge key="u" urgency={s.urgency} />],
          ["To", s.recipient ?? "Not named"],
          ["Reason", s.reason],
          ["Question", s.question || "Not written yet (required)"],
          ["Based on", `${s.assessment.kind === "intake" ? "Intake" : "Follow-up"} of ${formatDate(s.assessment.assessedOn)}`],
          ["Red flags", s.redFlags.length ? s.redFlags.map((f) => `${f.label} (${URGENCY_WORDS[f.urgency]})`).join("; ") : "None found"],
          ["Red-flag screen", screen],
          ["Running advice", runningAdviceLines(s).text],
        ]}
      />
    </>
  );
}
