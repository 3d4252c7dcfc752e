/**
 * E-mailing the runner's links (SMTP_URL, nodemailer), received by a real
 * SMTP server (smtp-server, the nodemailer project's own) on a local port
 * and parsed with mailparser: what arrives names only the clinic and the
 * runner's first name, carries the link exactly, and is recorded and
 * audited. A mail server that refuses leaves the link in place, unsent.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { createDiaryLink } from "@/lib/data/diary";
import { createQuestionnaireRequest, emailQuestionnaireLink } from "@/lib/data/questionnaires";
import { ConflictError, ValidationError } from "@/lib/errors";
import { addDays, formatDate } from "@/lib/format";
import { createRequestSchema } from "@/lib/validation/runner";
import { closeTestDb, createClinic, isoDaysAgo, testDb, type TestClinic } from "../helpers/fixtures";
import { episodeIn } from "../helpers/records";
import { callRunnerApi, completeAnswers, tokenOf } from "../helpers/runner";

const received: ParsedMail[] = [];
/** Recipients the server refuses (RCPT TO answered 550). */
const refused = new Set<string>();
let server: SMTPServer;
let c: TestClinic;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) return callback(new Error("550 mailbox unavailable"));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  // Read by lib/env on first use, which comes after this.
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Riverside Sports Medicine <no-reply@riverside.example>";
  c = await createClinic("Riverside Mail Test");
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeTestDb();
});

const ORIGIN = "https://clinic.example";

const episode = (email: string | undefined) =>
  episodeIn(c, { runner: { givenName: "Maya", familyName: "Okafor", email }, episode: { complaint: "Inner knee pain" } });

const lastTo = (address: string) => [...received].reverse().find((m) => JSON.stringify(m.to).includes(address));

it("sends the questionnaire link when the request is made: the link exactly, the first name and the clinic, nothing else", async () => {
  const email = "maya.okafor@runner.example";
  const { episodeId, patientId } = await episode(email);
  const created = await createQuestionnaireRequest(
    c.clinician,
    episodeId,
    createRequestSchema.parse({ instruments: ["koos", "screen"], expiresInDays: 5, sendEmail: true }),
    ORIGIN,
  );
  expect(created.email).toEqual({ sent: true, to: email });
  const mail = lastTo(email)!;
  expect(mail).toBeDefined();
  expect(mail.from?.text).toBe('"Riverside Sports Medicine" <no-reply@riverside.example>');
  expect(mail.subject).toBe("Riverside Mail Test: questions about your knee before your visit");
  expect(mail.text).toContain(`Hello Maya,`);
  expect(mail.text?.split("\n")).toContain(created.url);
  expect(mail.text).toContain(`until ${formatDate(created.expiresOn)}`);
  expect(mail.text).not.toMatch(/Okafor|MRN/);
  // The link in the mail is the one that works.
  expect((await callRunnerApi("GET", tokenOf(created.url))).status).toBe(200);
  const row = await testDb().questionnaireRequest.findUniqueOrThrow({ where: { id: created.id } });
  expect(row.emailedAt).not.toBeNull();
  const event = await testDb().auditEvent.findFirstOrThrow({
    where: { clinicId: c.clinicId, entityId: created.id, action: "questionnaire.email" },
  });
  expect(event).toMatchObject({ actor: "staff", userId: c.clinician.userId, patientId, detail: { to: email } });
});

it("sends it again later from the URL the clinician holds, and only that request's URL", async () => {
  const email = "again@runner.example";
  const { episodeId } = await episode(email);
  const input = createRequestSchema.parse({ instruments: ["pain"] });
  const created = await createQuestionnaireRequest(c.clinician, episodeId, input, ORIGIN);
  const other = await createQuestionnaireRequest(c.clinician, episodeId, input, ORIGIN);
  const before = received.length;
  await expect(emailQuestionnaireLink(c.clinician, episodeId, created.id, other.url)).rejects.toMatchObject({
    issues: [{ path: "url", message: "Send the link of this request: this is another one" }],
  });
  expect(received.length).toBe(before);
  expect(await emailQuestionnaireLink(c.clinician, episodeId, created.id, created.url)).toEqual({ sent: true, to: email });
  expect(lastTo(email)?.text?.split("\n")).toContain(created.url);
  // A returned questionnaire's link is not sent again.
  await callRunnerApi("POST", tokenOf(created.url), { answers: completeAnswers(["pain"]) });
  await expect(emailQuestionnaireLink(c.clinician, episodeId, created.id, created.url)).rejects.toBeInstanceOf(ConflictError);
});

it("refuses sendEmail for a runner without an e-mail address before making anything", async () => {
  const { episodeId } = await episode(undefined);
  await expect(
    createQuestionnaireRequest(c.clinician, episodeId, createRequestSchema.parse({ instruments: ["pain"], sendEmail: true }), ORIGIN),
  ).rejects.toBeInstanceOf(ValidationError);
  expect(await testDb().questionnaireRequest.count({ where: { clinicId: c.clinicId, episodeId } })).toBe(0);
});

it("keeps the request when the mail server refuses the address, and says it was not sent", async () => {
  const email = "bounces@runner.example";
  refused.add(email);
  const { episodeId } = await episode(email);
  const created = await createQuestionnaireRequest(
    c.clinician,
    episodeId,
    createRequestSchema.parse({ instruments: ["pain"], sendEmail: true }),
    ORIGIN,
  );
  expect(created.email).toMatchObject({ sent: false, message: expect.stringMatching(/^The e-mail could not be sent/) });
  const row = await testDb().questionnaireRequest.findUniqueOrThrow({ where: { id: created.id } });
  expect(row).toMatchObject({ status: "open", emailedAt: null });
  expect(await testDb().auditEvent.count({ where: { clinicId: c.clinicId, entityId: created.id, action: "questionnaire.email" } })).toBe(0);
});

it("sends the diary link with the day it works until", async () => {
  const email = "diary@runner.example";
  const { episodeId } = await episode(email);
  const validUntil = addDays(isoDaysAgo(0), 28);
  const created = await createDiaryLink(c.clinician, episodeId, { validUntil, sendEmail: true }, ORIGIN);
  expect(created.email).toEqual({ sent: true, to: email });
  const mail = lastTo(email)!;
  expect(mail.subject).toBe("Riverside Mail Test: your running and knee pain diary");
  expect(mail.text?.split("\n")).toContain(created.url);
  expect(mail.text).toContain("The link works until");
});
