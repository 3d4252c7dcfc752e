/**
 * The fault scenario shared by `npm run bench:faults` (real HTTP against
 * `next start`) and tests/integration/faults.test.ts (the same clients in
 * process, shortened): each client, in a loop, creates a follow-up draft and
 * saves it twice more, signs it, and imports three runs, while PostgreSQL is
 * stopped and started again under them; then what each client was told is
 * compared with what the database holds.
 *
 * The clients start 100 ms apart, so they are not in step, and each stop of
 * PostgreSQL waits for a moment when one client is saving, another signing
 * and another importing: every kind of write meets the outage (verify fails
 * the run when one did not).
 *
 * Each client owns one open episode of a demo runner (so no two clients ever
 * touch the same record), and behaves like a clinician at the form: a save
 * or import that is refused ("database not reachable / busy, nothing was
 * saved") is tried again with the same entries after a short pause, as the
 * form keeps them. Anything else (a 500, a message that is not a clear
 * refusal, a conflict) is an error of the app: counted and reported, and the
 * client carries on (trying again, as a user would).
 *
 * The check (verify) reads the database as its owner:
 * - every acknowledged save, sign and import is there, with the acknowledged
 *   version and answers; every refused one left no trace (no row, no version,
 *   no run, no audit event);
 * - every acknowledged write has exactly one audit event and there is no
 *   audit event for a write that was refused (the same transaction);
 * - nothing half-written: each episode's draft count and the clinic's
 *   caseload counts match the rows (kept by the same transaction and
 *   triggers); imports are whole or absent;
 * - the app recovered: every client had a write acknowledged after
 *   PostgreSQL was back.
 */
import pg from "pg";
import { seed } from "../../prisma/seed";
import { grantAppRole } from "../db/grant";
import { applyMigrations } from "../db/offline/migrate";
import type { ThrowawayCluster } from "../db/throwaway-cluster";

/** What a client was told about one request. */
export type Outcome<T> =
  | { kind: "ok"; data: T }
  /** Refused with a clear "try again, nothing was saved" (HTTP 503, or the form's message). */
  | { kind: "refused"; status: number; message: string }
  /** Anything else: a 500, a network error between client and app, an unexpected message. */
  | { kind: "error"; status: number; message: string };

export type DraftInput = {
  assessmentId?: string;
  version?: number;
  episodeId: string;
  kind: "follow_up";
  assessedOn: string;
  answers: Answers;
};
type Answers = { symptoms: { painNow: number; painWorstWeek?: number } };

/** The follow-ups answer pain only: their red-flag screen is incomplete, and the signer says why. */
const SCREEN_ATTESTATION = "Fault run: pain recorded only, the red-flag screen was not repeated";

/** How a client talks to the app: over HTTP (server actions, API) or in process (lib/data + the same error mapping). */
export type Transport<C> = {
  saveDraft(client: C, input: DraftInput): Promise<Outcome<{ id: string; version: number }>>;
  sign(client: C, input: { assessmentId: string; version: number; screenAttestation: string }): Promise<Outcome<{ version: number }>>;
  importRuns(client: C, input: { patientId: string; csv: string }): Promise<Outcome<{ imported: number }>>;
};

/** An episode a client works on: open, with a signed intake and no draft. */
export type Assignment = {
  clinicId: string;
  clinicName: string;
  episodeId: string;
  patientId: string;
  userEmail: string;
  userId: string;
  /** Follow-ups of the episode from before the run (left out of the comparison). */
  before: string[];
};

type Op = "save" | "sign" | "import";
const OPS: readonly Op[] = ["save", "sign", "import"];
const OP_NAMES: Record<Op, string> = { save: "save draft", sign: "sign assessment", import: "import runs" };
type Attempt = { client: number; op: Op; at: number; outcome: Outcome<unknown>["kind"]; status: number; message: string };

type ClientLog = {
  index: number;
  assignment: Assignment;
  /** Assessments this client created (acknowledged), with the last acknowledged state. */
  drafts: Map<string, { version: number; answers: Answers; signed: boolean; acks: { action: string; version?: number }[] }>;
  /** Runs of acknowledged imports, and of refused ones (date|distance keys). */
  importedRuns: string[];
  refusedRuns: string[];
  acknowledgedImports: number;
  lastAckAt: number;
};

export type ScenarioOptions = {
  durationMs: number;
  /**
   * The clients go on at least this long after PostgreSQL is back, however
   * long it took to come back (a loaded machine recovers slower), so that
   * recovery is always tried. Default 3 s.
   */
  afterRecoveryMs?: number;
  /**
   * When to stop PostgreSQL, and for how long it stays down, from the start of
   * the run. The stop waits (at most `alignMs`, default 5 s) for a moment when
   * some client is saving, another signing and another importing, so that
   * every kind of write meets the outage.
   */
  restarts: { atMs: number; downMs: number; mode: "fast" | "immediate" }[];
  alignMs?: number;
  /** Client i starts i × this after the first (default 100 ms), so that the clients are not in step. */
  staggerMs?: number;
  /** Pause after a refusal before the same entries are sent again. */
  retryPauseMs?: number;
  log?: (line: string) => void;
};

export type ScenarioResult = {
  attempts: Attempt[];
  clients: ClientLog[];
  restarts: { stoppedAt: number; startedAt: number; mode: string }[];
  durationMs: number;
};

/**
 * The scenario's database on a throwaway cluster, set up as production is:
 * migrated and loaded with the demo clinics by the owner, and an app role
 * granted by `npm run db:grant`'s code (the app connects as it).
 */
export async function prepareDatabase(cluster: ThrowawayCluster): Promise<{ ownerUrl: string; appUrl: string }> {
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    await admin.query("CREATE DATABASE kneeclinic");
    // The throwaway cluster trusts local connections: the role needs no password.
    await admin.query("CREATE ROLE kneeclinic_app LOGIN");
  } finally {
    await admin.end();
  }
  const ownerUrl = cluster.adminUrl.replace(/\/postgres$/, "/kneeclinic");
  await applyMigrations(ownerUrl);
  await seed(ownerUrl, () => undefined);
  await grantAppRole(ownerUrl, "kneeclinic_app");
  return { ownerUrl, appUrl: ownerUrl.replace("postgres://postgres@", "postgres://kneeclinic_app@") };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Episodes for `count` clients, alternating between the clinics: open, a signed intake, no draft, one per runner. */
export async function assignEpisodes(ownerUrl: string, count: number): Promise<Assignment[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Assignment & { rank: number }>(
      `
      WITH candidates AS (
        SELECT DISTINCT ON (e."patientId") e."clinicId", c.name AS "clinicName", e.id AS "episodeId", e."patientId"
          FROM "Episode" e JOIN "Clinic" c ON c.id = e."clinicId"
         WHERE e.status = 'open'
           AND EXISTS (SELECT 1 FROM "Assessment" a WHERE a."clinicId" = e."clinicId" AND a."episodeId" = e.id AND a.kind = 'intake' AND a.status = 'signed')
           AND NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."clinicId" = e."clinicId" AND a."episodeId" = e.id AND a.status = 'draft')
         ORDER BY e."patientId", e.id
      ), ranked AS (
        SELECT cand.*, row_number() OVER (PARTITION BY cand."clinicId" ORDER BY cand."episodeId") AS rank FROM candidates cand
      )
      SELECT r.*, u.email AS "userEmail", u.id AS "userId",
             ARRAY(SELECT a.id::text FROM "Assessment" a WHERE a."clinicId" = r."clinicId" AND a."episodeId" = r."episodeId" AND a.kind = 'follow_up') AS before
        FROM ranked r
        JOIN LATERAL (SELECT email, id FROM "User" WHERE "clinicId" = r."clinicId" AND role = 'clinician' AND active ORDER BY email LIMIT 1) u ON true
       ORDER BY r.rank, r."clinicId"
       LIMIT $1`,
      [count],
    );
    if (rows.length < count)
      throw new Error(`only ${rows.length} episodes can take a follow-up without a draft; ${count} clients need one each`);
    return rows.map(({ rank: _rank, ...a }) => a);
  } finally {
    await client.end();
  }
}

const DAY_MS = 86_400_000;

function isoDay(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
}

/** Three runs, distinct for every client and import (date and distance), in the run log's CSV format. */
function runsCsv(client: number, importNo: number): { csv: string; keys: string[] } {
  const lines = ["date,distance,duration,surface"];
  const keys: string[] = [];
  for (let k = 0; k < 3; k++) {
    // Years back, where the demo runners have no runs of their own (an import skips duplicates of date and distance).
    const date = isoDay(900 + importNo * 3 + k);
    const km = (5 + k + client / 100).toFixed(2);
    const minutes = Math.round(Number(km) * 6);
    lines.push(`${date},${km} km,${minutes}:00,road`);
    keys.push(`${date}|${Number(km)}`);
  }
  return { csv: lines.join("\n"), keys };
}

/** Runs the clients against the app while PostgreSQL is restarted under them. */
export async function runScenario<C>(
  transport: Transport<C>,
  clients: { assignment: Assignment; handle: C }[],
  cluster: ThrowawayCluster,
  options: ScenarioOptions,
): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const pause = options.retryPauseMs ?? 250;
  const started = Date.now();
  let stopAt = started + options.durationMs;
  // The clients go on until every restart is over and afterRecoveryMs has passed since
  // the last one, however long PostgreSQL takes to come back (seconds on a loaded machine).
  let faultsDone = options.restarts.length === 0;
  const running = () => !faultsDone || Date.now() < stopAt;
  const attempts: Attempt[] = [];
  const restarts: ScenarioResult["restarts"] = [];

  /** The operation each client is on (tried again after a refusal until it goes through). */
  const current: (Op | undefined)[] = clients.map(() => undefined);
  const logs: ClientLog[] = clients.map((c, index) => ({
    index,
    assignment: c.assignment,
    drafts: new Map(),
    importedRuns: [],
    refusedRuns: [],
    acknowledgedImports: 0,
    lastAckAt: 0,
  }));

  async function attempt<T>(client: number, op: Op, fn: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    current[client] = op;
    let outcome: Outcome<T>;
    try {
      outcome = await fn();
    } catch (error) {
      outcome = { kind: "error", status: 0, message: `the client could not reach the app: ${(error as Error).message}` };
    }
    attempts.push({
      client,
      op,
      at: Date.now() - started,
      outcome: outcome.kind,
      status: outcome.kind === "ok" ? 200 : outcome.status,
      message: outcome.kind === "ok" ? "" : outcome.message,
    });
    if (outcome.kind === "ok") logs[client]!.lastAckAt = Date.now() - started;
    return outcome;
  }

  async function drive(i: number): Promise<void> {
    const { assignment, handle } = clients[i]!;
    const me = logs[i]!;
    let draft: { id: string; version: number } | null = null;
    let saves = 0;
    let importNo = 0;
    let importNext = false;
    let step = 0;
    await sleep(i * (options.staggerMs ?? 100));
    /** Entries of a save that was refused or got no clear answer: the form keeps them and they are sent again as they are. */
    let unsaved: Answers | null = null;
    while (running()) {
      step++;
      if (draft && saves >= 3) {
        // Sign the draft; a refusal is retried with the same version, as the button would be pressed again.
        const d = draft;
        const out = await attempt(i, "sign", () =>
          transport.sign(handle, { assessmentId: d.id, version: d.version, screenAttestation: SCREEN_ATTESTATION }),
        );
        if (out.kind === "ok") {
          const known = me.drafts.get(d.id)!;
          known.version = out.data.version;
          known.signed = true;
          known.acks.push({ action: "assessment.sign" });
          draft = null;
          saves = 0;
          importNext = true;
        } else await sleep(pause);
        continue;
      }
      // After each signed follow-up, the runner's latest runs are imported (a CSV of three).
      if (importNext) {
        importNext = false;
        const { csv, keys } = runsCsv(i, importNo);
        let out: Outcome<unknown>;
        for (;;) {
          out = await attempt(i, "import", async () => {
            const result = await transport.importRuns(handle, { patientId: assignment.patientId, csv });
            if (result.kind === "ok" && result.data.imported !== keys.length)
              return { kind: "error", status: 200, message: `imported ${result.data.imported} of ${keys.length} runs` };
            return result;
          });
          if (out.kind !== "refused" || !running()) break;
          await sleep(pause);
        }
        importNo++;
        if (out.kind === "ok") {
          me.importedRuns.push(...keys);
          me.acknowledgedImports++;
        } else if (out.kind === "refused") me.refusedRuns.push(...keys);
        continue;
      }
      const answers: Answers = unsaved ?? { symptoms: { painNow: (step + i) % 11, painWorstWeek: step % 11 } };
      const input: DraftInput = {
        ...(draft ? { assessmentId: draft.id, version: draft.version } : {}),
        episodeId: assignment.episodeId,
        kind: "follow_up",
        assessedOn: isoDay(0),
        answers,
      };
      const out = await attempt(i, "save", () => transport.saveDraft(handle, input));
      if (out.kind === "ok") {
        const known = me.drafts.get(out.data.id);
        if (known) {
          known.version = out.data.version;
          known.answers = answers;
          known.acks.push({ action: "assessment.update", version: out.data.version });
        } else
          me.drafts.set(out.data.id, {
            version: out.data.version,
            answers,
            signed: false,
            acks: [{ action: "assessment.create", version: out.data.version }],
          });
        draft = { id: out.data.id, version: out.data.version };
        saves++;
        unsaved = null;
      } else {
        unsaved = answers;
        await sleep(pause);
      }
    }
  }

  async function faults(): Promise<void> {
    try {
      for (const r of options.restarts) {
        const wait = started + r.atMs - Date.now();
        if (wait > 0) await sleep(wait);
        const alignUntil = Date.now() + (options.alignMs ?? 5000);
        while (!OPS.every((op) => current.includes(op)) && Date.now() < alignUntil) await sleep(5);
        const stoppedAt = Date.now() - started;
        log(`stopping PostgreSQL (${r.mode}) at ${(stoppedAt / 1000).toFixed(1)} s`);
        await cluster.stop(r.mode);
        await sleep(r.downMs);
        await cluster.start();
        const startedAt = Date.now() - started;
        log(`PostgreSQL accepts connections again at ${(startedAt / 1000).toFixed(1)} s`);
        restarts.push({ stoppedAt, startedAt, mode: r.mode });
        stopAt = Math.max(stopAt, Date.now() + (options.afterRecoveryMs ?? 3000));
      }
    } finally {
      faultsDone = true;
    }
  }

  await Promise.all([faults(), ...clients.map((_, i) => drive(i))]);
  return { attempts, clients: logs, restarts, durationMs: Date.now() - started };
}

// ---------------------------------------------------------------- the comparison

export type Verification = {
  /** Every mismatch between what a client was told and what the database holds; empty when all is well. */
  problems: string[];
  counts: Record<Op, { attempted: number; saved: number; refused: number; errors: number }>;
  /** Refusals seen, by status and message. */
  refusals: Map<string, number>;
  /** Writes acknowledged after the last restart, per client. */
  savedAfterRestart: number[];
};

export async function verify(ownerUrl: string, result: ScenarioResult): Promise<Verification> {
  const problems: string[] = [];
  const counts = { save: zero(), sign: zero(), import: zero() };
  const refusals = new Map<string, number>();
  for (const a of result.attempts) {
    const c = counts[a.op];
    c.attempted++;
    if (a.outcome === "ok") c.saved++;
    else if (a.outcome === "refused") {
      c.refused++;
      const key = `${a.status} ${a.message}`;
      refusals.set(key, (refusals.get(key) ?? 0) + 1);
    } else {
      c.errors++;
      problems.push(`client ${a.client}: ${a.op} at ${(a.at / 1000).toFixed(1)} s got ${a.status || "no answer"}: ${a.message}`);
    }
  }

  const db = new pg.Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    for (const c of result.clients) {
      const { clinicId, episodeId, patientId } = c.assignment;
      const who = `client ${c.index} (episode ${episodeId.slice(0, 8)})`;
      const { rows: assessments } = await db.query<{
        id: string;
        version: number;
        status: string;
        answers: Answers;
        signedAt: Date | null;
        evaluation: unknown;
      }>(
        `SELECT id, version, status::text AS status, answers, "signedAt", evaluation FROM "Assessment" WHERE "clinicId" = $1 AND "episodeId" = $2 AND kind = 'follow_up'`,
        [clinicId, episodeId],
      );
      const known = new Set(c.drafts.keys());
      for (const row of assessments.filter((a) => !c.assignment.before.includes(a.id))) {
        const told = c.drafts.get(row.id);
        if (!told) {
          problems.push(`${who}: follow-up ${row.id} is in the database but its creation was never acknowledged`);
          continue;
        }
        if (row.version !== told.version)
          problems.push(`${who}: ${row.id} is at version ${row.version}, the client was told ${told.version}`);
        if ((row.status === "signed") !== told.signed)
          problems.push(`${who}: ${row.id} is ${row.status}, the client was told ${told.signed ? "signed" : "draft"}`);
        if (JSON.stringify(row.answers) !== JSON.stringify(told.answers))
          problems.push(`${who}: ${row.id} holds answers the client was not told were saved`);
        if (row.status === "signed" && (!row.signedAt || !row.evaluation))
          problems.push(`${who}: ${row.id} is signed without its signing time or evaluation`);
        known.delete(row.id);
      }
      for (const missing of known) problems.push(`${who}: acknowledged assessment ${missing} is not in the database`);

      // One audit event per acknowledged write, none for a refused one.
      const ids = [...c.drafts.keys()];
      const { rows: events } = await db.query<{ entityId: string; action: string; version: number | null }>(
        `SELECT "entityId", action, (detail->>'version')::int AS version FROM "AuditEvent"
          WHERE "clinicId" = $1 AND "entityType" = 'Assessment' AND "entityId" = ANY($2::text[]) AND action <> 'assessment.view'`,
        [clinicId, ids],
      );
      const expected = ids.flatMap((id) => c.drafts.get(id)!.acks.map((a) => `${id} ${a.action} ${a.version ?? ""}`)).sort();
      const actual = events.map((e) => `${e.entityId} ${e.action} ${e.action === "assessment.sign" ? "" : (e.version ?? "")}`).sort();
      if (JSON.stringify(expected) !== JSON.stringify(actual))
        problems.push(`${who}: audit events ${JSON.stringify(actual)} do not match the acknowledged writes ${JSON.stringify(expected)}`);

      // Imports: whole or absent.
      const { rows: runs } = await db.query<{ key: string }>(
        `SELECT to_char(date, 'YYYY-MM-DD') || '|' || ("distanceKm")::float8::text AS key FROM "Run"
          WHERE "clinicId" = $1 AND "patientId" = $2 AND source = 'csv_import'`,
        [clinicId, patientId],
      );
      const stored = new Set(runs.map((r) => r.key));
      const missing = c.importedRuns.filter((k) => !stored.has(k));
      const ghost = c.refusedRuns.filter((k) => stored.has(k));
      if (missing.length)
        problems.push(`${who}: ${missing.length} runs of acknowledged imports are missing (${missing.slice(0, 3).join(", ")})`);
      if (ghost.length) problems.push(`${who}: ${ghost.length} runs of refused imports are stored (${ghost.slice(0, 3).join(", ")})`);
      const { rows: imports } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "clinicId" = $1 AND "patientId" = $2 AND action = 'run.import'`,
        [clinicId, patientId],
      );
      if (imports[0]!.n !== c.acknowledgedImports)
        problems.push(`${who}: ${imports[0]!.n} run.import audit events for ${c.acknowledgedImports} acknowledged imports`);
    }

    // Nothing half-written: the episode summaries and the caseload counts match the rows they summarise.
    const { rows: drafts } = await db.query<{ id: string; draftCount: number; actual: number }>(
      `SELECT e.id, e."draftCount", (SELECT count(*)::int FROM "Assessment" a WHERE a."clinicId" = e."clinicId" AND a."episodeId" = e.id AND a.status = 'draft') AS actual
         FROM "Episode" e WHERE e."draftCount" <> (SELECT count(*) FROM "Assessment" a WHERE a."clinicId" = e."clinicId" AND a."episodeId" = e.id AND a.status = 'draft')`,
    );
    for (const d of drafts) problems.push(`episode ${d.id}: draft count ${d.draftCount}, but ${d.actual} drafts are stored`);
    const { rows: caseload } = await db.query<{ clinicId: string; stored: string; actual: string }>(
      `SELECT c."clinicId", row(c.open, c.flagged, c.worsening, c.drafts)::text AS stored,
              (SELECT row(count(*), count(*) FILTER (WHERE e."urgencyRank" <= 2), count(*) FILTER (WHERE e.worsening), count(*) FILTER (WHERE e."draftCount" > 0))::text
                 FROM "Episode" e WHERE e."clinicId" = c."clinicId" AND e.status = 'open') AS actual
         FROM "CaseloadCount" c`,
    );
    for (const c of caseload)
      if (c.stored !== c.actual)
        problems.push(
          `clinic ${c.clinicId}: caseload counts (open, flagged, worsening, drafts) ${c.stored} but the episodes say ${c.actual}`,
        );
  } finally {
    await db.end();
  }

  // The app recovered without a restart: every client had writes acknowledged after PostgreSQL came back.
  const back = result.restarts.at(-1)?.startedAt ?? 0;
  const savedAfterRestart = result.clients.map(
    (c) => result.attempts.filter((a) => a.client === c.index && a.outcome === "ok" && a.at > back).length,
  );
  savedAfterRestart.forEach((n, i) => {
    if (n === 0) problems.push(`client ${i}: nothing was saved after PostgreSQL came back: the app did not recover`);
  });
  if (result.restarts.length === 0) problems.push("PostgreSQL was never restarted: the run was too short");
  if (result.restarts.length > 0)
    for (const op of OPS)
      if (counts[op].refused === 0) problems.push(`no ${OP_NAMES[op]} was refused while PostgreSQL was down: the outage did not meet one`);
  return { problems, counts, refusals, savedAfterRestart };
}

function zero() {
  return { attempted: 0, saved: 0, refused: 0, errors: 0 };
}

/** A plain-text report: counts per operation, refusals by message, restarts, problems. */
export function describe(result: ScenarioResult, v: Verification): string {
  const lines = [
    `${result.clients.length} clients for ${(result.durationMs / 1000).toFixed(1)} s; PostgreSQL restarts: ${result.restarts
      .map((r) => `${r.mode} at ${(r.stoppedAt / 1000).toFixed(1)} s, back at ${(r.startedAt / 1000).toFixed(1)} s`)
      .join("; ")}`,
    "",
    "| operation | attempted | saved (acknowledged) | refused (told so) | errors |",
    "|---|---:|---:|---:|---:|",
    ...OPS.map((op) => {
      const c = v.counts[op];
      return `| ${OP_NAMES[op]} | ${c.attempted} | ${c.saved} | ${c.refused} | ${c.errors} |`;
    }),
    "",
    "Refusals (status and message):",
    ...[...v.refusals].map(([k, n]) => `  ${n} × ${k}`),
    `Writes acknowledged after PostgreSQL came back, per client: ${v.savedAfterRestart.join(", ")}`,
    v.problems.length
      ? `PROBLEMS (${v.problems.length}):\n${v.problems.map((p) => `  - ${p}`).join("\n")}`
      : "Database and clients agree: no problems.",
  ];
  return lines.join("\n");
}
