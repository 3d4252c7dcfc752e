import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/prisma/generated/client";
import { fromDatabaseError } from "@/lib/database-errors";

export type Tx = Prisma.TransactionClient;

/**
 * Runs `fn` in one transaction: a write and its audit row commit together or
 * not at all. PostgreSQL's refusals surface as the errors of lib/errors
 * (lib/database-errors.ts): unreachable and busy (503), a trigger refusal (409),
 * a value no column can hold (400).
 */
export async function transaction<T>(
  fn: (tx: Tx) => Promise<T>,
  options?: { isolationLevel?: Prisma.TransactionIsolationLevel },
): Promise<T> {
  try {
    return await db().$transaction(fn, { maxWait: 10_000, timeout: 30_000, ...options });
  } catch (error) {
    throw fromDatabaseError(error);
  }
}

/** A read without a transaction, with the same error mapping. */
export async function read<T>(fn: (client: ReturnType<typeof db>) => Promise<T>): Promise<T> {
  try {
    return await fn(db());
  } catch (error) {
    throw fromDatabaseError(error);
  }
}

/** Prisma's unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Dates of type `date` travel as YYYY-MM-DD strings above lib/data. */
export function toDateString(d: Date): string;
export function toDateString(d: Date | null | undefined): string | null;
export function toDateString(d: Date | null | undefined): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

export function fromDateString(s: string): Date {
  return new Date(`${s}T00:00:00.000Z`);
}

/** A plain JSON-safe value (engine output, answers) as Prisma's JSON input type. */
export function asJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
