/**
 * scripts/build-if-needed.ts: a build is reused only when it started after
 * every source it depends on was last changed, so a file saved while a build
 * runs is built next time (it used to be compared with the BUILD_ID written
 * at the end of the build, and such an edit was never built).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUILD_STARTED_FILE, buildIfNeeded, buildIsCurrent, CLOCK_SLACK_MS } from "../../../scripts/build-if-needed";

let root: string;
const T0 = Date.UTC(2026, 11, 4, 12, 0, 0);
const source = () => path.join(root, "app", "page.tsx");
const touch = (file: string, ms: number) => fs.utimesSync(file, ms / 1000, ms / 1000);

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kneeclinic-build-"));
  fs.mkdirSync(path.join(root, "app"));
  fs.writeFileSync(source(), "export default function Page() {}\n");
  touch(source(), T0);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A stand-in for `next build` that writes a BUILD_ID at `endsAt`, after running `during` (edits made while it builds). */
function fakeBuild(builds: string[], endsAt: number, during: () => void = () => undefined) {
  return (_env: NodeJS.ProcessEnv, distDir: string) => {
    builds.push(distDir);
    during();
    fs.mkdirSync(path.join(root, distDir), { recursive: true });
    const id = path.join(root, distDir, "BUILD_ID");
    fs.writeFileSync(id, "build\n");
    touch(id, endsAt);
    return true;
  };
}

const run = (builds: string[], startsAt: number, endsAt: number, during?: () => void) =>
  buildIfNeeded(process.env, ".next-test", () => undefined, { root, now: () => startsAt, build: fakeBuild(builds, endsAt, during) });

it("builds when there is no build, then reuses it while no source changes", () => {
  const builds: string[] = [];
  run(builds, T0 + 10_000, T0 + 70_000);
  expect(builds).toEqual([".next-test"]);
  expect(fs.readFileSync(path.join(root, ".next-test", BUILD_STARTED_FILE), "utf8").trim()).toBe(String(T0 + 10_000));
  run(builds, T0 + 100_000, T0 + 160_000);
  expect(builds).toEqual([".next-test"]);
});

it("builds again after a source saved while the previous build was running", () => {
  const builds: string[] = [];
  // Started at +10 s; the file is saved at +30 s, before the build ends (and writes BUILD_ID) at +70 s.
  run(builds, T0 + 10_000, T0 + 70_000, () => touch(source(), T0 + 30_000));
  expect(buildIsCurrent(path.join(root, ".next-test"), root)).toBe(false);
  run(builds, T0 + 100_000, T0 + 160_000);
  expect(builds).toEqual([".next-test", ".next-test"]);
  // That second build started after the edit: reused from then on.
  run(builds, T0 + 200_000, T0 + 260_000);
  expect(builds).toHaveLength(2);
});

it("builds again after a source saved since the build, and counts a save just before the start as during it", () => {
  const builds: string[] = [];
  run(builds, T0 + 10_000, T0 + 70_000);
  touch(source(), T0 + 10_000 - CLOCK_SLACK_MS / 2);
  expect(buildIsCurrent(path.join(root, ".next-test"), root)).toBe(false);
  touch(source(), T0 + 10_000 - CLOCK_SLACK_MS - 1);
  expect(buildIsCurrent(path.join(root, ".next-test"), root)).toBe(true);
  touch(source(), T0 + 90_000);
  run(builds, T0 + 100_000, T0 + 160_000);
  expect(builds).toHaveLength(2);
});

it("does not trust a build folder without the record of its start (a failed build, or one made before the record)", () => {
  const builds: string[] = [];
  fs.mkdirSync(path.join(root, ".next-test"));
  fs.writeFileSync(path.join(root, ".next-test", "BUILD_ID"), "old\n");
  expect(buildIsCurrent(path.join(root, ".next-test"), root)).toBe(false);
  expect(() =>
    buildIfNeeded(process.env, ".next-test", () => undefined, {
      root,
      now: () => T0 + 10_000,
      build: () => (builds.push("failed"), false),
    }),
  ).toThrow("next build failed");
  expect(fs.existsSync(path.join(root, ".next-test", BUILD_STARTED_FILE))).toBe(false);
  run(builds, T0 + 20_000, T0 + 80_000);
  expect(builds).toEqual(["failed", ".next-test"]);
});
