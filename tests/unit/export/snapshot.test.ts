/**
 * buildReferralSnapshot: every item SPEC.md section 8 asks a referral to
 * state, worded for people, from a realistic source whose evaluations come
 * from the real evaluate(); plus purity (deterministic, input untouched,
 * nothing shared) and a lossless JSON round trip.
 */
import fc from "fast-check";
import { RED_FLAG_CODES } from "@/lib/clinical";
import { buildReferralSnapshot, screenAttestationLine, signedWhen } from "@/lib/export/snapshot";
import type { ReferralSnapshot, SnapshotSource } from "@/lib/export/types";
import { referralSource } from "@/tests/fixtures/referral/source";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Every string value of a nested object. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

const snap = (mutate?: (s: SnapshotSource) => void): ReferralSnapshot => {
  const source = referralSource();
  mutate?.(source);
  return buildReferralSnapshot(source);
};

describe("buildReferralSnapshot: what SPEC.md section 8 lists", () => {
  const s = snap();

  test("patient identifiers and side", () => {
    expect(s.patient).toMatchObject({
      mrn: "KC-004217",
      givenName: "Ada",
      familyName: "Runner",
      birthDate: "1990-04-12",
      sex: "female",
      ageYears: 36,
    });
    expect(s.episode).toMatchObject({ side: "left", complaint: "Medial knee pain when running", onsetDate: "2026-09-14" });
  });

  test("urgency, its reason and the question for the receiving clinician", () => {
    expect(s.urgency).toBe("soon");
    expect(s.reason).toMatch(/^Persistent medial knee pain/);
    expect(s.question).toMatch(/is an MRI indicated/);
    expect(s.recipient).toBe("Dr Sam Okafor, Sports Medicine, City Hospital");
  });

  test("history: mechanism and duration from onset to the assessment", () => {
    expect(s.history.mechanism).toBe("Gradual (overuse)");
    expect(s.episode.durationDays).toBe(51); // 14 Sep -> 4 Nov 2026
    expect(s.history.durationText).toBe("51 days (about 7 weeks) since onset on 14 Sep 2026");
    const findings = Object.fromEntries(s.history.symptoms.map((f) => [f.label, f.value]));
    expect(findings["Pain now (NRS)"]).toBe("6/10");
    expect(findings["Visible swelling"]).toBe("yes");
    // Background not asked again at the follow-up comes from the intake, and says so.
    expect(findings["Previous knee injury"]).toBe("yes (at intake, 5 Oct 2026)");
    expect(findings["Shoe pairs in rotation"]).toBe("1 pair (at intake, 5 Oct 2026)");
  });

  test("history: training-load trend (8 ISO weeks, the engine's load, a sentence)", () => {
    const t = s.trainingLoad;
    expect(t.weekly.map((w) => w.weekStart)).toEqual([
      "2026-09-14",
      "2026-09-21",
      "2026-09-28",
      "2026-10-05",
      "2026-10-12",
      "2026-10-19",
      "2026-10-26",
      "2026-11-02",
    ]);
    expect(t.weekly.map((w) => w.km)).toEqual([22, 18, 18, 20, 24, 28, 34, 6]);
    expect(t.weekly.map((w) => w.complete)).toEqual([true, true, true, true, true, true, true, false]);
    expect(t.trendText).toBe(
      "Weekly distance rose from 20 km to 34 km over the last 4 complete weeks (weeks of 5 Oct 2026 to 26 Oct 2026); 6 km so far in the assessment week (up to 4 Nov 2026).",
    );
    expect(t).toMatchObject({ acute7dKm: 32, chronicWeeklyKm: 26.5, acwr: 1.21, twoWeekChangePct: 30.4 });
    expect(t.spikes).toEqual([
      { date: "2026-10-25", distanceKm: 12, longestPrior30dKm: 10, band: "10-30" },
      { date: "2026-11-01", distanceKm: 18, longestPrior30dKm: 12, band: "30-100" },
    ]);
  });

  test("red flags present, with their findings in words", () => {
    expect(s.redFlags.map((f) => [f.code, f.urgency])).toEqual([
      ["persistent_pain", "soon"],
      ["visible_swelling", "soon"],
    ]);
    const swelling = s.redFlags.find((f) => f.code === "visible_swelling");
    expect(swelling?.label).toBe("Visible swelling or effusion");
    expect(swelling?.because).toEqual([
      { path: "symptoms.visibleSwelling", label: "Visible swelling", value: "yes" },
      { path: "exam.effusion", label: "Effusion", value: "moderate" },
    ]);
    expect(s.redFlags.find((f) => f.code === "persistent_pain")?.because).toEqual([
      { path: "symptoms.daysPersistingDespiteReducedTraining", label: "Days of pain despite reduced training", value: "16 days" },
    ]);
  });

  test("red flags checked and absent, and the ones not assessed, labelled; every code exactly once", () => {
    expect(s.redFlagsAbsent).toContainEqual({ code: "dvt_suspected", label: "Suspected deep vein thrombosis" });
    expect(s.redFlagsAbsent).toContainEqual({ code: "ottawa_knee_rule_positive", label: "Ottawa knee rule positive (X-ray indicated)" });
    expect(s.redFlagsNotAssessed).toEqual([{ code: "tumour_suspected", label: "Suspected tumour" }]);
    const all = [...s.redFlags, ...s.redFlagsAbsent, ...s.redFlagsNotAssessed].map((f) => f.code).sort();
    expect(all).toEqual([...RED_FLAG_CODES].sort());
  });

  test("examination findings with the tests named, only those recorded", () => {
    expect(s.examination).toContainEqual({ test: "Valgus stress at 30°", result: "laxity" });
    expect(s.examination).toContainEqual({ test: "McMurray", result: "positive" });
    expect(s.examination).toContainEqual({ test: "Tenderness", result: "medial joint line, MCL" });
    expect(s.examination).toContainEqual({ test: "Effusion", result: "moderate" });
    expect(s.examination).toContainEqual({ test: "Single-leg hop", result: "no pain" });
    expect(s.examination.map((e) => e.test)).not.toContain("Tinel's sign over the saphenous nerve"); // not examined
    expect(s.examination).toContainEqual({ test: "Hip internal rotation", result: "normal" });
    expect(s.examination).toHaveLength(10);
  });

  test("considerations with their supporting findings", () => {
    expect(s.considerations.map((c) => c.label)).toEqual(["MCL irritation or sprain", "Medial meniscus"]);
    expect(s.considerations[1]?.supporting).toContainEqual({ path: "exam.mcmurray", label: "McMurray test", value: "positive" });
    expect(s.considerations[0]?.supporting).toContainEqual({
      path: "exam.tenderness",
      label: "Tenderness",
      value: "medial joint line, MCL",
    });
  });

  test("risk factors name derived findings in words", () => {
    const byCode = Object.fromEntries(s.riskFactors.map((r) => [r.code, r.because]));
    expect(byCode.age_over_30).toEqual([{ path: "ageYears", label: "Age", value: "36 years" }]);
    expect(byCode.rapid_distance_increase?.[0]?.value).toBe("+30.4%");
    expect(byCode.single_run_spike?.[0]?.value).toContain("18 km on 1 Nov 2026 (longest of the previous 30 days 12 km)");
  });

  test("outcome-score trend with dates and the important-change threshold", () => {
    expect(s.outcomes.map((o) => o.measure)).toEqual([
      "painNow",
      "koos.pain",
      "koos.symptoms",
      "koos.adl",
      "koos.sport",
      "koos.qol",
      "lefs",
      "psfs",
      "tegner",
    ]);
    const by = Object.fromEntries(s.outcomes.map((o) => [o.measure, o]));
    expect(by.painNow).toMatchObject({ label: "Pain now (NRS)", betterIs: "lower", importantChange: 2, vsBaseline: "unchanged" });
    expect(by.painNow?.points).toEqual([
      { date: "2026-10-05", value: 5 },
      { date: "2026-10-19", value: 3 },
      { date: "2026-11-04", value: 6 },
    ]);
    expect(by["koos.pain"]).toMatchObject({ importantChange: 10, betterIs: "higher" });
    expect(by.lefs?.importantChange).toBe(9);
    expect(by.psfs).toMatchObject({
      importantChange: 2,
      points: [
        { date: "2026-10-05", value: 4 },
        { date: "2026-10-19", value: 6 },
        { date: "2026-11-04", value: 3.3 },
      ],
    });
    expect(by.tegner).toMatchObject({ importantChange: 1, vsBaseline: "worsened" });
    // QOL could not be scored at intake (one item answered): the null is skipped, and there is no baseline comparison.
    expect(by["koos.qol"]).toMatchObject({
      points: [
        { date: "2026-10-19", value: 50 },
        { date: "2026-11-04", value: 25 },
      ],
      vsBaseline: null,
    });
  });

  test("treatment so far and the response", () => {
    expect(s.treatment.planItems).toContain("Walk-run progression starting at 3 × (4 min walk / 1 min run) on alternate days");
    expect(new Set(s.treatment.planItems).size).toBe(s.treatment.planItems.length);
    expect(s.treatment.treatmentsTried).toBe("One week of rest, ice after runs, knee sleeve.");
    expect(s.treatment.treatmentSoFar).toMatch(/^Load management/);
    expect(s.treatment.responseToTreatment).toMatch(/^Improved at two weeks/);
    expect(s.treatment.notes).toBe("Goal event: half marathon on 6 Dec 2026.");
    expect(s.treatment.visits.map((v) => [v.date, v.kind, v.response])).toEqual([
      ["2026-10-05", "intake", null],
      ["2026-10-19", "follow_up", "Better"],
      ["2026-11-04", "follow_up", "Worse"],
    ]);
    expect(s.treatment.visits[2]?.planNotes).toBe("Stop running until reviewed by a physician.");
  });

  test("medication, allergies, comorbidities from the intake", () => {
    expect(s.medication).toBe("Ibuprofen 400 mg as needed (about twice a week)");
    expect(s.allergies).toBe("Penicillin (rash)");
    expect(s.comorbidities).toBe("Asthma, well controlled (salbutamol inhaler)");
  });

  test("the referrer's name, role and contact; the date and the rulesVersion", () => {
    expect(s.referrer).toMatchObject({
      name: "Jonas Berg",
      title: "Physiotherapist",
      email: "jonas.berg@riverside.example",
      phone: "+44 20 7946 0012",
    });
    expect(s.clinic.name).toBe("Riverside Running Clinic");
    expect(s.signedAt).toBe("2026-11-04T15:42:10.000Z");
    expect(s.rulesVersion).toBe("2");
    expect(s.assessment).toEqual({
      id: "6f1c2d3e-0000-4000-8000-0000000000a3",
      kind: "follow_up",
      assessedOn: "2026-11-04",
      signedAt: "2026-11-04T11:20:00.000Z",
      signedByName: "Jonas Berg",
      screenAttestation: null,
    });
  });

  test("an assessment signed with its screen incomplete carries the signer's reason, worded the same in every rendering", () => {
    const attested = snap((src) => {
      src.assessment.screenAttestation = "Runner in acute pain: examination deferred";
    });
    expect(attested.assessment.screenAttestation).toBe("Runner in acute pain: examination deferred");
    expect(screenAttestationLine(attested)).toBe("Screen incomplete: Runner in acute pain: examination deferred");
    expect(screenAttestationLine(s)).toBeNull();
  });

  test("findings are worded for people: no raw codes, booleans or paths as values", () => {
    const findings = [
      ...s.redFlags.flatMap((f) => f.because),
      ...s.riskFactors.flatMap((r) => r.because),
      ...s.considerations.flatMap((c) => c.supporting),
      ...s.history.symptoms,
    ];
    for (const f of findings) {
      expect(f.label).not.toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(f.value).not.toMatch(/^(true|false|undefined|null|NaN)$|_/);
    }
  });
});

describe("buildReferralSnapshot: purity and storage", () => {
  test("deterministic: the same source gives the same snapshot", () => {
    expect(JSON.stringify(snap())).toBe(JSON.stringify(snap()));
  });

  test("does not mutate its input (deeply frozen source) and shares no objects with it", () => {
    const source = deepFreeze(referralSource());
    const before = JSON.stringify(source);
    const s = buildReferralSnapshot(source); // would throw in strict mode if it wrote to the source
    expect(JSON.stringify(source)).toBe(before);
    expect(Object.isFrozen(s.patient)).toBe(false);
    expect(s.patient).not.toBe(source.patient);
    expect(s.trainingLoad.spikes[0]).not.toBe(source.assessment.evaluation.load?.spikes[0]);
  });

  test("JSON round-trips unchanged (no undefined, Date or NaN inside)", () => {
    const s = snap();
    expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
    expect(strings(s).length).toBeGreaterThan(100);
  });
});

describe("buildReferralSnapshot: edge cases", () => {
  test("no onset date, no runs, no load", () => {
    const s = snap((src) => {
      src.episode.onsetDate = null;
      src.runs = [];
      delete src.assessment.evaluation.load;
    });
    expect(s.episode.durationDays).toBeNull();
    expect(s.history.durationText).toBe("Onset date not recorded");
    expect(s.trainingLoad.trendText).toBe("No runs recorded in the 8 weeks up to the assessment.");
    expect(s.trainingLoad).toMatchObject({ acute7dKm: null, chronicWeeklyKm: null, acwr: null, twoWeekChangePct: null, spikes: [] });
  });

  test("a measure never recorded has no series; the clinic's thresholds are used", () => {
    const s = snap((src) => {
      for (const h of src.history) delete h.evaluation.scores.tegner;
      src.settings = { ...src.settings, importantChange: { ...src.settings.importantChange, koos: 8 } };
    });
    expect(s.outcomes.map((o) => o.measure)).not.toContain("tegner");
    expect(s.outcomes.find((o) => o.measure === "koos.adl")?.importantChange).toBe(8);
  });

  test("medication falls back to the chosen assessment when the intake has none", () => {
    const s = snap((src) => {
      const intake = src.history[0];
      if (intake?.answers.context) delete intake.answers.context.medication;
      src.assessment.answers.context = { medication: "Paracetamol 1 g as needed" };
    });
    expect(s.medication).toBe("Paracetamol 1 g as needed");
    expect(s.allergies).toBe("Penicillin (rash)");
  });

  test("the chosen assessment is included even when history omits it", () => {
    const s = snap((src) => {
      src.history = src.history.slice(0, 2);
    });
    expect(s.outcomes.find((o) => o.measure === "painNow")?.points.map((p) => p.date)).toEqual(["2026-10-05", "2026-10-19", "2026-11-04"]);
  });

  test("a steady week-to-week distance and an assessment on a Sunday", () => {
    const s = snap((src) => {
      src.assessment.assessedOn = "2026-11-01";
      // One 20 km run each Tuesday from 8 Sep 2026.
      src.runs = Array.from({ length: 8 }, (_, i) => ({
        date: new Date(Date.UTC(2026, 8, 8 + 7 * i)).toISOString().slice(0, 10),
        distanceKm: 20,
      }));
    });
    expect(s.trainingLoad.weekly.every((w) => w.complete)).toBe(true);
    expect(s.trainingLoad.trendText).toMatch(/^Weekly distance stayed at about 20 km over the last 4 complete weeks/);
  });

  test("property: the weekly totals add up to the runs of the 8 weeks up to the assessment day", () => {
    const day = fc.integer({ min: 0, max: 90 }).map((n) => new Date(Date.UTC(2026, 7, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.record({ date: day, distanceKm: fc.integer({ min: 0, max: 400 }).map((n) => n / 10) }), { maxLength: 60 }),
        (runs) => {
          const s = snap((src) => {
            src.runs = runs;
          });
          const first = s.trainingLoad.weekly[0]?.weekStart ?? "";
          const expected = runs.filter((r) => r.date >= first && r.date <= "2026-11-04").reduce((a, r) => a + r.distanceKm, 0);
          const got = s.trainingLoad.weekly.reduce((a, w) => a + w.km, 0);
          expect(Math.abs(got - expected)).toBeLessThan(0.5);
          expect(s.trainingLoad.weekly).toHaveLength(8);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("signing time", () => {
  test("is written in the clinic's time zone with the zone named; snapshots frozen without a zone read as UTC", () => {
    expect(signedWhen(snap())).toBe("4 Nov 2026, 15:42 GMT");
    const sydney = snap((s) => void (s.clinic.timezone = "Australia/Sydney"));
    expect(sydney.clinic.timezone).toBe("Australia/Sydney");
    expect(signedWhen(sydney)).toBe("5 Nov 2026, 02:42 AEDT");
    const old = snap();
    delete old.clinic.timezone;
    expect(signedWhen(old)).toBe("4 Nov 2026, 15:42 UTC");
  });
});
