"use server";

import { revalidatePath } from "next/cache";
import { updateClinicSettings } from "@/lib/data/settings";
import { defineFormAction } from "@/lib/actions/define";
import { settingsFormSchema } from "@/lib/validation/settings";

export const updateSettingsAction = defineFormAction({
  access: "admin.settings",
  attempt: "settings.update",
  input: settingsFormSchema,
  async run(actor, input) {
    await updateClinicSettings(actor, input);
    revalidatePath("/admin/settings");
    return {
      message:
        "Clinic settings saved. They apply to assessments signed from now on; signed records keep the settings they were evaluated with.",
    };
  },
});
