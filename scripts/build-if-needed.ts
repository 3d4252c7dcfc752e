/**
 * Builds the Next.js app unless the build in `distDir` started after the last
 * change to every source file it depends on. Shared by `npm run demo`,
 * `npm run cluster`, `npm run bench:faults` and the e2e tests.
 *
 * The time the build started is recorded before `next build` runs and
 * written into the build folder (BUILD_STARTED) once it succeeds. Comparing
 * sources with it, rather than with the BUILD_ID written at the end, means a
 * file saved while a build was running (which that build may or may not have
 * read) makes the next call build again.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "lib",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "prisma/schema.prisma",
];
/** In the build folder: when the build that made it started (milliseconds since 1970, as text). */
export const BUILD_STARTED_FILE = "BUILD_STARTED";
/**
 * File times come from the kernel's coarse clock, which can lag Date.now() by
 * a few milliseconds: a source changed up to this long before the build
 * started counts as changed during it (one build too many rather than one too few).
 */
export const CLOCK_SLACK_MS = 1000;

/** The last modification time (ms) of the files under SOURCES in `root`. */
export function newestSource(root = ROOT): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== "node_modules") walk(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of SOURCES) if (fs.existsSync(path.join(root, p))) walk(path.join(root, p));
  return newest;
}

/** When the build in `buildDir` started, or null when it has no record of it (no build, a failed one, or one made before this check). */
export function buildStartedAt(buildDir: string): number | null {
  const file = path.join(buildDir, BUILD_STARTED_FILE);
  if (!fs.existsSync(path.join(buildDir, "BUILD_ID")) || !fs.existsSync(file)) return null;
  const ms = Number(fs.readFileSync(file, "utf8").trim());
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** True when the build in `buildDir` started after every source under `root` was last changed. */
export function buildIsCurrent(buildDir: string, root = ROOT): boolean {
  const started = buildStartedAt(buildDir);
  return started !== null && newestSource(root) < started - CLOCK_SLACK_MS;
}

/** Runs `next build` into `distDir` (relative to ROOT); true when it succeeded. */
function nextBuild(env: NodeJS.ProcessEnv, distDir: string): boolean {
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  return r.status === 0;
}

export type BuildOptions = {
  /** The project folder (ROOT); tests point it at a folder of their own. */
  root?: string;
  /** The build itself (`next build`); tests pass their own. */
  build?: (env: NodeJS.ProcessEnv, distDir: string) => boolean;
  /** The clock (Date.now). */
  now?: () => number;
};

export function buildIfNeeded(
  env: NodeJS.ProcessEnv,
  distDir = ".next",
  log: (line: string) => void = console.log,
  { root = ROOT, build = nextBuild, now = Date.now }: BuildOptions = {},
): void {
  const buildDir = path.join(root, distDir);
  if (buildIsCurrent(buildDir, root)) {
    log(`Using the existing build (${distDir}).`);
    return;
  }
  log(`Building the app into ${distDir} (next build, about a minute)…`);
  // Recorded before building: a source saved from now on is newer than this build.
  const started = now();
  fs.rmSync(path.join(buildDir, BUILD_STARTED_FILE), { force: true });
  if (!build(env, distDir)) throw new Error("next build failed");
  fs.writeFileSync(path.join(buildDir, BUILD_STARTED_FILE), `${started}\n`);
}
