/**
 * Every server action has its table of four cases (refused role, another
 * clinic's record, a field error, success) in tests/integration/actions:
 * a new action without one fails here (docs/architecture.md, "How to add a
 * server action").
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const ACTIONS = path.join(ROOT, "lib/actions");
const TESTS = path.join(ROOT, "tests/integration/actions");

const read = (file: string) => readFileSync(file, "utf8");
const serverModules = readdirSync(ACTIONS)
  .map((f) => path.join(ACTIONS, f))
  .filter((f) => /^\s*["']use server["']/.test(read(f)));
const declared = serverModules.flatMap((f) => [...read(f).matchAll(/^export (?:const|async function) (\w+)/gm)].map((m) => m[1]!));
const tested = new Set(
  readdirSync(TESTS).flatMap((f) => [...read(path.join(TESTS, f)).matchAll(/describeAction\(\s*"(\w+)"/g)].map((m) => m[1]!)),
);

describe("the server actions", () => {
  it("are found", () => {
    expect(serverModules.length).toBeGreaterThan(5);
    expect(declared).toContain("createPatientAction");
  });

  it("are each declared with defineAction or defineFormAction", () => {
    const plain = serverModules.flatMap((f) =>
      [...read(f).matchAll(/^export (?:async function (\w+)|const (\w+) = (?!define(?:Form)?Action[<(]))/gm)].map(
        (m) => `${path.basename(f)}: ${m[1] ?? m[2]}`,
      ),
    );
    expect(plain).toEqual([]);
  });

  it("each have their four cases in tests/integration/actions", () => {
    expect(declared.filter((name) => !tested.has(name))).toEqual([]);
  });
});
