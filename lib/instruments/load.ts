/**
 * The instruments in force on this server: the built-in definitions, each
 * replaced by `<id>.json` in INSTRUMENTS_DIR when a clinic puts the
 * publisher's exact wording there (docs/instruments.md). Read and checked
 * once, at start-up (instrumentation.ts): a file that is not valid JSON, not
 * a valid definition, not compatible with the built-in one (other questions,
 * answer codes or stored values) or not named after an instrument stops the
 * server with a message naming the file and the problem. Server only.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { getEnv } from "@/lib/env";
import { psfsBaseline, type PsfsBaseline } from "./psfs";
import {
  BUILT_IN_INSTRUMENTS,
  INSTRUMENT_IDS,
  InstrumentError,
  isInstrumentId,
  replacementInstrument,
  type InstrumentId,
  type Instruments,
} from "./index";

/** The definitions with the replacements of `dir` (none when `dir` is undefined). */
export function loadInstrumentsFrom(dir: string | undefined): Instruments {
  if (!dir) return BUILT_IN_INSTRUMENTS;
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    names = readdirSync(dir);
  } catch (error) {
    throw new InstrumentError(`INSTRUMENTS_DIR ${dir}`, [
      { path: "", message: `cannot be read as a directory (${error instanceof Error ? error.message : String(error)})` },
    ]);
  }
  const out: Record<InstrumentId, Instruments[InstrumentId]> = { ...BUILT_IN_INSTRUMENTS };
  for (const name of names.filter((n) => n.toLowerCase().endsWith(".json")).sort()) {
    const source = join(dir, name);
    const id = name.slice(0, -".json".length);
    if (!isInstrumentId(id))
      throw new InstrumentError(source, [
        { path: "", message: `is not an instrument: name the file one of ${INSTRUMENT_IDS.map((i) => `${i}.json`).join(", ")}` },
      ]);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(source, "utf8").replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new InstrumentError(source, [
        { path: "", message: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` },
      ]);
    }
    out[id] = replacementInstrument(id, json, source);
  }
  return Object.freeze(out);
}

let cached: Instruments | undefined;

/** The instruments in force (INSTRUMENTS_DIR read once per process). */
export function loadInstruments(): Instruments {
  cached ??= loadInstrumentsFrom(getEnv().INSTRUMENTS_DIR);
  return cached;
}

/** At start-up: prints what is wrong with a replacement and exits. */
export function checkInstrumentsOrExit(): Instruments {
  try {
    return loadInstruments();
  } catch (error) {
    if (error instanceof InstrumentError) {
      console.error(`\nInvalid instrument definition (INSTRUMENTS_DIR):\n  - ${error.message}\nSee docs/instruments.md.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * What an assessment form asks its measures from: the instruments in force
 * and, for a follow-up, the PSFS activities it carries forward from the
 * episode's signed assessments (oldest first), as the server checks them.
 */
export function measuresContext(
  kind: "intake" | "follow_up",
  priorsOldestFirst: Parameters<typeof psfsBaseline>[0],
): { instruments: Instruments; psfsBaseline: PsfsBaseline | null } {
  return { instruments: loadInstruments(), psfsBaseline: kind === "follow_up" ? psfsBaseline(priorsOldestFirst) : null };
}
