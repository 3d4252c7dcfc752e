/**
 * Builds the Next.js app unless the build in `distDir` is newer than every
 * source file it depends on. Shared by `npm run demo` and the e2e tests.
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

function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== "node_modules") walk(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of SOURCES) if (fs.existsSync(path.join(ROOT, p))) walk(path.join(ROOT, p));
  return newest;
}

export function buildIfNeeded(env: NodeJS.ProcessEnv, distDir = ".next", log: (line: string) => void = console.log): void {
  const buildId = path.join(ROOT, distDir, "BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > newestSource()) {
    log(`Using the existing build (${distDir}).`);
    return;
  }
  log(`Building the app into ${distDir} (next build, about a minute)…`);
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error("next build failed");
}
