import "server-only";
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
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
  if (!env.SQL_CAPTURE_DIR) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  captureStatements(client, env.SQL_CAPTURE_DIR);
  return client;
}

type LoggingClient = PrismaClient<"query">;

/**
 * Tests only (SQL_CAPTURE_DIR, set by the integration suite's global setup):
 * every distinct statement this client sends, Prisma's and raw SQL alike, is
 * appended once to `<dir>/<pid>.jsonl` with the test file that sent it
 * (SQL_CAPTURE_SOURCE). The global teardown checks them all against the
 * scale-out premise (docs/scale-out.md). A set lookup per query; a file write
 * only for a statement not seen before.
 */
function captureStatements(client: LoggingClient, dir: string): void {
  const seen = new Set<string>();
  const source = process.env.SQL_CAPTURE_SOURCE ?? "";
  const file = path.join(dir, `${process.pid}.jsonl`);
  mkdirSync(dir, { recursive: true });
  client.$on("query", (event) => {
    if (seen.has(event.query)) return;
    seen.add(event.query);
    appendFileSync(file, `${JSON.stringify({ sql: event.query, source })}\n`);
  });
}

export function db(): PrismaClient {
  globalThis.prisma ??= createClient();
  return globalThis.prisma;
}
