"use server";

import { revalidatePath } from "next/cache";
import { deleteRun, importRuns, previewRunImport, saveRun, type ImportPreview } from "@/lib/data/runs";
import { runAction, type ActionState } from "@/lib/actions/state";
import { formDataToObject, parseOrThrow, uuid } from "@/lib/validation/common";
import { csvImportSchema, runFormSchema, runsLoggedSinceSchema } from "@/lib/validation/runs";
import { setRunsLoggedSince } from "@/lib/data/run-log";
import { formatDate } from "@/lib/format";
import { z } from "zod";

export async function saveRunAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("run.write", async (actor) => {
    const input = parseOrThrow(runFormSchema, formDataToObject(form));
    const run = await saveRun(actor, input);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { ok: true, message: `${input.runId ? "Run updated" : "Run added"}: ${run.distanceKm} km on ${run.date}.` };
  });
}

/** "Run log complete from": the day every evaluation starts the log at (audited). */
export async function setRunsLoggedSinceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("run.write", async (actor) => {
    const input = parseOrThrow(runsLoggedSinceSchema, formDataToObject(form));
    const start = await setRunsLoggedSince(actor, input.patientId, input.runsLoggedSince);
    revalidatePath(`/patients/${input.patientId}/runs`);
    revalidatePath(`/patients/${input.patientId}`);
    return {
      ok: true,
      message: start.runsLoggedSince
        ? `Run log complete from ${formatDate(start.runsLoggedSince)}${start.confirmed ? "" : " (proposed from the first run)"}.`
        : "No run log start: no runs recorded.",
    };
  });
}

const deleteSchema = z.object({ patientId: uuid, runId: uuid });

export async function deleteRunAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("run.write", async (actor) => {
    const input = parseOrThrow(deleteSchema, formDataToObject(form));
    await deleteRun(actor, input.patientId, input.runId);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { ok: true, message: "Run deleted." };
  });
}

/** Preview (no `confirm`) or import (`confirm=yes`) runs from CSV text. */
export async function importRunsAction(
  _prev: ActionState<ImportPreview & { imported?: number }>,
  form: FormData,
): Promise<ActionState<ImportPreview & { imported?: number }>> {
  return runAction("run.write", async (actor) => {
    const input = parseOrThrow(csvImportSchema, formDataToObject(form));
    if (input.confirm !== "yes") {
      const preview = await previewRunImport(actor, input.patientId, input.csv);
      return { ok: !preview.error, message: preview.error, data: preview };
    }
    const result = await importRuns(actor, input.patientId, input.csv);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return {
      ok: true,
      message: `Imported ${result.imported} run${result.imported === 1 ? "" : "s"}; ${result.rows.length - result.imported} row${result.rows.length - result.imported === 1 ? "" : "s"} left out.`,
      data: result,
    };
  });
}
