/**
 * buildReferralOutline: the one place that decides what a referral says.
 * The print page, the PDF and the FHIR narrative render it (their own tests
 * check that each says what the outline says); here: the sections and their
 * order, the stored thresholds, "baseline", the cancelled state, and that
 * older snapshots still make an outline.
 */
import { buildReferralOutline, SECTION_IDS, type OutlineBlock } from "@/lib/export/referral-outline";
import { buildReferralSnapshot } from "@/lib/export/snapshot";
import type { SnapshotSource, StoredReferralSnapshot } from "@/lib/export/types";
import { referralSource } from "@/tests/fixtures/referral/source";

function snapshot(mutate?: (s: SnapshotSource) => void) {
  const source = referralSource();
  mutate?.(source);
  return buildReferralSnapshot(source);
}

/** Every string an outline shows, in order. */
function words(blocks: OutlineBlock[]): string[] {
  return blocks.flatMap((b) =>
    b.kind === "facts"
      ? b.rows.flatMap((r) => [r.label, r.value])
      : b.kind === "table"
        ? [b.caption, ...b.headers, ...b.rows.flat(), ...(b.notes ?? [])]
        : b.kind === "list"
          ? [
              ...(b.heading ? [b.heading] : []),
              ...b.items.flatMap((i) => [i.lead ?? "", i.text]),
              ...(b.items.length === 0 ? [b.empty] : []),
            ]
          : [b.text],
  );
}

describe("buildReferralOutline", () => {
  const s = snapshot();
  const o = buildReferralOutline(s);
  const section = (id: string) => o.sections.find((x) => x.id === id);

  test("the sections, in order, each titled", () => {
    expect(o.sections.map((x) => x.id)).toEqual([...SECTION_IDS]);
    expect(o.sections.map((x) => x.title)).toEqual([
      "Reason for referral and question",
      "History",
      "Red flags",
      "Running advice",
      "Examination",
      "Addenda to the assessments",
      "Considerations (not diagnoses)",
      "Outcome measures",
      "Training load",
      "Treatment and response",
      "Medication, allergies and comorbidities",
    ]);
  });

  test("who, urgency as a word and the question", () => {
    expect(o.title).toBe("Referral: medial knee pain");
    expect(o.urgency).toEqual({ level: "soon", word: "Soon", label: "Soon: medical evaluation within 1-2 weeks" });
    expect(o.patientRows).toContainEqual({ label: "Patient", value: "Ada Runner" });
    expect(o.referralRows).toContainEqual({ label: "To", value: "Dr Sam Okafor, Sports Medicine, City Hospital" });
    expect(words(section("reason")?.blocks ?? [])).toContain(s.question);
    expect(o.footer).toBe("Ada Runner · MRN KC-004217 · Referral signed 4 Nov 2026, 15:42 GMT · rules version 2");
    expect(o.cancelled).toBeNull();
    expect(o.pageMark).toBeNull();
  });

  test("prints the threshold stored in the snapshot, not a default", () => {
    const stored = snapshot((src) => (src.settings.twoWeekIncreasePct = 45));
    expect(words(buildReferralOutline(stored).sections.find((x) => x.id === "load")?.blocks ?? [])).toContain(
      "Two-week change (flagged above +45%)",
    );
  });

  test("the baseline is named: the first date column of the outcomes and the first visit", () => {
    const outcomes = section("outcomes")?.blocks[0];
    expect(outcomes?.kind === "table" && outcomes.headers.slice(0, 2)).toEqual(["Measure", "5 Oct 2026 (baseline)"]);
    const visits = section("treatment")?.blocks.find((b) => b.kind === "table");
    expect(visits?.kind === "table" && visits.rows.map((r) => r[0])).toEqual([
      "5 Oct 2026 (Intake, baseline)",
      "19 Oct 2026 (Follow-up)",
      "4 Nov 2026 (Follow-up)",
    ]);
  });

  test("a cancelled referral says so: title, notice with when and why, a mark for every page, a row", () => {
    const c = buildReferralOutline(s, { cancelled: { at: "2026-11-06T10:00:00.000Z", reason: "Seen in the emergency department" } });
    expect(c.title).toBe("Referral (cancelled): medial knee pain");
    expect(c.cancelled).toEqual({
      heading: "CANCELLED: this referral was cancelled on 6 Nov 2026, 10:00 GMT. Do not act on it.",
      text: "Reason: Seen in the emergency department",
    });
    expect(c.pageMark).toBe("CANCELLED on 6 Nov 2026: not a live referral, do not act on it");
    expect(c.referralRows).toContainEqual({ label: "Cancelled", value: "6 Nov 2026, 10:00 GMT: Seen in the emergency department" });
    expect(c.documentTitle).toBe("CANCELLED referral: Ada Runner (MRN KC-004217)");
    // The clinical content is the same document.
    expect(c.sections).toEqual(o.sections);
  });

  test("a schema version 1 snapshot still makes an outline, naming no threshold it did not record", () => {
    const { thresholds: _t, runningAdvice: _r, ...rest } = s;
    const v1: StoredReferralSnapshot = { ...rest, schemaVersion: 1 };
    const load = words(buildReferralOutline(v1).sections.find((x) => x.id === "load")?.blocks ?? []);
    expect(load).toContain("Two-week change");
    expect(load.join(" ")).not.toMatch(/flagged above/);
  });

  test("pure: the same snapshot gives the same outline; plain strings only", () => {
    expect(buildReferralOutline(s)).toEqual(o);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  });
});
