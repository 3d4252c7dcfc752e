/**
 * The audit log in words (lib/audit-text.ts, lib/export/audit-csv.ts) and
 * the zone names of lib/format: what an event says, its changes before and
 * after, a refusal, the CSV's cells, and "GMT"/"BST" rather than "UTC".
 */
import { changesOf, describeAuditEvent, recordNameFromDetail, valueWords } from "@/lib/audit-text";
import { AUDIT_ACTIONS, AUDIT_KIND_LABELS, auditActionLabel, auditActionsOf, type AuditKind } from "@/lib/domain/labels";
import { auditCsv, csvCell } from "@/lib/export/audit-csv";
import { formatDateTime, zoneName } from "@/lib/format";

describe("zone names", () => {
  it.each([
    ["Europe/London", "2026-01-15T12:00:00Z", "GMT"],
    ["Europe/London", "2026-07-15T12:00:00Z", "BST"],
    ["America/New_York", "2026-01-15T12:00:00Z", "EST"],
    ["America/New_York", "2026-07-15T12:00:00Z", "EDT"],
    ["Europe/Berlin", "2026-07-15T12:00:00Z", "CEST"],
    ["Australia/Sydney", "2026-01-15T12:00:00Z", "AEDT"],
    ["UTC", "2026-01-15T12:00:00Z", "UTC"],
    ["Asia/Tokyo", "2026-01-15T12:00:00Z", "GMT+9"],
  ])("%s at %s is %s", (zone, at, name) => {
    expect(zoneName(new Date(at), zone)).toBe(name);
  });

  it("labels a London time GMT in winter and BST in summer", () => {
    expect(formatDateTime(new Date("2026-11-03T14:05:00Z"), "Europe/London")).toBe("3 Nov 2026, 14:05 GMT");
    expect(formatDateTime(new Date("2026-03-29T01:30:00Z"), "Europe/London")).toBe("29 Mar 2026, 02:30 BST");
  });
});

describe("an event in words", () => {
  it("names the record, or says what kind of record it was", () => {
    const e = { action: "assessment.sign", entityType: "Assessment", detail: { kind: "follow_up", urgency: "soon" } };
    expect(describeAuditEvent({ ...e, recordName: "the follow-up of 3 Nov 2026" }).what).toBe("Signed the follow-up of 3 Nov 2026");
    const unnamed = describeAuditEvent({ ...e, recordName: null });
    expect(unnamed.what).toBe("Signed an assessment");
    expect(unnamed.facts).toEqual(["Kind: Follow-up", "Urgency: Soon"]);
  });

  it("shows the fields a change changed, in words, and leaves ids out", () => {
    expect(
      changesOf(
        { date: "2026-11-03", distanceKm: 10, durationSec: 3000, surface: "road" },
        { date: "2026-11-03", distanceKm: 12.5, durationSec: 3000, surface: "trail", runId: "x" },
      ),
    ).toEqual([
      { field: "Distance", before: "10 km", after: "12.5 km" },
      { field: "Surface", before: "Road", after: "Trail" },
    ]);
    expect(changesOf({ spikePct: 10, importantChange: { koos: 10 } }, { spikePct: 15, importantChange: { koos: 8 } })).toEqual([
      { field: "Single-run spike", before: "10 %", after: "15 %" },
      { field: "Important change: KOOS subscale", before: "10 points", after: "8 points" },
    ]);
    expect(
      describeAuditEvent({
        action: "settings.two_factor_policy",
        entityType: "Clinic",
        recordName: null,
        detail: { before: false, after: true },
      }).changes,
    ).toEqual([{ field: "Two-factor sign-in required", before: "No", after: "Yes" }]);
  });

  it("a refusal says what was tried and why, naming the fields", () => {
    const t = describeAuditEvent({
      action: "write.refused",
      entityType: "Patient",
      recordName: null,
      detail: {
        version: 1,
        attempt: "run.save",
        refused: "invalid",
        message: "Some fields were not valid",
        fields: [{ path: "distanceKm", message: "Enter a distance over 0 km" }],
      },
    });
    expect(t).toEqual({
      kind: "refused",
      what: "Was refused: save a run",
      refusal: "invalid input: Some fields were not valid",
      changes: [],
      facts: ["Distance: Enter a distance over 0 km"],
    });
  });

  it("values: dates, yes and no, codes, empty", () => {
    expect(valueWords("birthDate", "1990-04-12")).toBe("12 Apr 1990");
    expect(valueWords("active", false)).toBe("No");
    expect(valueWords("sex", "female")).toBe("Female");
    expect(valueWords("phone", null)).toBe("—");
  });

  it("a deleted record is named from its event", () => {
    expect(recordNameFromDetail("Run", { date: "2026-11-03", distanceKm: 8 })).toBe("the run of 3 Nov 2026 (8 km)");
    expect(recordNameFromDetail("Shoe", { name: "Pegasus" })).toBe('the shoe "Pegasus"');
    expect(recordNameFromDetail("Run", { rows: 3 })).toBeNull();
  });
});

describe("the vocabulary", () => {
  it("every action has a kind, and words without a record for the filter", () => {
    const kinds = Object.keys(AUDIT_KIND_LABELS) as AuditKind[];
    expect(kinds.flatMap(auditActionsOf).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    for (const a of kinds.flatMap(auditActionsOf)) expect(auditActionLabel(a)).not.toMatch(/[{}]/);
  });
});

describe("the CSV", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("Haddad, Olivia")).toBe('"Haddad, Olivia"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-3")).toBe("'-3");
  });

  it("one row per event, in the clinic's zone", () => {
    const csv = auditCsv(
      [
        {
          id: "7",
          at: new Date("2026-07-01T09:00:00Z"),
          actorName: "Jonas Berg",
          patientName: "Haddad, Olivia",
          recordName: "the intake of 1 Jul 2026",
          text: { kind: "sign", what: "Signed the intake of 1 Jul 2026", changes: [], facts: ["Urgency: Soon"], refusal: null },
        },
      ],
      "Europe/London",
    );
    expect(csv.split("\r\n")[1]).toBe(
      '7,"1 Jul 2026, 10:00 BST",Jonas Berg,Signed the intake of 1 Jul 2026,,"Haddad, Olivia",the intake of 1 Jul 2026,,Urgency: Soon',
    );
  });
});
