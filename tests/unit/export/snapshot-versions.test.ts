/**
 * Snapshot versions: a signed referral records the thresholds its
 * assessment was judged with (schema version 2) and every rendering names
 * the clinic's own two-week threshold; a version 1 snapshot, stored before
 * thresholds were recorded, still reads and renders, naming none.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ReferralDocument } from "@/app/_components/referral/referral-document";
import { buildReferralBundle } from "@/lib/export/fhir";
import { buildReferralOutline } from "@/lib/export/referral-outline";
import { renderReferralPdf } from "@/lib/export/pdf";
import { buildReferralSnapshot, loadFigures, runningAdviceLines } from "@/lib/export/snapshot";
import type { StoredReferralSnapshot } from "@/lib/export/types";
import { StoredDataError } from "@/lib/stored/read";
import { readReferralSnapshot } from "@/lib/stored/snapshot";
import { pdfText } from "@/tests/fixtures/referral/pdf-text";
import { referralSource } from "@/tests/fixtures/referral/source";

/** A snapshot signed at a clinic that flags a two-week increase above 25%. */
function signedAt25(): StoredReferralSnapshot {
  const source = referralSource();
  source.settings.twoWeekIncreasePct = 25;
  // Stored as JSON and read back, as every export reads it.
  return readReferralSnapshot(JSON.parse(JSON.stringify(buildReferralSnapshot(source))));
}

/** The same snapshot as schema version 1 stored it: no thresholds. */
function version1(): StoredReferralSnapshot {
  const { thresholds: _t, runningAdvice: _r, ...rest } = buildReferralSnapshot(referralSource());
  return readReferralSnapshot(JSON.parse(JSON.stringify({ ...rest, schemaVersion: 1 })));
}

const html = (s: StoredReferralSnapshot) => renderToStaticMarkup(createElement(ReferralDocument, { snapshot: s })).replace(/<[^>]+>/g, " ");
const fhir = (s: StoredReferralSnapshot) => JSON.stringify(buildReferralBundle(s));

describe("schema version 2 records the thresholds", () => {
  it("keeps the settings the assessment was evaluated with", () => {
    const source = referralSource();
    source.settings.twoWeekIncreasePct = 25;
    const s = buildReferralSnapshot(source);
    expect(s.schemaVersion).toBe(4);
    expect(s.thresholds).toEqual(source.settings);
    expect(s.thresholds).not.toBe(source.settings);
  });

  it("prints, exports and narrates the clinic's threshold, never a fixed +30%", async () => {
    const s = signedAt25();
    expect(loadFigures(s).map((f) => f.label)).toContain("Two-week change (flagged above +25%)");
    expect(html(s)).toContain("Two-week change (flagged above +25%)");
    expect(fhir(s)).toContain("Two-week change (flagged above +25%)");
    const pdf = pdfText(await renderReferralPdf(s)).replace(/\s+/g, " ");
    expect(pdf).toContain("Two-week change (flagged above +25%)");
    for (const text of [html(s), fhir(s), pdf]) expect(text).not.toContain("+30%");
  });
});

describe("schema version 1 still renders", () => {
  it("reads and renders everywhere, naming no threshold it did not record", async () => {
    const s = version1();
    expect(s.schemaVersion).toBe(1);
    expect(loadFigures(s).find((f) => f.label.startsWith("Two-week change"))?.label).toBe("Two-week change");
    expect(html(s)).toContain("Two-week change");
    expect(html(s)).not.toContain("flagged above");
    expect(fhir(s)).not.toContain("flagged above");
    const pdf = pdfText(await renderReferralPdf(s));
    expect(pdf).toContain("Ada Runner");
    expect(pdf).not.toContain("flagged above");
  });
});

describe("running advice in every rendering", () => {
  const flat = (text: string) => text.replace(/\s+/g, " ");

  it("a version 2 evaluation: the advice, what it asks and the flags behind it", async () => {
    const s = buildReferralSnapshot(referralSource());
    // The chosen follow-up: a moderate effusion (visible swelling) stops running although its flag is "soon".
    expect(s.runningAdvice).toEqual({
      mode: "stop",
      maxPainDuringRun: null,
      screenComplete: false,
      text: "Stop running",
      detail: "No running until the red flags named are assessed by a physician.",
      because: ["Visible swelling or effusion"],
    });
    expect(runningAdviceLines(s)).toEqual({
      text: "Stop running.",
      detail: "No running until the red flags named are assessed by a physician.",
      because: "Because of: Visible swelling or effusion.",
    });
    const pdf = flat(pdfText(await renderReferralPdf(s)));
    for (const text of [flat(html(s)), fhir(s), pdf]) {
      expect(text).toContain("Stop running.");
      expect(text).toContain("Because of: Visible swelling or effusion.");
    }
  });

  it("pain-monitored advice names the clinic's limit", () => {
    const source = referralSource();
    const e = source.assessment.evaluation;
    if (e.rulesVersion !== "2") throw new Error("fixture is version 2");
    e.runningAdvice = { mode: "pain_monitored", maxPainDuringRun: 2, screenComplete: true, because: [] };
    const s = buildReferralSnapshot(source);
    expect(runningAdviceLines(s)).toMatchObject({ text: "Pain up to 2 of 10 during the run, settled by the next morning.", because: null });
    expect(html(s)).toContain("Pain up to 2 of 10 during the run, settled by the next morning.");
  });

  it("an evaluation of rules version 1 gave none, and the referral says so; a version 1 snapshot did not record it", () => {
    const source = referralSource();
    const { runningAdvice: _a, ...rest } = source.assessment.evaluation as Extract<
      typeof source.assessment.evaluation,
      { rulesVersion: "2" }
    >;
    source.assessment.evaluation = {
      ...rest,
      rulesVersion: "1",
      redFlags: [],
      redFlagsAbsent: [],
      redFlagsNotAssessed: [],
      load: undefined,
    };
    const s = buildReferralSnapshot(source);
    expect(s.runningAdvice).toBeNull();
    expect(runningAdviceLines(s).text).toBe("No running advice: this evaluation was made under rules version 1, which gave none.");
    expect(fhir(s)).toContain("made under rules version 1");
    expect(runningAdviceLines(version1()).text).toBe("Not recorded in this summary (signed before running advice was recorded).");
  });
});

describe("the snapshot reader", () => {
  it("refuses an unknown schema version and a version 2 snapshot without its thresholds, naming the path", () => {
    const s = buildReferralSnapshot(referralSource());
    expect(() => readReferralSnapshot({ ...s, schemaVersion: 5 })).toThrow(StoredDataError);
    expect(() => readReferralSnapshot({ ...s, schemaVersion: 5 })).toThrow(/schemaVersion/);
    const { thresholds: _t, ...withoutThresholds } = s;
    expect(() => readReferralSnapshot(withoutThresholds)).toThrow(/stored referral snapshot is not readable: thresholds/);
    expect(() => readReferralSnapshot(null)).toThrow(StoredDataError);
  });
});

describe("schema version 3: addenda, red-flag follow-up and the frozen training section", () => {
  const outlineText = (s: StoredReferralSnapshot, id: string) =>
    JSON.stringify(buildReferralOutline(s).sections.find((x) => x.id === id)?.blocks ?? []);

  it("includes the addenda of the assessments it draws on (not of later ones), with who and when", async () => {
    const source = referralSource();
    const first = source.history[0]!;
    source.addenda = [
      {
        assessmentId: first.id,
        text: "MRI 20 Oct 2026: horizontal tear of the posterior horn of the medial meniscus.",
        authorName: "Jonas Berg",
        createdAt: "2026-10-21T09:00:00.000Z",
      },
      {
        assessmentId: "00000000-0000-4000-8000-00000000dead",
        text: "An addendum of another assessment",
        authorName: "X",
        createdAt: "2026-10-22T09:00:00.000Z",
      },
      { assessmentId: first.id, text: "   ", authorName: "Jonas Berg", createdAt: "2026-10-22T09:00:00.000Z" },
    ];
    const s = buildReferralSnapshot(source);
    expect(s.addenda).toEqual([
      {
        assessmentId: first.id,
        assessedOn: first.assessedOn,
        kind: first.kind,
        text: "MRI 20 Oct 2026: horizontal tear of the posterior horn of the medial meniscus.",
        authorName: "Jonas Berg",
        createdAt: "2026-10-21T09:00:00.000Z",
      },
    ]);
    const addenda = outlineText(s, "addenda");
    expect(addenda).toContain("Added 21 Oct 2026, 10:00 BST by Jonas Berg to the intake of 5 Oct 2026");
    expect(addenda).toContain("horizontal tear of the posterior horn");
    await expect(pdfTextOf(s)).resolves.toContain("horizontal tear of the posterior horn");
    expect(fhir(s)).toContain("horizontal tear of the posterior horn");
    expect(html(s)).toContain("horizontal tear of the posterior horn");
  });

  it("the training section comes from the runs stored with the assessment; weeks before the log was complete are 'not logged'", () => {
    const source = referralSource();
    source.loggedSince = "2026-10-12";
    const s = buildReferralSnapshot(source);
    if (s.schemaVersion !== 4) throw new Error("expected version 4");
    expect(s.trainingLoad.runsRecorded).toBe(true);
    expect(s.trainingLoad.loggedSince).toBe("2026-10-12");
    expect(s.trainingLoad.weekly.map((w) => w.logged)).toEqual([false, false, false, false, true, true, true, true]);
    const load = outlineText(s, "load");
    expect(load).toContain('"not logged"');
    expect(load).toContain("Not logged: before the run log was complete (from 12 Oct 2026).");
    expect(s.trainingLoad.trendText).toBe(
      "Weekly distance rose from 24 km to 34 km over the last 3 complete weeks (weeks of 12 Oct 2026 to 26 Oct 2026); 6 km so far in the assessment week (up to 4 Nov 2026).",
    );
  });

  it("an assessment that did not store its runs: no weekly distances, and the summary says why", () => {
    const source = referralSource();
    source.runs = null;
    const s = buildReferralSnapshot(source);
    expect(s.trainingLoad.weekly).toEqual([]);
    expect(s.trainingLoad.trendText).toMatch(/were not stored with it/);
    expect(outlineText(s, "load")).not.toContain("Weekly distance, km");
  });

  it("red flags still open at signing and what was done about them", () => {
    const source = referralSource();
    source.redFlagState = {
      open: [{ code: "effusion", urgency: "soon", raisedOn: "2026-11-04" }],
      actions: [
        {
          code: "persistent_pain",
          action: "advised_safety_netted",
          reason: null,
          note: "Told to stop running and come back if worse",
          actedByName: "Jonas Berg",
          actedAt: "2026-11-04T12:00:00.000Z",
        },
      ],
    };
    const s = buildReferralSnapshot(source);
    const flags = outlineText(s, "red-flags");
    expect(flags).toContain("Still open when the referral was signed");
    expect(flags).toContain("raised on 4 Nov 2026, nothing recorded as done yet");
    expect(flags).toContain(
      "Runner advised and safety-netted (4 Nov 2026, 12:00 GMT, Jonas Berg); note: Told to stop running and come back if worse",
    );
  });

  it("a version 2 snapshot still reads and renders, saying it did not include addenda", () => {
    const { addenda: _a, redFlagFollowUp: _f, ...rest } = buildReferralSnapshot(referralSource());
    const v2 = readReferralSnapshot(JSON.parse(JSON.stringify({ ...rest, schemaVersion: 2 })));
    expect(v2.schemaVersion).toBe(2);
    expect(outlineText(v2, "addenda")).toContain("Not included in this summary (signed before addenda were included).");
    expect(outlineText(v2, "red-flags")).not.toContain("Still open");
  });
});

describe("schema version 4: treatment given and the goal race", () => {
  it("words each visit's treatment codes and the goal race with weeks to go at signing, in every rendering", async () => {
    const source = referralSource();
    source.history[0]!.answers = {
      ...source.history[0]!.answers,
      treatment: {
        given: [
          { code: "gait_retraining", cadenceTargetSpm: 172 },
          { code: "taping", notes: "Medial unloading" },
        ],
      },
    };
    source.patient.goalRace = { name: "Harbour Half", date: "2027-01-03", distanceKm: 21.1 };
    const s = readReferralSnapshot(JSON.parse(JSON.stringify(buildReferralSnapshot(source))));
    if (s.schemaVersion !== 4) throw new Error("expected version 4");
    expect(s.treatmentGiven[0]!.items).toEqual(["Gait retraining (cadence target 172 steps/min)", "Taping: Medial unloading"]);
    const race = "Harbour Half, 21.1 km, on 3 Jan 2027: ";
    for (const text of [html(s), fhir(s), await pdfTextOf(s)]) {
      expect(text).toContain("Gait retraining (cadence target 172 steps/min); Taping: Medial unloading");
      expect(text).toContain(race);
    }
    expect(buildReferralOutline(s).patientRows.find((r) => r.label === "Goal race")?.value).toMatch(
      /^Harbour Half, 21\.1 km, on 3 Jan 2027: \d+ weeks to go$/,
    );
  });

  it("a version 3 snapshot did not record them: no treatment-given list and no goal race row", () => {
    const { treatmentGiven: _t, goalRace: _g, ...rest } = buildReferralSnapshot(referralSource());
    const s = readReferralSnapshot(JSON.parse(JSON.stringify({ ...rest, schemaVersion: 3 })));
    expect(html(s)).not.toContain("Treatment given");
    expect(buildReferralOutline(s).patientRows.map((r) => r.label)).not.toContain("Goal race");
  });
});

function pdfTextOf(s: StoredReferralSnapshot): Promise<string> {
  return renderReferralPdf(s).then((pdf) => pdfText(pdf).replace(/\s+/g, " "));
}
