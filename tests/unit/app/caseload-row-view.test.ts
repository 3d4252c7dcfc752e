/**
 * A caseload row in words (app/_components/caseload/row-view.ts): what the
 * client's rows draw, made on the server from the page's row.
 */
import { caseloadRowView } from "@/app/_components/caseload/row-view";
import type { CaseloadRow } from "@/lib/data/caseload";
import { RED_FLAG_LABELS, type RedFlagCode } from "@/lib/clinical";
import { RUNNER_SCREEN_QUESTIONS } from "@/lib/questions";

const TODAY = "2026-11-03";
const FLAG = Object.keys(RED_FLAG_LABELS)[0] as RedFlagCode;
const REPORTED = RUNNER_SCREEN_QUESTIONS[0]!;

const row = (over: Partial<CaseloadRow> = {}): CaseloadRow => ({
  episodeId: "e1",
  patientId: "p1",
  givenName: "Ada",
  familyName: "Lovelace",
  mrn: "MRN-1",
  birthDate: "1990-11-04",
  side: "left",
  complaint: "Inner knee pain",
  urgency: "routine",
  screenIncomplete: false,
  lastSeenOn: "2026-10-01",
  nextReviewDate: "2026-11-10",
  worsening: false,
  draftCount: 0,
  questionnairesToReview: 0,
  runnerRedFlags: [],
  diaryAlertsOpen: 0,
  openUrgentFlags: [],
  unsentUrgentReferrals: 0,
  unsentReferralUrgency: null,
  ...over,
});

it("says who, how old on the clinic's day, which knee and when, with nothing open", () => {
  expect(caseloadRowView(row(), TODAY)).toEqual({
    key: "e1",
    href: "/patients/p1",
    name: "Lovelace, Ada",
    age: "35 y · MRN ",
    mrn: "MRN-1",
    knee: "Left knee",
    complaint: "Inner knee pain",
    display: { level: "routine", screenIncomplete: false },
    notes: [],
    lastSeen: "1 Oct 2026",
    review: "10 Nov 2026",
    due: null,
    worsening: false,
    drafts: "",
  });
  // The day before the birthday, and on it.
  expect(caseloadRowView(row({ birthDate: "1990-11-03" }), TODAY).age).toBe("36 y · MRN ");
});

it("marks a review due today or overdue, and none when none is planned", () => {
  expect(caseloadRowView(row({ nextReviewDate: TODAY }), TODAY).due).toBe("today");
  expect(caseloadRowView(row({ nextReviewDate: "2026-11-02" }), TODAY).due).toBe("overdue");
  const none = caseloadRowView(row({ nextReviewDate: null, lastSeenOn: null }), TODAY);
  expect([none.due, none.review, none.lastSeen]).toEqual([null, "—", "—"]);
});

it("lists what is still open, most pressing first, in words", () => {
  const view = caseloadRowView(
    row({
      urgency: "emergency",
      screenIncomplete: true,
      openUrgentFlags: [FLAG],
      unsentUrgentReferrals: 2,
      unsentReferralUrgency: "urgent",
      runnerRedFlags: [REPORTED.path],
      questionnairesToReview: 1,
      diaryAlertsOpen: 1,
      draftCount: 2,
      worsening: true,
    }),
    TODAY,
  );
  expect(view.display).toEqual({ level: "emergency", screenIncomplete: true });
  expect(view.notes).toEqual([
    { kind: "openFlags", text: `Open flag, no action recorded: ${RED_FLAG_LABELS[FLAG]}` },
    { kind: "unsent", text: expect.stringMatching(/^2 urgent referrals are not sent$|referral/) },
    { kind: "runnerReported", text: `Runner reported: ${REPORTED.short}` },
    { kind: "returned", text: "Questionnaire returned, not reviewed" },
    { kind: "diary", text: "1 diary alert" },
  ]);
  expect([view.worsening, view.drafts]).toEqual([true, "2 unsigned"]);
  expect(caseloadRowView(row({ diaryAlertsOpen: 3 }), TODAY).notes).toEqual([{ kind: "diary", text: "3 diary alerts" }]);
});

it("reads a never-screened episode as not yet screened", () => {
  expect(caseloadRowView(row({ urgency: null, screenIncomplete: true }), TODAY).display.level).toBe("not_screened");
});
