import "server-only";
import { Prisma } from "@/prisma/generated/client";
import { getEnv, type RateLimit } from "@/lib/env";
import { read } from "@/lib/data/tx";

/**
 * Fixed-window counters per client address, in PostgreSQL so that every app
 * instance shares them: the sign-in limit (SignInThrottle, SIGNIN_IP_LIMIT)
 * and the limit on requests to the runner's links (RunnerLinkThrottle,
 * RUNNER_LINK_LIMIT). One statement counts the request and says whether it
 * may go ahead; windows that ended are deleted a few at a time by the same
 * statement. Both tables have the same columns (address, windowStart, attempts).
 */
export type ThrottleTable = "SignInThrottle" | "RunnerLinkThrottle";
export type ThrottleResult = { allowed: boolean; retryAfterSeconds: number };

export async function countInWindow(table: ThrottleTable, address: string, limit: RateLimit): Promise<ThrottleResult> {
  const { attempts, minutes } = limit;
  const t = Prisma.raw(`"${table}"`);
  const rows = await read(
    (c) => c.$queryRaw<ThrottleResult[]>`
      WITH expired AS (
        DELETE FROM ${t}
         WHERE address IN (SELECT address FROM ${t}
                            WHERE "windowStart" < now() - make_interval(mins => ${minutes}::int) AND address <> ${address}
                            LIMIT 20)
      ), counted AS (
        INSERT INTO ${t} AS t (address, "windowStart", attempts) VALUES (${address}, now(), 1)
        ON CONFLICT (address) DO UPDATE
           SET attempts = CASE WHEN t."windowStart" <= now() - make_interval(mins => ${minutes}::int) THEN 1 ELSE t.attempts + 1 END,
               "windowStart" = CASE WHEN t."windowStart" <= now() - make_interval(mins => ${minutes}::int) THEN now() ELSE t."windowStart" END
        RETURNING attempts, "windowStart"
      )
      SELECT attempts <= ${attempts}::int AS allowed,
             GREATEST(1, ceil(extract(epoch FROM ("windowStart" + make_interval(mins => ${minutes}::int) - now()))))::int AS "retryAfterSeconds"
        FROM counted`,
  );
  return rows[0] ?? { allowed: true, retryAfterSeconds: 0 };
}

/** One request to the runner's links (/r/, /api/r/) from `address`, against RUNNER_LINK_LIMIT. */
export async function countRunnerLinkRequest(address: string): Promise<ThrottleResult> {
  return countInWindow("RunnerLinkThrottle", address, getEnv().RUNNER_LINK_LIMIT);
}
