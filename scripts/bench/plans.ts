/**
 * `npm run bench:plans`: the PostgreSQL plans behind the caseload and the
 * timeline on a large clinic (docs/benchmarks.md, "Large clinic"). It calls
 * the app's own lib/data functions (getCaseload, getTimeline,
 * getPatientRecord, exportReferral) with a Prisma client that logs every
 * statement, then runs EXPLAIN (ANALYZE, BUFFERS) on exactly those
 * statements with their parameters, so the plans are those of the SQL the
 * app sends, not of a hand-written copy.
 *
 * Cases: the caseload's first page and a deep keyset page (page ~1000,
 * cursor of row 25,000 computed with OFFSET in the same order) for each sort
 * (urgency, review, seen, name); the flagged filter; the other filters
 * (overdue, worsening, drafts) on page 1; the caseload counts (one
 * statement: the stored row beside the overdue / due-today index range) and
 * the count of the rows before a deep page; the
 * timeline (episodes, runs and assessments of one runner); the patient
 * record (with its addenda counts); the patient directory; a referral export;
 * the clinic outcomes (the daily sums and the two counts beside them, whole
 * clinic and by month; the direct aggregate with JIT on and off).
 *
 * Each statement is run once to warm the cache, then explained twice (JSON
 * for the checks, text for the reader; the summary keeps the faster
 * execution time); every plan is printed in full, and a summary flags sequential scans of the big
 * tables, sorts of more than 1,000 rows and scans returning more than
 * 5,000 rows (whole-clinic work), with the index scans used.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kc_bench npm run bench:plans
 *
 * Environment: DATABASE_URL (required), BENCH_EMAIL (default the synthetic
 * clinician), BENCH_DEEP_PAGE (default 1000), BENCH_PLANS_ONLY=outcomes (only
 * the clinic outcomes' statements). Reads only, except the audit
 * rows the app itself writes when a record is viewed or exported.
 */
// The app's server modules load outside Next (scripts/server-only.cjs): first.
import "../server-only.cjs";
import "dotenv/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Actor } from "../../lib/domain/access";
import { PrismaClient } from "../../prisma/generated/client";
import { CASELOAD_SORT_DIR, caseloadQuerySchema } from "../../lib/validation/caseload";

const URL_ = process.env.DATABASE_URL;
const EMAIL = process.env.BENCH_EMAIL ?? "clinician@synthetic-large-clinic.example";
const DEEP_PAGE = Number(process.env.BENCH_DEEP_PAGE ?? 1000);
const BIG_TABLES = new Set(["Run", "Assessment", "Episode", "Patient", "AuditEvent", "Referral", "Addendum"]);

type Logged = { query: string; params: string };
const captured: Logged[] = [];

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Sort Method"?: string;
  Plans?: PlanNode[];
};

type Finding = { label: string; ms: number; indexes: string[]; warnings: string[] };
const findings: Finding[] = [];

function walk(node: PlanNode, visit: (n: PlanNode) => void) {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

function analyse(label: string, plan: { Plan: PlanNode; "Execution Time": number }): Finding {
  const indexes = new Set<string>();
  const warnings: string[] = [];
  walk(plan.Plan, (n) => {
    const rows = (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1);
    if (n["Index Name"]) indexes.add(`${n["Node Type"]} using ${n["Index Name"]}`);
    if (n["Node Type"] === "Seq Scan" && n["Relation Name"] && BIG_TABLES.has(n["Relation Name"]))
      warnings.push(`sequential scan of "${n["Relation Name"]}" (${rows.toLocaleString("en-GB")} rows)`);
    if (n["Node Type"] === "Sort" && rows > 1000)
      warnings.push(`sort of ${rows.toLocaleString("en-GB")} rows (${n["Sort Method"] ?? "?"})`);
    if (/Scan/.test(n["Node Type"]) && rows > 5000)
      warnings.push(
        `${n["Node Type"]}${n["Relation Name"] ? ` of "${n["Relation Name"]}"` : ""}${n["Index Name"] ? ` using ${n["Index Name"]}` : ""} returns ${rows.toLocaleString("en-GB")} rows`,
      );
  });
  return { label, ms: plan["Execution Time"], indexes: [...indexes], warnings: [...new Set(warnings)] };
}

async function explain(pgc: pg.Client, label: string, q: Logged): Promise<void> {
  const params = JSON.parse(q.params) as unknown[];
  await pgc.query(q.query, params); // warm-up: the HTTP benchmark runs with a warm cache too
  const json = await pgc.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.query}`,
    params,
  );
  const text = await pgc.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.query}`, params);
  const f = analyse(label, json.rows[0]!["QUERY PLAN"][0]);
  // Two executions were timed (JSON and text plans): the faster is the less disturbed by other work.
  const textMs = Number(/Execution Time: ([\d.]+) ms/.exec(text.rows.map((r) => r["QUERY PLAN"]).join("\n"))?.[1] ?? NaN);
  if (Number.isFinite(textMs)) f.ms = Math.min(f.ms, textMs);
  findings.push(f);
  console.log(`\n### ${label}\n`);
  console.log("```sql");
  console.log(q.query.replace(/\s+/g, " ").trim());
  console.log(`-- parameters: ${JSON.stringify(params)}`);
  console.log("```\n\n```text");
  for (const r of text.rows) console.log(r["QUERY PLAN"]);
  console.log("```");
  console.log(f.warnings.length ? `\nWARNING: ${f.warnings.join("; ")}` : `\nOK: ${f.indexes.join(", ") || "no index needed"}`);
}

/** Runs `fn` and returns the statements it sent, minus transaction control. */
async function capture(fn: () => Promise<unknown>): Promise<Logged[]> {
  captured.length = 0;
  await fn();
  return captured.filter((q) => !/^(BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)/i.test(q.query.trim()));
}

const pick = (qs: Logged[], re: RegExp, what: string): Logged => {
  const q = qs.find((x) => re.test(x.query));
  if (!q) throw new Error(`no statement matching ${what} among:\n${qs.map((x) => x.query).join("\n")}`);
  return q;
};

function summary() {
  console.log("\n# Summary\n");
  console.log("| statement | execution ms | index scans | warnings |");
  console.log("|---|---:|---|---|");
  for (const f of findings)
    console.log(`| ${f.label} | ${f.ms.toFixed(2)} | ${f.indexes.join("<br>") || "–"} | ${f.warnings.join("; ") || "none"} |`);
  const flagged = findings.filter((f) => f.warnings.length);
  console.log(
    flagged.length
      ? `\n${flagged.length} statement(s) with warnings: see above.`
      : "\nEvery statement is served by index scans; no whole-clinic scan or sort.",
  );
}

async function main() {
  if (!URL_) throw new Error("DATABASE_URL is not set (the database filled by synth:generate)");
  process.env.NEXTAUTH_SECRET ??= "bench-plans-not-used-for-anything-0123456789";
  // lib/db keeps its client on globalThis.prisma: give it one that logs every statement.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: URL_, max: 4 }), log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (e) => captured.push({ query: e.query, params: e.params }));
  globalThis.prisma = prisma;
  const { getCaseload } = await import("../../lib/data/caseload");
  const { getTimeline } = await import("../../lib/data/timeline");
  const { getPatientRecord, searchPatients } = await import("../../lib/data/patients");
  const { exportReferral } = await import("../../lib/data/referrals");

  const pgc = new pg.Client({ connectionString: URL_, application_name: "bench:plans" });
  await pgc.connect();
  try {
    const { rows: users } = await pgc.query<{
      id: string;
      clinicId: string;
      name: string;
      role: Actor["role"];
      title: string | null;
      clinicName: string;
      timezone: string;
    }>(
      `SELECT u.id, u."clinicId", u.name, u.role, u.title, c.name AS "clinicName", c.timezone FROM "User" u JOIN "Clinic" c ON c.id = u."clinicId" WHERE u.email = $1`,
      [EMAIL],
    );
    const u = users[0];
    if (!u) throw new Error(`no user ${EMAIL}: run synth:generate first (or set BENCH_EMAIL)`);
    const actor: Actor = {
      userId: u.id,
      clinicId: u.clinicId,
      clinicName: u.clinicName,
      timezone: u.timezone,
      role: u.role,
      name: u.name,
      email: EMAIL,
      title: u.title,
    };
    const { rows: vol } = await pgc.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM "Patient" WHERE "clinicId" = $1) AS patients, (SELECT count(*) FROM "Episode" WHERE "clinicId" = $1 AND status = 'open') AS open,
              (SELECT count(*) FROM "Assessment" WHERE "clinicId" = $1) AS assessments, (SELECT count(*) FROM "Run" WHERE "clinicId" = $1) AS runs, version() AS version`,
      [u.clinicId],
    );
    console.log(
      `# Plans on ${u.clinicName}: ${vol[0]!.patients} runners, ${vol[0]!.open} open episodes, ${vol[0]!.assessments} assessments, ${vol[0]!.runs} runs`,
    );
    console.log(`# ${vol[0]!.version}`);

    // Clinic outcomes (issue 16), first (BENCH_PLANS_ONLY=outcomes stops after them): the page's default answer (whole clinic, last 12 months) and by month, read from
    // the daily sums; then the direct aggregate over every summary row (the fallback), with JIT as configured and off.
    const { clinicOutcomes } = await import("../../lib/data/outcomes");
    const { outcomesQuerySchema } = await import("../../lib/validation/outcomes");
    for (const groupBy of ["none", "month"] as const) {
      const oq = await capture(() => clinicOutcomes(actor, outcomesQuerySchema.parse({ groupBy })));
      await explain(pgc, `outcomes (${groupBy}): the daily sums`, pick(oq, /FROM "OutcomeSum" s/, "the daily sums"));
      await explain(pgc, `outcomes (${groupBy}): medians, recurrences not yet due`, pick(oq, /AS "recurrencePending"/, "the medians"));
      await explain(pgc, `outcomes (${groupBy}): reviews not yet overdue`, pick(oq, /AS "futureFirst"/, "the reviews"));
    }
    const direct = pick(
      await capture(() => clinicOutcomes(actor, outcomesQuerySchema.parse({}), "view", "direct")),
      /FROM "EpisodeOutcome" o\s+WHERE/,
      "the direct aggregate",
    );
    await explain(pgc, "outcomes: direct aggregate over the summary rows (JIT as configured)", direct);
    await pgc.query("SET jit = off");
    await explain(pgc, "outcomes: direct aggregate over the summary rows, jit = off", direct);
    await pgc.query("RESET jit");
    if (process.env.BENCH_PLANS_ONLY === "outcomes") return summary();

    // Cursors of row DEEP_PAGE*25 for each sort, in the app's format (lib/data/keyset.ts: the sort, its
    // direction and the key of lib/data/caseload.ts SORTS).
    const offset = DEEP_PAGE * 25 - 1;
    const deep = async (sort: keyof typeof CASELOAD_SORT_DIR, order: string, cols: string): Promise<string> => {
      const { rows } = await pgc.query<{ k: (string | number)[] }>(
        `SELECT json_build_array(${cols}) AS k FROM "Episode" e WHERE e."clinicId" = $1 AND e.status = 'open' ORDER BY ${order} OFFSET ${offset} LIMIT 1`,
        [u.clinicId],
      );
      if (!rows[0]) throw new Error(`the caseload has fewer than ${offset + 1} open episodes`);
      return Buffer.from(JSON.stringify({ s: sort, d: CASELOAD_SORT_DIR[sort], k: rows[0].k })).toString("base64url");
    };
    const cursors = {
      urgency: await deep(
        "urgency",
        `e."urgencyRank", e."reviewSort", e.id`,
        `e."urgencyRank", to_char(e."reviewSort", 'YYYY-MM-DD'), e.id`,
      ),
      review: await deep("review", `e."reviewSort", e.id`, `to_char(e."reviewSort", 'YYYY-MM-DD'), e.id`),
      seen: await deep("seen", `e."seenSort" DESC, e.id DESC`, `to_char(e."seenSort", 'YYYY-MM-DD'), e.id`),
      name: await deep("name", `e."sortName", e.id`, `e."sortName", e.id`),
    };

    const caseload = async (label: string, query: Record<string, string>, withCounts = false) => {
      const qs = await capture(() => getCaseload(actor, caseloadQuerySchema.parse(query)));
      await explain(pgc, `caseload: ${label}`, pick(qs, /FROM "Episode" e\s+JOIN "Patient"/, "the caseload page"));
      if (withCounts) {
        await explain(pgc, "caseload: counts, stored and the day's (every page load)", pick(qs, /AS "dueToday"/, "the caseload's counts"));
      }
      if (query.cursor) {
        await explain(
          pgc,
          `caseload: ${label}, rows before the page`,
          pick(qs, /SELECT count\(\*\)::int AS n/, "the count of rows before the page"),
        );
      }
    };
    for (const sort of ["urgency", "review", "seen", "name"] as const) {
      await caseload(`sort=${sort}, page 1`, { sort }, sort === "urgency");
      await caseload(`sort=${sort}, page ${DEEP_PAGE} (keyset cursor)`, { sort, cursor: cursors[sort] });
    }
    await caseload("urgency=flagged (sort=urgency), page 1", { urgency: "flagged" });
    await caseload("urgency=flagged, sort=name, page 1", { urgency: "flagged", sort: "name" });
    await caseload("due=overdue, sort=review, page 1", { due: "overdue", sort: "review" });
    await caseload("worsening=1, page 1", { worsening: "1" });
    await caseload("drafts=1, page 1", { drafts: "1" });

    // The runner with the most assessments, and a signed referral.
    const { rows: pr } = await pgc.query<{ patientId: string; n: string }>(
      `SELECT e."patientId", count(*) AS n FROM "Assessment" a JOIN "Episode" e ON e.id = a."episodeId" WHERE a."clinicId" = $1
        GROUP BY e."patientId" ORDER BY n DESC, e."patientId" LIMIT 1`,
      [u.clinicId],
    );
    const patientId = pr[0]!.patientId;
    const tl = await capture(() => getTimeline(actor, patientId));
    console.log(`\n# Timeline of runner ${patientId} (${pr[0]!.n} assessments)`);
    await explain(pgc, "timeline: the patient (clinic-scoped)", pick(tl, /FROM "public"\."Patient"/, "the patient"));
    await explain(pgc, "timeline: episodes of the runner", pick(tl, /FROM "public"\."Episode"/, "the episodes"));
    await explain(pgc, "timeline: runs of the runner by date", pick(tl, /FROM "public"\."Run"/, "the runs"));
    await explain(
      pgc,
      "timeline: assessments of the runner's episodes by date",
      pick(tl, /FROM "public"\."Assessment"/, "the assessments"),
    );

    const rec = await capture(() => getPatientRecord(actor, patientId));
    await explain(
      pgc,
      "patient record: one statement (episodes, assessments with addenda counts, red flags, discharge, programme, letters)",
      pick(rec, /FROM "Patient" p WHERE/, "the record's one statement"),
    );

    const dir = await capture(() => searchPatients(actor, {}));
    await explain(
      pgc,
      "patient directory (GET /api/v1/patients): first page with open-episode counts",
      pick(dir, /FROM "public"\."Patient"/, "the directory page"),
    );

    const { rows: refs } = await pgc.query<{ id: string }>(
      `SELECT id FROM "Referral" WHERE "clinicId" = $1 AND status = 'signed' ORDER BY "createdAt" DESC, id DESC LIMIT 1`,
      [u.clinicId],
    );
    if (refs[0]) {
      const ex = await capture(() => exportReferral(actor, refs[0]!.id, "pdf"));
      await explain(pgc, "referral export: the referral", pick(ex, /FROM "public"\."Referral"/, "the referral"));
    }

    summary();
  } finally {
    await pgc.end();
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:plans failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
