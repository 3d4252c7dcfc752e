import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { greetingOf, runnerEmail } from "@/lib/data/runner-links";
import { transaction } from "@/lib/data/tx";
import { dayEndedBy, formatDate } from "@/lib/format";
import { mailFrom, sendMail, type Mail } from "@/lib/mail";

/**
 * E-mails a runner's link to the address on their record (SMTP_URL). The
 * message names only the clinic and the runner's first name, like the page
 * it links to. A send the mail server accepted is recorded on the link
 * (emailedAt) and audited; a failure is answered, not thrown: the link
 * exists and can still be copied or printed.
 */
export type LinkEmailResult = { sent: true; to: string } | { sent: false; message: string };

type LinkRef = { kind: "questionnaire" | "diary"; id: string; episodeId: string; url: string };

function message(kind: LinkRef["kind"], greeting: { clinicName: string; firstName: string }, url: string, until: string): Mail {
  if (kind === "questionnaire")
    return {
      to: "",
      subject: `${greeting.clinicName}: questions about your knee before your visit`,
      text: [
        `Hello ${greeting.firstName},`,
        "",
        `${greeting.clinicName} asks you to answer a few questions about your knee before your visit. You can stop at any time and come back to the same link later; your answers are kept.`,
        "",
        url,
        "",
        `The link works until ${until}. It is only for you: please do not forward it.`,
        "",
        "If you did not expect this e-mail, you can ignore it.",
      ].join("\n"),
    };
  return {
    to: "",
    subject: `${greeting.clinicName}: your running and knee pain diary`,
    text: [
      `Hello ${greeting.firstName},`,
      "",
      `${greeting.clinicName} asks you to keep a short diary of your runs, rest days and knee pain between visits. Open this link each day (it takes a minute):`,
      "",
      url,
      "",
      `The link works until ${until}. It is only for you: please do not forward it.`,
    ].join("\n"),
  };
}

export async function deliverLinkByEmail(actor: Actor, link: LinkRef): Promise<LinkEmailResult> {
  const found = await transaction(async (tx) => {
    const greeting = await greetingOf(tx, actor.clinicId, link.episodeId);
    const to = await runnerEmail(tx, actor.clinicId, greeting.patientId);
    const until =
      link.kind === "questionnaire"
        ? (await tx.questionnaireRequest.findFirst({ where: { id: link.id, clinicId: actor.clinicId }, select: { expiresAt: true } }))
            ?.expiresAt
        : (await tx.diaryLink.findFirst({ where: { id: link.id, clinicId: actor.clinicId }, select: { validUntil: true } }))?.validUntil;
    return { greeting, to, until };
  });
  if (!found.to || !found.until) return { sent: false, message: "The runner's record has no e-mail address." };
  const until = link.kind === "questionnaire" ? formatDate(dayEndedBy(found.until, actor.timezone)) : formatDate(found.until);
  try {
    await sendMail({ ...message(link.kind, found.greeting, link.url, until), to: found.to }, mailFrom(found.greeting.clinicName));
  } catch (error) {
    return { sent: false, message: (error as Error).message };
  }
  await transaction(async (tx) => {
    const data = { emailedAt: new Date() };
    if (link.kind === "questionnaire") await tx.questionnaireRequest.updateMany({ where: { id: link.id, clinicId: actor.clinicId }, data });
    else await tx.diaryLink.updateMany({ where: { id: link.id, clinicId: actor.clinicId }, data });
    await audit(tx, actor, {
      action: link.kind === "questionnaire" ? "questionnaire.email" : "diary.email",
      entityType: link.kind === "questionnaire" ? "QuestionnaireRequest" : "DiaryLink",
      entityId: link.id,
      patientId: found.greeting.patientId,
      detail: { to: found.to },
    });
  });
  return { sent: true, to: found.to };
}
