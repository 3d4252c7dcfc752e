import { z } from "zod";

/**
 * The app's configuration, read from the environment and validated once.
 * `.env.example` documents every variable. A missing or malformed variable
 * stops start-up (instrumentation.ts) with a message naming it.
 */
const intFromEnv = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const booleanFromEnv = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = (v ?? "").trim().toLowerCase();
      if (["", "0", "false", "no"].includes(value)) return false;
      if (["1", "true", "yes"].includes(value)) return true;
      ctx.addIssue({ code: "custom", message: `${name} must be 1 or 0 (true or false)` });
      return z.NEVER;
    });

/** SIGNIN_IP_LIMIT: "attempts/minutes", e.g. "30/15": at most 30 failed sign-ins per client address in 15 minutes. */
export type RateLimit = { attempts: number; minutes: number };
export const DEFAULT_SIGNIN_IP_LIMIT: RateLimit = { attempts: 30, minutes: 15 };
/** RUNNER_LINK_LIMIT: requests to the runner's links (/r/, /api/r/) per client address, e.g. "300/15". */
export const DEFAULT_RUNNER_LINK_LIMIT: RateLimit = { attempts: 300, minutes: 15 };

const rateLimitFromEnv = (name: string, fallback: RateLimit) =>
  z
    .string()
    .optional()
    .transform((v, ctx): RateLimit => {
      if (v === undefined || v.trim() === "") return fallback;
      const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,4})\s*$/.exec(v);
      const attempts = Number(m?.[1]);
      const minutes = Number(m?.[2]);
      if (!m || attempts < 1 || attempts > 100_000 || minutes < 1 || minutes > 24 * 60) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be "attempts/minutes" with attempts from 1 to 100000 and minutes from 1 to 1440, e.g. "30/15"`,
        });
        return z.NEVER;
      }
      return { attempts, minutes };
    });

const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (e.g. postgres://user@host:5432/db; `npm run demo` sets it for the embedded database)" })
    .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), "DATABASE_URL must be a postgres:// or postgresql:// URL"),
  NEXTAUTH_SECRET: z
    .string({ error: "NEXTAUTH_SECRET is required: a random string of at least 32 characters (e.g. `openssl rand -base64 32`)" })
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters long"),
  NEXTAUTH_URL: z.url({ error: "NEXTAUTH_URL must be an absolute URL such as http://localhost:3000" }).optional(),
  SESSION_IDLE_MINUTES: intFromEnv("SESSION_IDLE_MINUTES", 1, 24 * 60, 30),
  SESSION_MAX_HOURS: intFromEnv("SESSION_MAX_HOURS", 1, 7 * 24, 12),
  LOCKOUT_THRESHOLD: intFromEnv("LOCKOUT_THRESHOLD", 1, 100, 5),
  LOCKOUT_MINUTES: intFromEnv("LOCKOUT_MINUTES", 1, 24 * 60, 15),
  DATABASE_POOL_MAX: intFromEnv("DATABASE_POOL_MAX", 1, 200, 10),
  TRUST_PROXY: booleanFromEnv("TRUST_PROXY"),
  SIGNIN_IP_LIMIT: rateLimitFromEnv("SIGNIN_IP_LIMIT", DEFAULT_SIGNIN_IP_LIMIT),
  RUNNER_LINK_LIMIT: rateLimitFromEnv("RUNNER_LINK_LIMIT", DEFAULT_RUNNER_LINK_LIMIT),
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
    .pipe(
      z
        .url({ error: "SMTP_URL must be a URL such as smtps://user:password@mail.example:465 or smtp://mail.example:587" })
        .refine((v) => /^smtps?:\/\//.test(v), "SMTP_URL must start with smtp:// or smtps://")
        .optional(),
    ),
  MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
    .pipe(z.string().max(320).optional()),
  TOTP_ENCRYPTION_KEY: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v : undefined))
    .pipe(z.string().min(32, "TOTP_ENCRYPTION_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional()),
  /** A folder of replacement instrument definitions (`koos.json`, ...): docs/instruments.md. Checked at start-up (lib/instruments/load.ts). */
  INSTRUMENTS_DIR: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined)),
  /** Tests only: a folder where lib/db.ts records every distinct statement (docs/scale-out.md). */
  SQL_CAPTURE_DIR: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v : undefined)),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export class EnvError extends Error {}

/** Validated environment; throws EnvError naming every bad variable. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "environment"}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
