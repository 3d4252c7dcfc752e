"use server";

import { revalidatePath } from "next/cache";
import { createUser, resetPassword, updateUser } from "@/lib/data/users";
import { runAction, type ActionState } from "@/lib/actions/state";
import { formDataToObject, parseOrThrow } from "@/lib/validation/common";
import { createUserSchema, resetPasswordSchema, updateUserSchema } from "@/lib/validation/users";

export async function createUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin.users", async (actor) => {
    const input = parseOrThrow(createUserSchema, formDataToObject(form));
    const user = await createUser(actor, input);
    revalidatePath("/admin/users");
    return { ok: true, message: `Account created for ${user.name} (${user.email}).` };
  });
}

export async function updateUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin.users", async (actor) => {
    const input = parseOrThrow(updateUserSchema, formDataToObject(form));
    const user = await updateUser(actor, input);
    revalidatePath("/admin/users");
    return { ok: true, message: `Saved ${user.name}.` };
  });
}

export async function resetPasswordAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin.users", async (actor) => {
    const input = parseOrThrow(resetPasswordSchema, formDataToObject(form));
    await resetPassword(actor, input.userId, input.password);
    return { ok: true, message: "Password reset. The user's open sessions have ended." };
  });
}
