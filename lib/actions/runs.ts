"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteRun, importRuns, previewRunImport, saveRun, type ImportPreview } from "@/lib/data/runs";
import { setRunsLoggedSince } from "@/lib/data/run-log";
import { defineFormAction } from "@/lib/actions/define";
import { uuid } from "@/lib/validation/common";
import { csvImportSchema, runFormSchema, runsLoggedSinceSchema } from "@/lib/validation/runs";
import { formatDate, formatKm, plural } from "@/lib/format";

export const saveRunAction = defineFormAction({
  access: "run.write",
  attempt: "run.save",
  input: runFormSchema,
  async run(actor, input) {
    const run = await saveRun(actor, input);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { message: `${input.runId ? "Run updated" : "Run added"}: ${formatKm(run.distanceKm)} on ${formatDate(run.date)}.` };
  },
});

/** "Run log complete from": the day every evaluation starts the log at (audited). */
export const setRunsLoggedSinceAction = defineFormAction({
  access: "run.write",
  attempt: "patient.runs_logged_since",
  input: runsLoggedSinceSchema,
  async run(actor, input) {
    const start = await setRunsLoggedSince(actor, input.patientId, input.runsLoggedSince);
    revalidatePath(`/patients/${input.patientId}/runs`);
    revalidatePath(`/patients/${input.patientId}`);
    return {
      message: start.runsLoggedSince
        ? `Run log complete from ${formatDate(start.runsLoggedSince)}${start.confirmed ? "" : " (proposed from the first run)"}.`
        : "No run log start: no runs recorded.",
    };
  },
});

export const deleteRunAction = defineFormAction({
  access: "run.write",
  attempt: "run.delete",
  input: z.object({ patientId: uuid, runId: uuid }),
  async run(actor, input) {
    await deleteRun(actor, input.patientId, input.runId);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { message: "Run deleted." };
  },
});

/** Preview (no `confirm`) or import (`confirm=yes`) runs from CSV text. */
export const importRunsAction = defineFormAction<typeof csvImportSchema, ImportPreview & { imported?: number }>({
  access: "run.write",
  attempt: "run.import",
  input: csvImportSchema,
  async run(actor, input) {
    if (input.confirm !== "yes") {
      const preview = await previewRunImport(actor, input.patientId, input.csv);
      return { ok: !preview.error, message: preview.error, data: preview };
    }
    const result = await importRuns(actor, input.patientId, input.csv);
    revalidatePath(`/patients/${input.patientId}/runs`);
    const left = result.rows.length - result.imported;
    return {
      message: `Imported ${plural(result.imported, "run")}; ${plural(left, "row")} left out.`,
      data: result,
    };
  },
});
