"use server";

import { revalidatePath } from "next/cache";
import { updateClinicSettings } from "@/lib/data/settings";
import { runAction, type ActionState } from "@/lib/actions/state";
import { formDataToObject, parseOrThrow } from "@/lib/validation/common";
import { settingsFormSchema } from "@/lib/validation/settings";

export async function updateSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin.settings", async (actor) => {
    const input = parseOrThrow(settingsFormSchema, formDataToObject(form));
    await updateClinicSettings(actor, input);
    revalidatePath("/admin/settings");
    return {
      ok: true,
      message:
        "Clinic settings saved. They apply to assessments signed from now on; signed records keep the settings they were evaluated with.",
    };
  });
}
