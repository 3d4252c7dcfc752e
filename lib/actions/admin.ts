"use server";

import { revalidatePath } from "next/cache";
import { createUser, resetPassword, updateUser } from "@/lib/data/users";
import { defineFormAction } from "@/lib/actions/define";
import { createUserSchema, resetPasswordSchema, updateUserSchema } from "@/lib/validation/users";

export const createUserAction = defineFormAction({
  access: "admin.users",
  attempt: "user.create",
  input: createUserSchema,
  async run(actor, input) {
    const user = await createUser(actor, input);
    revalidatePath("/admin/users");
    return { message: `Account created for ${user.name} (${user.email}).` };
  },
});

export const updateUserAction = defineFormAction({
  access: "admin.users",
  attempt: "user.update",
  input: updateUserSchema,
  async run(actor, input) {
    const user = await updateUser(actor, input);
    revalidatePath("/admin/users");
    return { message: `Saved ${user.name}.` };
  },
});

export const resetPasswordAction = defineFormAction({
  access: "admin.users",
  attempt: "user.reset_password",
  input: resetPasswordSchema,
  async run(actor, input) {
    await resetPassword(actor, input.userId, input.password);
    return { message: "Password reset. The user's open sessions have ended." };
  },
});
