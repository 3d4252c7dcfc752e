/**
 * The fault scenario of `npm run bench:faults`, shortened: ten clients save
 * follow-up drafts, sign them and import runs while a throwaway PostgreSQL
 * (initdb + pg_ctl on a free port, as the postgres user when root; never the
 * shared server) is stopped as after a crash and started again; then what
 * each client was told is compared with what the database holds
 * (scripts/faults/scenario.ts).
 *
 * Here the clients call lib/data in process, and every failure goes through
 * the same mapping the server actions use (actionError): a refusal must be
 * the form's "not reachable … nothing was saved" message, anything else is a
 * failure. The HTTP run (next start, server actions) is the benchmark's.
 *
 * PostgreSQL must be installed (.ci/run installs it): without initdb the test
 * fails, saying so.
 */
import pg from "pg";
import { actionError } from "@/lib/actions/state";
import type { Actor } from "@/lib/domain/access";
import { saveDraft, signAssessment } from "@/lib/data/assessments";
import { importRuns } from "@/lib/data/runs";
import { saveDraftSchema } from "@/lib/validation/assessment";
import { createThrowawayCluster, type ThrowawayCluster } from "@/scripts/db/throwaway-cluster";
import { REFUSAL } from "@/scripts/faults/http-transport";
import {
  assignEpisodes,
  describe as describeRun,
  prepareDatabase,
  runScenario,
  verify,
  type Outcome,
  type Transport,
} from "@/scripts/faults/scenario";

let cluster: ThrowawayCluster | undefined;
let ownerUrl = "";

beforeAll(async () => {
  cluster = await createThrowawayCluster("faults-test");
  const urls = await prepareDatabase(cluster);
  ownerUrl = urls.ownerUrl;
  // lib/db.ts connects lazily, on the first query of this file: to the throwaway cluster, as the granted app role.
  process.env.DATABASE_URL = urls.appUrl;
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
}, 120_000);

afterAll(async () => {
  const holder = globalThis as { prisma?: { $disconnect: () => Promise<void> } };
  await holder.prisma?.$disconnect();
  holder.prisma = undefined;
  await cluster?.destroy();
}, 60_000);

/** A lib/data call as a server action would answer it: ok, a clear refusal, or an error. */
async function asAction<T, R>(fn: () => Promise<T>, ok: (value: T) => R): Promise<Outcome<R>> {
  try {
    return { kind: "ok", data: ok(await fn()) };
  } catch (error) {
    const state = actionError(error);
    const message = state.message ?? "";
    return REFUSAL.test(message) ? { kind: "refused", status: 503, message } : { kind: "error", status: 500, message };
  }
}

const inProcess: Transport<Actor> = {
  saveDraft: (actor, input) =>
    asAction(
      () => saveDraft(actor, saveDraftSchema.parse(input)),
      (a) => ({ id: a.id, version: a.version }),
    ),
  sign: (actor, input) =>
    asAction(
      () => signAssessment(actor, input.assessmentId, input.version, input.screenAttestation),
      (a) => ({ version: a.version }),
    ),
  importRuns: (actor, input) =>
    asAction(
      () => importRuns(actor, input.patientId, input.csv),
      (r) => ({ imported: r.imported }),
    ),
};

async function actorFor(userId: string): Promise<Actor> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Actor>(
      `SELECT u.id AS "userId", u."clinicId", c.name AS "clinicName", c.timezone, u.role::text AS role, u.name, u.email, u.title
         FROM "User" u JOIN "Clinic" c ON c.id = u."clinicId" WHERE u.id = $1`,
      [userId],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

it("keeps every acknowledged write and none of the refused ones across a crash and restart of PostgreSQL, and recovers by itself", async () => {
  const assignments = await assignEpisodes(ownerUrl, 10);
  const clients = await Promise.all(assignments.map(async (assignment) => ({ assignment, handle: await actorFor(assignment.userId) })));
  const result = await runScenario(inProcess, clients, cluster!, {
    durationMs: 12_000,
    restarts: [{ atMs: 4_000, downMs: 2_000, mode: "immediate" }],
  });
  const verification = await verify(ownerUrl, result);
  const report = describeRun(result, verification);
  expect({ problems: verification.problems, report }).toEqual({ problems: [], report });
  const { save, sign, import: imports } = verification.counts;
  // The outage met every kind of write (verify() also says so), and the work went on before and after it.
  expect([save.refused, sign.refused, imports.refused].map((n) => n > 0)).toEqual([true, true, true]);
  expect(save.saved).toBeGreaterThan(10);
  expect(sign.saved).toBeGreaterThan(0);
  expect(imports.saved).toBeGreaterThan(0);
}, 120_000);
