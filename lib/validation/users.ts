import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/access";
import { email, optionalText, requiredText, uuid, type Loose } from "@/lib/validation/common";

export const ROLES = ["admin", "clinician", "viewer"] as const;

const password = z
  .string({ error: "password is required" })
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "password must be at most 200 characters");

const role = z.enum(ROLES, { error: "role must be admin, clinician or viewer" });

export const createUserSchema = z.object({
  email,
  name: requiredText(120, "name"),
  role,
  title: optionalText(120, "title"),
  phone: optionalText(40, "phone"),
  password,
});

export const updateUserSchema = z.object({
  userId: uuid,
  name: requiredText(120, "name"),
  role,
  title: optionalText(120, "title"),
  phone: optionalText(40, "phone"),
  active: z.enum(["true", "false"], { error: "active must be true or false" }).transform((v) => v === "true"),
});

export const resetPasswordSchema = z.object({ userId: uuid, password });

export type CreateUserInput = Loose<z.output<typeof createUserSchema>>;
export type UpdateUserInput = Loose<z.output<typeof updateUserSchema>>;
