import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import { getEnv } from "@/lib/env";

/**
 * The single Prisma client (pg driver adapter). Only lib/data imports it:
 * every query goes through functions that are scoped to the acting user's clinic.
 */
// One client per process, kept across hot reloads in development.
declare global {
  var prisma: PrismaClient | undefined;
}

function createClient(): PrismaClient {
  const env = getEnv();
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalThis.prisma ??= createClient();
  return globalThis.prisma;
}
