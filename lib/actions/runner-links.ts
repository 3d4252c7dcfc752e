"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import QRCode from "qrcode";
import { defineAction } from "@/lib/actions/define";
import { appOrigin } from "@/lib/auth";
import { createDiaryLink, emailDiaryLink, reviewDiaryAlerts, revokeDiaryLink } from "@/lib/data/diary";
import type { LinkEmailResult } from "@/lib/data/link-mail";
import {
  createQuestionnaireRequest,
  emailQuestionnaireLink,
  reviewQuestionnaire,
  withdrawQuestionnaireRequest,
} from "@/lib/data/questionnaires";
import { formatDate } from "@/lib/format";
import {
  createDiaryLinkActionSchema,
  createRequestActionSchema,
  diaryLinkActionSchema,
  emailDiaryLinkActionSchema,
  emailRequestActionSchema,
  requestActionSchema,
  reviewDiaryAlertsActionSchema,
} from "@/lib/validation/runner";

/**
 * The runner's links from the patient page (issue 13): questionnaire requests
 * and diary links made, e-mailed, withdrawn or revoked, and what the runner
 * returned reviewed. Permission portal.manage (viewers see the links but
 * cannot act); the inputs are the API's schemas with the record they act on;
 * lib/data audits each. A link's URL exists only in the answer to its
 * making (only its hash is kept): the form shows it once, with its QR code
 * for the printed slip.
 */

/** The origin the links are made on: NEXTAUTH_URL, else the request's own host. */
async function linkOrigin(): Promise<string> {
  const configured = appOrigin();
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export type MadeLink = { id: string; url: string; qrSvg: string; until: string; email?: LinkEmailResult };

const qrOf = (url: string) => QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 });

const emailNote = (email: LinkEmailResult | undefined) =>
  email === undefined ? "" : email.sent ? ` E-mailed to ${email.to}.` : ` Not e-mailed: ${email.message}`;

const refresh = (patientId: string) => revalidatePath(`/patients/${patientId}`);

export const createRequestAction = defineAction({
  access: "portal.manage",
  attempt: "portal.link",
  input: createRequestActionSchema,
  async run(actor, { patientId, episodeId, ...input }) {
    const made = await createQuestionnaireRequest(actor, episodeId, input, await linkOrigin());
    refresh(patientId);
    const data: MadeLink = {
      id: made.id,
      url: made.url,
      qrSvg: await qrOf(made.url),
      until: formatDate(made.expiresOn),
      email: made.email,
    };
    return { message: `Questionnaire link made: it works until ${data.until}.${emailNote(made.email)}`, data };
  },
});

export const withdrawRequestAction = defineAction({
  access: "portal.manage",
  attempt: "portal.link",
  input: requestActionSchema,
  async run(actor, { patientId, episodeId, requestId }) {
    await withdrawQuestionnaireRequest(actor, episodeId, requestId);
    refresh(patientId);
    return { message: "Request withdrawn: its link no longer works." };
  },
});

export const reviewRequestAction = defineAction({
  access: "portal.manage",
  attempt: "portal.review",
  input: requestActionSchema,
  async run(actor, { patientId, episodeId, requestId }) {
    await reviewQuestionnaire(actor, episodeId, requestId);
    refresh(patientId);
    revalidatePath("/patients");
    return { message: "Marked as reviewed." };
  },
});

export const emailRequestAction = defineAction({
  access: "portal.manage",
  attempt: "portal.link",
  input: emailRequestActionSchema,
  async run(actor, { patientId, episodeId, requestId, url }) {
    const email = await emailQuestionnaireLink(actor, episodeId, requestId, url);
    refresh(patientId);
    return { ok: email.sent, message: email.sent ? `E-mailed to ${email.to}.` : `Not e-mailed: ${email.message}`, data: email };
  },
});

export const createDiaryLinkAction = defineAction({
  access: "portal.manage",
  attempt: "portal.link",
  input: createDiaryLinkActionSchema,
  async run(actor, { patientId, episodeId, ...input }) {
    const made = await createDiaryLink(actor, episodeId, input, await linkOrigin());
    refresh(patientId);
    const data: MadeLink = {
      id: made.id,
      url: made.url,
      qrSvg: await qrOf(made.url),
      until: formatDate(made.validUntil),
      email: made.email,
    };
    return { message: `Diary link made: it works until ${data.until}.${emailNote(made.email)}`, data };
  },
});

export const revokeDiaryLinkAction = defineAction({
  access: "portal.manage",
  attempt: "portal.link",
  input: diaryLinkActionSchema,
  async run(actor, { patientId, episodeId, linkId }) {
    await revokeDiaryLink(actor, episodeId, linkId);
    refresh(patientId);
    return { message: "Diary link revoked: it no longer works." };
  },
});

export const emailDiaryLinkAction = defineAction({
  access: "portal.manage",
  attempt: "portal.link",
  input: emailDiaryLinkActionSchema,
  async run(actor, { patientId, episodeId, linkId, url }) {
    const email = await emailDiaryLink(actor, episodeId, linkId, url);
    refresh(patientId);
    return { ok: email.sent, message: email.sent ? `E-mailed to ${email.to}.` : `Not e-mailed: ${email.message}`, data: email };
  },
});

export const reviewDiaryAlertsAction = defineAction({
  access: "portal.manage",
  attempt: "portal.review",
  input: reviewDiaryAlertsActionSchema,
  async run(actor, { patientId, episodeId, alertId }) {
    const count = await reviewDiaryAlerts(actor, episodeId, alertId);
    refresh(patientId);
    revalidatePath("/patients");
    return { message: `${count} diary alert${count === 1 ? "" : "s"} marked as reviewed.` };
  },
});
