/**
 * The runner's links from the patient page (lib/actions/runner-links.ts), each
 * refused without portal.manage (a viewer), refused on another clinic's
 * episode, a field error, and success.
 */
import {
  createDiaryLinkAction,
  createRequestAction,
  reviewDiaryAlertsAction,
  reviewRequestAction,
  revokeDiaryLinkAction,
  withdrawRequestAction,
  type MadeLink,
} from "@/lib/actions/runner-links";
import { addDiaryEntry, createDiaryLink } from "@/lib/data/diary";
import { createQuestionnaireRequest, submitQuestionnaire } from "@/lib/data/questionnaires";
import { addDays, todayIn } from "@/lib/format";
import { describeAction, payloadCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../../helpers/fixtures";
import { episodeIn } from "../../helpers/records";
import { completeAnswers, tokenOf } from "../../helpers/runner";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let c: Clinics;
beforeAll(async () => {
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(closeTestDb);

const requestsOf = (i: Record<string, unknown>) =>
  testDb().questionnaireRequest.findMany({ where: { episodeId: String(i.episodeId) }, select: { id: true, status: true } });
const linksOf = (i: Record<string, unknown>) =>
  testDb().diaryLink.findMany({ where: { episodeId: String(i.episodeId) }, select: { id: true, revokedAt: true } });
const origin = "https://clinic.example";
const inFourWeeks = () => addDays(todayIn("Europe/London"), 28);

describeAction(
  "createRequestAction",
  () => c,
  (c) => ({
    call: payloadCall(createRequestAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ ...(await episodeIn(c.a)), instruments: ["screen", "pain"], expiresInDays: 5 }),
    observe: requestsOf,
    otherClinic: { input: async () => ({ ...(await episodeIn(c.b)), instruments: ["pain"] }), observe: requestsOf },
    invalid: { change: (i) => ({ ...i, expiresInDays: 31 }), field: "expiresInDays", message: /from 1 to 30/ },
    succeeded: (state, _input, _before, after) => {
      const made = state.data as MadeLink;
      expect(state.message).toMatch(/^Questionnaire link made: it works until \d+ \w{3} \d{4}\.$/);
      expect(made.url).toMatch(/\/r\/q[A-Za-z0-9_-]{65}$/);
      expect(made.qrSvg).toMatch(/^<svg/);
      expect(after).toEqual([{ id: made.id, status: "open" }]);
    },
  }),
);

describeAction(
  "withdrawRequestAction",
  () => c,
  (c) => ({
    call: payloadCall(withdrawRequestAction),
    as: "clinician",
    refused: "viewer",
    input: async () => {
      const ids = await episodeIn(c.a);
      const made = await createQuestionnaireRequest(
        c.a.clinician,
        ids.episodeId,
        { instruments: ["pain"], expiresInDays: 7, sendEmail: false },
        origin,
      );
      return { ...ids, requestId: made.id };
    },
    observe: requestsOf,
    otherClinic: {
      input: async () => {
        const ids = await episodeIn(c.b);
        const made = await createQuestionnaireRequest(
          c.b.clinician,
          ids.episodeId,
          { instruments: ["pain"], expiresInDays: 7, sendEmail: false },
          origin,
        );
        return { ...ids, requestId: made.id };
      },
      observe: requestsOf,
    },
    invalid: { change: (i) => ({ ...i, requestId: "not-an-id" }), field: "requestId" },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Request withdrawn: its link no longer works.");
      expect(after).toEqual([expect.objectContaining({ status: "withdrawn" })]);
    },
  }),
);

describeAction(
  "createDiaryLinkAction",
  () => c,
  (c) => ({
    call: payloadCall(createDiaryLinkAction),
    as: "clinician",
    refused: "viewer",
    input: async () => ({ ...(await episodeIn(c.a)), validUntil: inFourWeeks() }),
    observe: linksOf,
    otherClinic: { input: async () => ({ ...(await episodeIn(c.b)), validUntil: inFourWeeks() }), observe: linksOf },
    invalid: { change: (i) => ({ ...i, validUntil: "2026-02-30" }), field: "validUntil" },
    succeeded: (state, _input, _before, after) => {
      const made = state.data as MadeLink;
      expect(made.url).toMatch(/\/r\/d[A-Za-z0-9_-]{65}$/);
      expect(after).toEqual([{ id: made.id, revokedAt: null }]);
    },
  }),
);

describeAction(
  "revokeDiaryLinkAction",
  () => c,
  (c) => ({
    call: payloadCall(revokeDiaryLinkAction),
    as: "clinician",
    refused: "viewer",
    input: async () => {
      const ids = await episodeIn(c.a);
      const made = await createDiaryLink(c.a.clinician, ids.episodeId, { validUntil: inFourWeeks(), sendEmail: false }, origin);
      return { ...ids, linkId: made.id };
    },
    observe: linksOf,
    otherClinic: {
      input: async () => {
        const ids = await episodeIn(c.b);
        const made = await createDiaryLink(c.b.clinician, ids.episodeId, { validUntil: inFourWeeks(), sendEmail: false }, origin);
        return { ...ids, linkId: made.id };
      },
      observe: linksOf,
    },
    invalid: { change: (i) => ({ ...i, linkId: 42 }), field: "linkId" },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("Diary link revoked: it no longer works.");
      expect(after).toEqual([expect.objectContaining({ revokedAt: expect.any(Date) })]);
    },
  }),
);

/** An episode with a questionnaire the runner has returned (a "yes" to swelling). */
const returnedIn = async (t: TestClinic) => {
  const ids = await episodeIn(t);
  const made = await createQuestionnaireRequest(
    t.clinician,
    ids.episodeId,
    { instruments: ["screen"], expiresInDays: 7, sendEmail: false },
    origin,
  );
  await submitQuestionnaire(tokenOf(made.url), completeAnswers(["screen"], { yes: ["symptoms.visibleSwelling"] }));
  return { ...ids, requestId: made.id };
};
const reviewedOf = (i: Record<string, unknown>) =>
  testDb().questionnaireRequest.findMany({ where: { episodeId: String(i.episodeId) }, select: { reviewedAt: true } });

describeAction(
  "reviewRequestAction",
  () => c,
  (c) => ({
    call: payloadCall(reviewRequestAction),
    as: "clinician",
    refused: "viewer",
    input: () => returnedIn(c.a),
    observe: reviewedOf,
    otherClinic: { input: () => returnedIn(c.b), observe: reviewedOf },
    invalid: { change: (i) => ({ ...i, episodeId: "x" }), field: "episodeId" },
    succeeded: async (state, input, _before, after) => {
      expect(state.message).toBe("Marked as reviewed.");
      expect(after).toEqual([{ reviewedAt: expect.any(Date) }]);
      const episode = await testDb().episode.findUnique({ where: { id: String(input.episodeId) }, select: { runnerRedFlags: true } });
      expect(episode?.runnerRedFlags).toEqual([]);
    },
  }),
);

/** An episode whose diary holds a day with swelling (an alert). */
const alertIn = async (t: TestClinic) => {
  const ids = await episodeIn(t);
  const made = await createDiaryLink(t.clinician, ids.episodeId, { validUntil: inFourWeeks(), sendEmail: false }, origin);
  // Yesterday in UTC is a day the runner may log in any clinic's time zone.
  await addDiaryEntry(tokenOf(made.url), { date: addDays(todayIn("UTC"), -1), kind: "rest", swelling: true });
  return ids;
};
const alertsOf = (i: Record<string, unknown>) =>
  testDb().diaryAlert.findMany({ where: { episodeId: String(i.episodeId) }, select: { reviewedAt: true } });

describeAction(
  "reviewDiaryAlertsAction",
  () => c,
  (c) => ({
    call: payloadCall(reviewDiaryAlertsAction),
    as: "clinician",
    refused: "viewer",
    input: () => alertIn(c.a),
    observe: alertsOf,
    otherClinic: { input: () => alertIn(c.b), observe: alertsOf },
    invalid: { change: (i) => ({ ...i, alertId: "not-an-id" }), field: "alertId" },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("1 diary alert marked as reviewed.");
      expect(after).toEqual([{ reviewedAt: expect.any(Date) }]);
    },
  }),
);
