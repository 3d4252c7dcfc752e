import "server-only";
import type { Actor } from "@/lib/domain/access";
import { audit } from "@/lib/data/audit";
import { refuseFutureDates } from "@/lib/data/clinic";
import { findPatientOrThrow } from "@/lib/data/patients";
import { fromDateString, toDateString, transaction, type Tx } from "@/lib/data/tx";
import { ValidationError } from "@/lib/errors";
import { notInFuture } from "@/lib/validation/messages";

/**
 * The day from which a runner's run log is complete (Patient.runsLoggedSince):
 * every evaluation passes it as `training.loggedSince`, so a new log never
 * reads an ACWR of 4.0 or spikes against weeks that were simply not logged
 * (EVALUATE.md section 5).
 *
 * Until a clinician sets it, it is proposed from the runs: the earliest run
 * on record, following it as runs are added, imported or deleted. Once set
 * (run log page, "Run log complete from"), it stays as set.
 */
export type RunLogStart = { runsLoggedSince: string | null; confirmed: boolean };

/**
 * Re-proposes the start of a runner's log after runs were added, imported or
 * deleted: the earliest run, unless a clinician has set it. Call it in the
 * same transaction as the change to the runs (lib/data/runs.ts and the file
 * import do). Returns the start in force.
 */
export async function proposeRunsLoggedSince(tx: Tx, clinicId: string, patientId: string): Promise<RunLogStart> {
  const patient = await tx.patient.findFirst({
    where: { id: patientId, clinicId },
    select: { runsLoggedSince: true, runsLoggedSinceConfirmed: true },
  });
  if (!patient) return { runsLoggedSince: null, confirmed: false };
  if (patient.runsLoggedSinceConfirmed) return { runsLoggedSince: toDateString(patient.runsLoggedSince), confirmed: true };
  const first = await tx.run.findFirst({ where: { clinicId, patientId }, orderBy: { date: "asc" }, select: { date: true } });
  const proposed = first ? toDateString(first.date) : null;
  if (proposed !== toDateString(patient.runsLoggedSince)) {
    await tx.patient.updateMany({ where: { id: patientId, clinicId }, data: { runsLoggedSince: first ? first.date : null } });
  }
  return { runsLoggedSince: proposed, confirmed: false };
}

/**
 * A clinician sets (or, with null, clears back to the proposal) the day the
 * run log is complete from. Audited with the before and after.
 */
export async function setRunsLoggedSince(actor: Actor, patientId: string, date: string | null): Promise<RunLogStart> {
  return transaction(async (tx) => {
    const patient = await findPatientOrThrow(tx, actor, patientId);
    if (date !== null) {
      await refuseFutureDates(tx, actor.clinicId, [
        { path: "runsLoggedSince", date, message: notInFuture("date the run log is complete from") },
      ]);
      if (date < toDateString(patient.birthDate))
        throw new ValidationError([
          { path: "runsLoggedSince", message: "Enter a date the run log is complete from on or after the date of birth" },
        ]);
    }
    const before: RunLogStart = { runsLoggedSince: toDateString(patient.runsLoggedSince), confirmed: patient.runsLoggedSinceConfirmed };
    await tx.patient.updateMany({
      where: { id: patientId, clinicId: actor.clinicId },
      data: { runsLoggedSince: date === null ? null : fromDateString(date), runsLoggedSinceConfirmed: date !== null },
    });
    const after = date === null ? await proposeRunsLoggedSince(tx, actor.clinicId, patientId) : { runsLoggedSince: date, confirmed: true };
    await audit(tx, actor, {
      action: "patient.runs_logged_since",
      entityType: "Patient",
      entityId: patientId,
      patientId,
      detail: { before, after },
    });
    return after;
  });
}
