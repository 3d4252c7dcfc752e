/**
 * Where each instrument's answers are stored (Assessment.answers, the
 * evaluate() input of EVALUATE.md section 1) and how a definition's items map
 * onto them. The stored value of an answer is its option's ordinal value.
 *
 * | instrument | items (linkId)                 | stored as                         |
 * |------------|--------------------------------|-----------------------------------|
 * | KOOS       | P1-P9, S1-S7, A1-A17, SP1-SP5, Q1-Q4 in groups pain, symptoms, adl, sport, qol | measures.koos.<linkId> 0-4 |
 * | LEFS       | LEFS1-LEFS20                   | measures.lefs[0..19] 0-4          |
 * | PSFS       | activity (repeating): activity.name, activity.score | measures.psfs[i] {activity, score 0-10} |
 * | Pain NRS   | painNow, painWorstWeek, painDuringRun | symptoms.<linkId> 0-10     |
 * | Tegner     | tegner                         | measures.tegner 0-10              |
 */
import { KOOS_SUBSCALE_ITEMS, type KoosResponses } from "../clinical/input";
import { KOOS_SUBSCALES, type KoosSubscale } from "../domain/measures";
import { choiceOptions, itemOf, type Questionnaire, type QuestionnaireItem } from "./index";

/** KOOS: the group of each subscale has the subscale's name as its linkId. */
export function koosGroup(koos: Questionnaire, subscale: KoosSubscale): QuestionnaireItem {
  return itemOf(koos, subscale);
}

/** KOOS subscales in the order of the questionnaire (Symptoms, Pain, ADL, Sport/Rec, QOL). */
export function koosSubscalesInOrder(koos: Questionnaire): KoosSubscale[] {
  return koos.item.map((i) => i.linkId).filter((id): id is KoosSubscale => (KOOS_SUBSCALES as readonly string[]).includes(id));
}

export const LEFS_LINK_IDS = Array.from({ length: 20 }, (_, i) => `LEFS${i + 1}`);

/** The pain NRS items and the answers they are stored in. */
export const PAIN_ITEM_PATHS = {
  painNow: "symptoms.painNow",
  painWorstWeek: "symptoms.painWorstWeek",
  painDuringRun: "symptoms.painDuringRun",
} as const;
export type PainItem = keyof typeof PAIN_ITEM_PATHS;

export const TEGNER_LINK_ID = "tegner";
export const PSFS_LINK_IDS = { group: "activity", name: "activity.name", score: "activity.score" } as const;

/**
 * The stored values of answers given as codes (a QuestionnaireResponse's
 * valueCoding.code by linkId): each code's ordinal value. Throws on an
 * unknown item or code.
 */
export function valuesFromCodes(q: Questionnaire, codes: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [linkId, code] of Object.entries(codes)) {
    const option = choiceOptions(itemOf(q, linkId)).find((o) => o.code === code);
    if (!option) throw new Error(`${q.id} ${linkId} has no answer ${code}`);
    out[linkId] = option.value;
  }
  return out;
}

/** KOOS answers as codes -> measures.koos (item id -> 0-4). */
export function koosFromCodes(koos: Questionnaire, codes: Readonly<Record<string, string>>): KoosResponses {
  const values = valuesFromCodes(koos, codes);
  const out: KoosResponses = {};
  for (const subscale of KOOS_SUBSCALES) for (const id of KOOS_SUBSCALE_ITEMS[subscale]) if (values[id] !== undefined) out[id] = values[id];
  return out;
}
