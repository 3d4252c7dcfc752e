import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/domain/access";
import { chooseOne, enterThe, shortenTo, trueOrFalse } from "@/lib/validation/messages";
import { email, optionalText, requiredText, uuid, type Loose } from "@/lib/validation/common";

export const ROLES = ["admin", "clinician", "viewer"] as const;

const password = z
  .string({ error: enterThe("password") })
  .min(PASSWORD_MIN_LENGTH, `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, shortenTo("password", 200));

const role = z.enum(ROLES, { error: chooseOne("role", ROLES) });

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
  active: z.enum(["true", "false"], { error: trueOrFalse("active") }).transform((v) => v === "true"),
});

export const resetPasswordSchema = z.object({ userId: uuid, password });

export type CreateUserInput = Loose<z.output<typeof createUserSchema>>;
export type UpdateUserInput = Loose<z.output<typeof updateUserSchema>>;
