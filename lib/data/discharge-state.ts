import "server-only";
import type { DischargeOutcome } from "@/lib/clinical/outcome";
import type { DischargeReason } from "@/lib/domain/codes";
import { readDischargeOutcome } from "@/lib/stored/discharge-outcome";
import { Prisma } from "@/prisma/generated/client";
import { toDateString, type Tx } from "@/lib/data/tx";

/**
 * The discharges of episodes, read for the patient record, the API and the
 * discharge page (no import of lib/data/patients, which reads them).
 */
export type DischargeView = {
  id: string;
  reason: DischargeReason;
  reasonText: string | null;
  /** The clinic's date of the discharge (YYYY-MM-DD). */
  date: string;
  returnToRunningOn: string | null;
  notes: string | null;
  outcome: DischargeOutcome;
  dischargedBy: { id: string; name: string };
  createdAt: Date;
};

/** A discharge as read (its outcome still stored JSON, for its reader). */
type DischargeRow = Omit<Prisma.DischargeGetPayload<object>, "clinicId" | "episodeId" | "outcome"> & { outcome: unknown };

export function dischargeView(row: DischargeRow): DischargeView {
  return {
    id: row.id,
    reason: row.reason,
    reasonText: row.reasonText,
    date: toDateString(row.dischargedOn),
    returnToRunningOn: toDateString(row.returnToRunningOn),
    notes: row.notes,
    outcome: readDischargeOutcome(row.outcome),
    dischargedBy: { id: row.dischargedById, name: row.dischargedByName },
    createdAt: row.createdAt,
  };
}

/** The latest discharge of each episode given (an episode reopened and discharged again keeps its earlier ones). */
export async function latestDischargesIn(tx: Tx, clinicId: string, episodeIds: string[]): Promise<Map<string, DischargeView>> {
  const rows = episodeIds.length
    ? await tx.discharge.findMany({ where: { clinicId, episodeId: { in: episodeIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
    : [];
  return new Map(rows.map((r) => [r.episodeId, dischargeView(r)]));
}
