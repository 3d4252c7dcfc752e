import { z } from "zod";
import { formatDate } from "@/lib/format";

/**
 * Every validation message a person reads is built here, in one style: a
 * sentence in sentence case that says what to do and names the field
 * ("Enter the date of birth", "Shorten the reason to 2000 characters or
 * fewer"), dates written as people read them ("3 Nov 2026", lib/format.ts),
 * never a developer's rule ("must match YYYY-MM-DD"). API answers name the
 * field by its path beside the message. tests/unit/validation/message-style
 * fails on a message written in another style.
 */

/** "a", "a or b", "a, b or c". */
export function orList(values: readonly (string | number)[]): string {
  const words = values.map(String);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** "a date of birth", "an onset date". */
const aOrAn = (label: string) => `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;

const withUnit = (n: number, unit?: string) => (unit ? `${n} ${unit}` : String(n));

/** "Enter the date of birth". */
export const enterThe = (label: string) => `Enter the ${label}`;

/** "Enter the date of birth as a real date". */
export const enterDateOf = (label: string) => `Enter the ${label} as a real date`;

/** "Enter the cadence as a whole number from 100 to 250 steps/min". */
export const enterWholeNumber = (label: string, min: number, max?: number, unit?: string) =>
  max === undefined
    ? `Enter the ${label} as a whole number of ${withUnit(min, unit)} or more`
    : `Enter the ${label} as a whole number from ${min} to ${withUnit(max, unit)}`;

/** "Enter the load as a number from 0 to 500 kg"; with no max: "… of 0 kg or more". */
export const enterNumber = (label: string, min: number, max?: number, unit?: string) =>
  max === undefined
    ? `Enter the ${label} as a number of ${withUnit(min, unit)} or more`
    : `Enter the ${label} as a number from ${min} to ${withUnit(max, unit)}`;

/** "Enter the distance as a number more than 0 km" (and at most `max`). */
export const enterPositiveNumber = (label: string, max?: number, unit?: string) =>
  `Enter the ${label} as a number more than ${withUnit(0, unit)}${max === undefined ? "" : ` and at most ${withUnit(max, unit)}`}`;

/** "Choose the urgency: emergency, urgent, soon or routine". */
export const chooseOne = (label: string, values: readonly (string | number)[]) => `Choose the ${label}: ${orList(values)}`;

/** "Shorten the reason to 2000 characters or fewer". */
export const shortenTo = (label: string, max: number) => `Shorten the ${label} to ${max} characters or fewer`;

/** "Remove the NUL character from the reason". */
export const removeNul = (label: string) => `Remove the NUL character from the ${label}`;

/** "Remove the control characters from the search". */
export const removeControlCharacters = (label: string) => `Remove the control characters from the ${label}`;

/** "Enter a date of birth that is today or earlier". */
export const notInFuture = (label: string) => `Enter ${aOrAn(label)} that is today or earlier`;

/** "Enter a next review date on or after the assessment date (3 Nov 2026)". */
export const notBefore = (label: string, other: string, date?: string | null) =>
  `Enter ${aOrAn(label)} on or after the ${other}${date ? ` (${formatDate(date)})` : ""}`;

/** "Set sendEmail to true or false" (JSON fields an API caller sends). */
export const trueOrFalse = (label: string) => `Set ${label} to true or false`;

/** "Send the patient id as a valid id" (ids come from links and hidden fields, not typing). */
export const validId = (label = "record") => `Send the ${label} id as a valid id: reload the page and try again`;

// ---------------------------------------------------------------- zod's own messages

/** The field a path names, as words: ["answers", "onsetDate"] -> "onset date", "walk_30_pain_free" -> "walk 30 pain free". */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((k): k is string => typeof k === "string");
  if (!key) return "request body";
  return key
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

const KINDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

type Issue = z.core.$ZodRawIssue;

/** A message in the house style for an issue the schema gave no message of its own (zod's English otherwise). */
export function houseMessage(issue: Issue): string {
  const label = fieldLabel(issue.path ?? []);
  switch (issue.code) {
    case "invalid_type":
      if (!issue.path?.length && issue.expected === "object") return "Send a JSON object";
      if (issue.input === undefined) return enterThe(label);
      return `Enter the ${label} as ${KINDS[issue.expected] ?? issue.expected}`;
    case "unrecognized_keys":
      return `Remove the unknown ${issue.keys.length === 1 ? "field" : "fields"} ${orList(issue.keys)}`;
    case "invalid_value":
      return chooseOne(label, issue.values.map(String));
    case "too_small":
      if (issue.origin === "string") return enterThe(label);
      if (issue.origin === "array" || issue.origin === "set") return `Give at least ${String(issue.minimum)} ${label}`;
      return `Enter ${label === "request body" ? "a value" : `the ${label}`} as ${issue.inclusive === false ? "more than" : "at least"} ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "string") return shortenTo(label, Number(issue.maximum));
      if (issue.origin === "array" || issue.origin === "set") return `List at most ${String(issue.maximum)} in the ${label}`;
      return `Enter the ${label} as ${issue.inclusive === false ? "less than" : "at most"} ${String(issue.maximum)}`;
    case "invalid_format":
      return `Enter the ${label} in the right form${issue.format === "email" ? ": an email address" : ""}`;
    default:
      return `Check the ${label}`;
  }
}

z.config({ customError: houseMessage });

/** The version a form was loaded with (hidden field; an API caller sends it). */
export const SEND_VERSION = "Send the version you edited: reload the page and try again";

/** A key a strict schema does not know (the path names it): usually a typo. */
export const UNKNOWN_FIELD = "Remove the unknown field";

/** Sending a link by e-mail when the server cannot. */
export const MAIL_NOT_SET_UP = "Copy or print the link: e-mail is not set up on this server (SMTP_URL)";
/** Sending a link by e-mail to a runner whose record has no address. */
export const NO_EMAIL_ON_RECORD = "Add an e-mail address to the runner's record, or copy or print the link";

/** "Enter an onset date on or before the assessment date". */
export const notAfterAssessment = (label: string) => `Enter ${aOrAn(label)} on or before the assessment date`;

// ---------------------------------------------------------------- records kept as they are

/*
 * A change the record's state does not allow (409). lib/data's own checks
 * answer with these, and so does lib/errors.ts when PostgreSQL's triggers
 * refuse the change (SQLSTATE KC001: two saves crossed, or a check was
 * missed), so a person reads the same words whichever caught it.
 */

/** Editing a signed assessment. */
export const SIGNED_ASSESSMENT_KEPT = "Add an addendum instead: this assessment has been signed and can no longer be edited";
/** Changing an assessment marked entered in error. */
export const ENTERED_IN_ERROR_KEPT = "Leave this assessment as it is: it was marked entered in error and can no longer change";
/** Editing a signed (or sent) referral. */
export const SIGNED_REFERRAL_KEPT = "Cancel this referral and start a new one to change it: it is signed and can no longer be edited";
/** Changing a cancelled referral. */
export const CANCELLED_REFERRAL_KEPT = "Leave this referral as it is: it was cancelled and can no longer change";
/** Demoting or deactivating the clinic's last active administrator. */
export const LAST_ADMINISTRATOR = "Make another user an administrator first: this is the clinic's last active administrator";
/** Changing an episode withdrawn as opened in error. */
export const WITHDRAWN_EPISODE_KEPT = "Open a new episode instead: this one was withdrawn as opened in error and stays withdrawn";

/** A refusal of the database that no message above explains. */
export const RECORD_REFUSED_CHANGE = "Reload the page and check the record: it no longer allows this change, and nothing was saved";
