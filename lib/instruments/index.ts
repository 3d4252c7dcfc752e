/**
 * The outcome instruments as data (docs/instruments.md): one FHIR
 * R4 Questionnaire-shaped file per instrument in definitions/, validated by
 * schema.ts. Wording lives in the data; the scores the app stores are the
 * answer options' ordinal values, which a replacement file must keep
 * (checkCompatible), so a clinic can load the publisher's exact wording
 * without a code change and without changing what is stored.
 *
 * Pure: no I/O. The server reads a clinic's replacements with load.ts and
 * passes the definitions to the pages; client components receive them as
 * props (app/_components/instruments).
 */
import koosJson from "./definitions/koos.json";
import lefsJson from "./definitions/lefs.json";
import painNrsJson from "./definitions/pain-nrs.json";
import psfsJson from "./definitions/psfs.json";
import tegnerJson from "./definitions/tegner.json";
import { allItems, CHOICE_ORIENTATION_URL, ordinalOf, questionnaireSchema, type Questionnaire, type QuestionnaireItem } from "./schema";

export * from "./schema";

/** The instruments, by id; each id is also the file name (`koos.json`). */
export const INSTRUMENT_IDS = ["koos", "lefs", "psfs", "pain-nrs", "tegner"] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];
export type Instruments = Readonly<Record<InstrumentId, Questionnaire>>;

export type InstrumentIssue = { path: string; message: string };

/** A definition that is not a valid instrument, or not compatible with the built-in one. */
export class InstrumentError extends Error {
  constructor(
    readonly source: string,
    readonly issues: InstrumentIssue[],
  ) {
    super(`${source}: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`);
    this.name = "InstrumentError";
  }
}

/** Validates one definition against the Questionnaire schema; `source` names it in errors. */
export function parseInstrument(json: unknown, source: string): Questionnaire {
  const result = questionnaireSchema.safeParse(json);
  if (!result.success)
    throw new InstrumentError(
      source,
      result.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    );
  return result.data;
}

/** The definitions shipped with the app. */
export const BUILT_IN_INSTRUMENTS: Instruments = Object.freeze({
  koos: parseInstrument(koosJson, "definitions/koos.json"),
  lefs: parseInstrument(lefsJson, "definitions/lefs.json"),
  psfs: parseInstrument(psfsJson, "definitions/psfs.json"),
  "pain-nrs": parseInstrument(painNrsJson, "definitions/pain-nrs.json"),
  tegner: parseInstrument(tegnerJson, "definitions/tegner.json"),
});

// ---------------------------------------------------------------------------
// Reading a definition
// ---------------------------------------------------------------------------

export type ChoiceOption = { code: string; display: string; value: number };

/** The answer options of a choice item, in order, with the value stored for each. */
export function choiceOptions(item: QuestionnaireItem): ChoiceOption[] {
  return (item.answerOption ?? []).map((o) => ({ code: o.valueCoding.code, display: o.valueCoding.display, value: ordinalOf(o) ?? NaN }));
}

/** The item with this linkId (anywhere in the questionnaire); throws when there is none. */
export function itemOf(q: Questionnaire, linkId: string): QuestionnaireItem {
  const item = allItems(q.item).find((i) => i.linkId === linkId);
  if (!item) throw new Error(`${q.id} has no item ${linkId}`);
  return item;
}

/** The text of a display item (instructions, introductions), or undefined. */
export function displayText(q: Questionnaire, linkId: string): string | undefined {
  const item = allItems(q.item).find((i) => i.linkId === linkId);
  return item?.type === "display" ? item.text : undefined;
}

/** The answerable items (not groups, not display), depth first. */
export function questionItems(q: Questionnaire): QuestionnaireItem[] {
  return allItems(q.item).filter((i) => i.type !== "group" && i.type !== "display");
}

/** "vertical" when the definition asks its options to be listed one under the other. */
export function choiceOrientation(item: QuestionnaireItem): "horizontal" | "vertical" {
  return item.extension?.find((e) => e.url === CHOICE_ORIENTATION_URL)?.valueCode === "vertical" ? "vertical" : "horizontal";
}

/** "KOOS P1: Weekly (2)": how a stored answer reads. */
export function answerText(item: QuestionnaireItem, value: number | undefined): string {
  if (value === undefined) return "not answered";
  const option = choiceOptions(item).find((o) => o.value === value);
  return option ? (option.display === String(value) ? String(value) : `${option.display} (${value})`) : String(value);
}

// ---------------------------------------------------------------------------
// Replacements: the publisher's wording, same structure and scores
// ---------------------------------------------------------------------------

/** The structure a replacement must keep: each group and question, its type, and each answer's code and stored value. */
function structure(q: Questionnaire): string[] {
  return allItems(q.item)
    .filter((i) => i.type !== "display")
    .map(
      (i) =>
        `${i.linkId} (${i.type}${i.repeats ? ", repeats" : ""})${
          i.type === "choice"
            ? `: ${choiceOptions(i)
                .map((o) => `${o.code}=${o.value}`)
                .join(", ")}`
            : ""
        }`,
    );
}

/**
 * What keeps a replacement from standing in for the built-in definition:
 * another id, or a question, group, answer code or stored value that differs.
 * Wording (titles, texts, displays, introductions), version, publisher and
 * codes of the questionnaire may differ.
 */
export function compatibilityIssues(builtIn: Questionnaire, replacement: Questionnaire): InstrumentIssue[] {
  const issues: InstrumentIssue[] = [];
  if (replacement.id !== builtIn.id) issues.push({ path: "id", message: `must be "${builtIn.id}"` });
  const want = structure(builtIn);
  const got = structure(replacement);
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] === got[i]) continue;
    issues.push({
      path: "item",
      message:
        got[i] === undefined
          ? `missing ${want[i]}`
          : want[i] === undefined
            ? `unexpected ${got[i]}`
            : `expected ${want[i]}, found ${got[i]}`,
    });
    break; // the first difference says enough; the rest usually follows from it
  }
  return issues;
}

/** A replacement, validated and checked against the built-in definition of the same id. */
export function replacementInstrument(id: InstrumentId, json: unknown, source: string): Questionnaire {
  const q = parseInstrument(json, source);
  const issues = compatibilityIssues(BUILT_IN_INSTRUMENTS[id], q);
  if (issues.length) throw new InstrumentError(source, issues);
  return q;
}

export function isInstrumentId(id: string): id is InstrumentId {
  return (INSTRUMENT_IDS as readonly string[]).includes(id);
}
