/**
 * The audit log as CSV (RFC 4180), in the words of the page: one row per
 * event, newest first. A cell a spreadsheet would run as a formula (starting
 * with =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
 */
import { formatDateTime } from "@/lib/format";
import type { AuditText } from "@/lib/audit-text";

export type AuditCsvRow = {
  id: string;
  at: Date;
  actorName: string;
  patientName: string | null;
  recordName: string | null;
  text: AuditText;
};

export const AUDIT_CSV_HEADER = ["Event", "When", "Who", "What happened", "Refused because", "Patient", "Record", "Changes", "Details"];

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(rows: AuditCsvRow[], timeZone: string): string {
  const lines = [
    AUDIT_CSV_HEADER,
    ...rows.map((r) => [
      r.id,
      formatDateTime(r.at, timeZone),
      r.actorName,
      r.text.what,
      r.text.refusal ?? "",
      r.patientName ?? "",
      r.recordName ?? "",
      r.text.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join("; "),
      r.text.facts.join("; "),
    ]),
  ];
  return `${lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
