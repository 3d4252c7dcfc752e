/**
 * E-mailing a runner's link again from the patient page (the link the form
 * still holds; only its hash is kept), received by a real SMTP server
 * (smtp-server) on a local port: the four cases of each action.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { emailDiaryLinkAction, emailRequestAction } from "@/lib/actions/runner-links";
import { createDiaryLink } from "@/lib/data/diary";
import { createQuestionnaireRequest } from "@/lib/data/questionnaires";
import { addDays, todayIn } from "@/lib/format";
import { describeAction, payloadCall, type Clinics } from "../../helpers/actions";
import { closeTestDb, createClinic, testDb, type TestClinic } from "../../helpers/fixtures";
import { episodeIn } from "../../helpers/records";

jest.mock("next/headers", () => jest.requireActual("../../helpers/actions").nextHeaders);
jest.mock("next/cache", () => jest.requireActual("../../helpers/actions").nextCache);

let server: SMTPServer;
let delivered = 0;
let c: Clinics;
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        delivered += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  c = { a: await createClinic(), b: await createClinic() };
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeTestDb();
});

const origin = "https://clinic.example";
const mailableEpisodeIn = (t: TestClinic) => episodeIn(t, { runner: { email: "runner@mail.example" } });
const requestIn = async (t: TestClinic) => {
  const ids = await mailableEpisodeIn(t);
  const made = await createQuestionnaireRequest(
    t.clinician,
    ids.episodeId,
    { instruments: ["pain"], expiresInDays: 7, sendEmail: false },
    origin,
  );
  return { ...ids, requestId: made.id, url: made.url };
};
const diaryIn = async (t: TestClinic) => {
  const ids = await mailableEpisodeIn(t);
  const made = await createDiaryLink(t.clinician, ids.episodeId, { validUntil: addDays(todayIn("UTC"), 20), sendEmail: false }, origin);
  return { ...ids, linkId: made.id, url: made.url };
};
const requestMailed = (i: Record<string, unknown>) =>
  testDb().questionnaireRequest.findUnique({ where: { id: String(i.requestId) }, select: { emailedAt: true } });
const linkMailed = (i: Record<string, unknown>) =>
  testDb().diaryLink.findUnique({ where: { id: String(i.linkId) }, select: { emailedAt: true } });

describeAction(
  "emailRequestAction",
  () => c,
  (c) => ({
    call: payloadCall(emailRequestAction),
    as: "clinician",
    refused: "viewer",
    input: () => requestIn(c.a),
    observe: requestMailed,
    otherClinic: { input: () => requestIn(c.b), observe: requestMailed },
    invalid: { change: (i) => ({ ...i, url: `${origin}/r/not-this-link` }), field: "url", message: /Send the link of this request/ },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("E-mailed to runner@mail.example.");
      expect(after).toEqual({ emailedAt: expect.any(Date) });
      expect(delivered).toBeGreaterThan(0);
    },
  }),
);

describeAction(
  "emailDiaryLinkAction",
  () => c,
  (c) => ({
    call: payloadCall(emailDiaryLinkAction),
    as: "clinician",
    refused: "viewer",
    input: () => diaryIn(c.a),
    observe: linkMailed,
    otherClinic: { input: () => diaryIn(c.b), observe: linkMailed },
    invalid: { change: (i) => ({ ...i, url: 7 }), field: "url" },
    succeeded: (state, _input, _before, after) => {
      expect(state.message).toBe("E-mailed to runner@mail.example.");
      expect(after).toEqual({ emailedAt: expect.any(Date) });
    },
  }),
);
