import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";

/**
 * Outgoing e-mail (nodemailer over SMTP_URL): the runner's links, sent when
 * a clinician asks. Without SMTP_URL nothing is sent and the app offers the
 * link to copy or print instead. A failure to send is an error the caller
 * reports ("not sent"); nothing is retried in the background (no queue: app
 * instances keep no state).
 */
export type Mail = { to: string; subject: string; text: string };

export function mailConfigured(): boolean {
  return !!getEnv().SMTP_URL;
}

/** The sender: MAIL_FROM, else no-reply at the host of NEXTAUTH_URL. */
export function mailFrom(clinicName: string): { name: string; address: string } | string {
  const env = getEnv();
  if (env.MAIL_FROM) return env.MAIL_FROM;
  const host = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).hostname : "localhost";
  return { name: clinicName, address: `no-reply@${host}` };
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super("E-mail is not set up on this server (SMTP_URL): copy or print the link instead.");
    this.name = "MailNotConfiguredError";
  }
}

export class MailFailedError extends Error {
  constructor(cause: unknown) {
    super("The e-mail could not be sent: the mail server did not accept it. Copy or print the link instead, or try again later.", {
      cause,
    });
    this.name = "MailFailedError";
  }
}

/** Sends one plain-text message; resolves when the SMTP server has accepted it. */
export async function sendMail(mail: Mail, from: ReturnType<typeof mailFrom>): Promise<void> {
  const url = getEnv().SMTP_URL;
  if (!url) throw new MailNotConfiguredError();
  const transport = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  try {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
  } catch (error) {
    throw new MailFailedError(error);
  } finally {
    transport.close();
  }
}
