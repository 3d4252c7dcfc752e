/**
 * `npm run bench:bundle`: the JavaScript a page loads first, from the build's
 * own diagnostics. `next build` (Turbopack) writes
 * `<distDir>/diagnostics/route-bundle-stats.json`: for each route, the chunks
 * its page, layouts and the shared runtime load (`firstLoadChunkPaths`, from
 * the client reference manifest and the build manifest's root main files) and
 * their uncompressed sum. This script gzips each of those chunks (level 9,
 * as Next.js's own size reports did) and prints the sums for the patient page
 * `/patients/[patientId]` and a few routes beside it (the Outcomes page,
 * whose bar charts load Recharts lazily too), and checks the patient page
 * against the budget of issue 17 (at most 250 kB gzip). Chunks loaded
 * later on demand (the charts' Recharts drawings, React.lazy) are not part of
 * that list; they are printed apart, as "loaded when a chart is drawn".
 *
 *   npx next build && npm run bench:bundle
 *
 * Environment: NEXT_DIST_DIR (default .next); BUNDLE_ROUTES (comma-separated,
 * default the patient page, /outcomes, /patients, /about); BUNDLE_ASSERT=1
 * exits 1 when the patient page is over budget.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { z } from "zod";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.resolve(ROOT, process.env.NEXT_DIST_DIR || ".next");
const PATIENT_PAGE = "/patients/[patientId]";
const ROUTES = process.env.BUNDLE_ROUTES
  ? process.env.BUNDLE_ROUTES.split(",").map((r) => r.trim())
  : [PATIENT_PAGE, "/outcomes", "/patients", "/about"];
const BUDGET_KB = 250;

/** The rows of route-bundle-stats.json this script reads. */
const RouteStatsFile = z.array(z.object({ route: z.string(), firstLoadChunkPaths: z.array(z.string()) }));
type RouteStats = z.infer<typeof RouteStatsFile>[number];

const gzipCache = new Map<string, { raw: number; gzip: number }>();

function sizes(file: string): { raw: number; gzip: number } {
  let s = gzipCache.get(file);
  if (!s) {
    const bytes = fs.readFileSync(path.resolve(ROOT, file));
    s = { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
    gzipCache.set(file, s);
  }
  return s;
}

function sum(files: readonly string[]): { raw: number; gzip: number } {
  return files.reduce((t, f) => ({ raw: t.raw + sizes(f).raw, gzip: t.gzip + sizes(f).gzip }), { raw: 0, gzip: 0 });
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function readStats(): RouteStats[] {
  const file = path.join(DIST, "diagnostics", "route-bundle-stats.json");
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`next build\` (Turbopack) first`);
  return RouteStatsFile.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

/**
 * Chunks outside the route's first load that hold Recharts: the charts'
 * drawings and Recharts itself, loaded when the page's first chart comes near
 * the viewport (an upper bound: a page without a training chart does not load
 * that drawing).
 */
function onDemandChartChunks(route: RouteStats): string[] {
  const firstLoad = new Set(route.firstLoadChunkPaths);
  const dir = path.join(DIST, "static", "chunks");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => path.relative(ROOT, path.join(dir, f)))
    .filter((f) => !firstLoad.has(f) && fs.readFileSync(path.resolve(ROOT, f), "utf8").includes("recharts-"));
}

function main(): void {
  const stats = readStats();
  console.log(`First-load JavaScript per route (${path.relative(ROOT, DIST)}/diagnostics/route-bundle-stats.json), gzip level 9:`);
  console.log("| route | chunks | uncompressed | gzip |");
  console.log("|---|---:|---:|---:|");
  let patient: { raw: number; gzip: number } | null = null;
  for (const route of ROUTES) {
    const row = stats.find((r) => r.route === route);
    if (!row) {
      console.log(`| ${route} | not in the build | | |`);
      continue;
    }
    const total = sum(row.firstLoadChunkPaths);
    if (route === PATIENT_PAGE) patient = total;
    console.log(`| \`${route}\` | ${row.firstLoadChunkPaths.length} | ${kb(total.raw)} | ${kb(total.gzip)} |`);
  }
  const patientRow = stats.find((r) => r.route === PATIENT_PAGE);
  const lazy = patientRow ? onDemandChartChunks(patientRow) : [];
  if (lazy.length) {
    const total = sum(lazy);
    console.log(
      `| patient page, later: the charts (Recharts), loaded when one comes into view | ${lazy.length} | ${kb(total.raw)} | ${kb(total.gzip)} |`,
    );
  }
  if (patient) {
    const met = patient.gzip <= BUDGET_KB * 1000;
    console.log(`\nPatient page ${PATIENT_PAGE}: ${kb(patient.gzip)} gzip; budget ${BUDGET_KB} kB: ${met ? "met" : "NOT met"}`);
    if (!met && process.env.BUNDLE_ASSERT === "1") process.exitCode = 1;
  }
}

main();
