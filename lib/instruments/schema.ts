/**
 * The shape of an instrument definition: the part of a FHIR R4 Questionnaire
 * (http://hl7.org/fhir/R4/questionnaire.html) the app reads. The built-in
 * definitions (definitions/*.json) and a clinic's replacement files
 * (INSTRUMENTS_DIR, docs/instruments.md) are validated by this one schema.
 *
 * Other FHIR elements (meta, text, date, contact, ...) are allowed and kept;
 * what the app reads is checked:
 *
 * - every item has a `linkId`, unique in the questionnaire, and a `type`;
 * - a `choice` item has `answerOption`s, each a `valueCoding` (code and
 *   display) with an ordinal value (the extension
 *   http://hl7.org/fhir/StructureDefinition/ordinalValue, on the coding or on
 *   the answer option): the score the app stores for that answer. Codes and
 *   ordinal values are unique within an item.
 */
import * as z from "zod";

export const ORDINAL_VALUE_URL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
export const CHOICE_ORIENTATION_URL = "http://hl7.org/fhir/StructureDefinition/questionnaire-choiceOrientation";
export const MAX_OCCURS_URL = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs";

const text = z.string({ error: "must be text" }).min(1, "must not be empty");

export const extensionSchema = z.looseObject({
  url: text,
  valueDecimal: z.number().optional(),
  valueInteger: z.int().optional(),
  valueCode: z.string().optional(),
  valueString: z.string().optional(),
});
export type Extension = z.output<typeof extensionSchema>;

export const codingSchema = z.looseObject({
  system: z.string().optional(),
  code: text,
  display: z.string().optional(),
  extension: z.array(extensionSchema).optional(),
});
export type Coding = z.output<typeof codingSchema>;

export const answerOptionSchema = z.looseObject({
  valueCoding: codingSchema.extend({ display: text }),
  extension: z.array(extensionSchema).optional(),
});
export type AnswerOption = z.output<typeof answerOptionSchema>;

export const ITEM_TYPES = ["group", "display", "choice", "string", "text", "integer"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export type QuestionnaireItem = {
  linkId: string;
  prefix?: string | undefined;
  text?: string | undefined;
  type: ItemType;
  code?: Coding[] | undefined;
  required?: boolean | undefined;
  repeats?: boolean | undefined;
  readOnly?: boolean | undefined;
  maxLength?: number | undefined;
  answerOption?: AnswerOption[] | undefined;
  extension?: Extension[] | undefined;
  item?: QuestionnaireItem[] | undefined;
  [key: string]: unknown;
};

/** The ordinal value of an answer option: on its coding, else on the option. */
export function ordinalOf(option: AnswerOption): number | undefined {
  const find = (list: Extension[] | undefined) => list?.find((e) => e.url === ORDINAL_VALUE_URL)?.valueDecimal;
  return find(option.valueCoding.extension) ?? find(option.extension);
}

export const itemSchema: z.ZodType<QuestionnaireItem> = z.lazy(() =>
  z
    .looseObject({
      linkId: text,
      prefix: z.string().optional(),
      text: z.string().optional(),
      type: z.enum(ITEM_TYPES, { error: `must be one of: ${ITEM_TYPES.join(", ")}` }),
      code: z.array(codingSchema).optional(),
      required: z.boolean().optional(),
      repeats: z.boolean().optional(),
      readOnly: z.boolean().optional(),
      maxLength: z.int().min(1).optional(),
      answerOption: z.array(answerOptionSchema).optional(),
      extension: z.array(extensionSchema).optional(),
      item: z.array(itemSchema).optional(),
    })
    .superRefine((item, ctx) => {
      if (item.type === "choice") {
        const options = item.answerOption ?? [];
        if (options.length < 2)
          ctx.addIssue({ code: "custom", path: ["answerOption"], message: "a choice item needs at least 2 answer options" });
        const codes = new Set<string>();
        const ordinals = new Set<number>();
        options.forEach((option, i) => {
          const ordinal = ordinalOf(option);
          if (ordinal === undefined)
            ctx.addIssue({ code: "custom", path: ["answerOption", i], message: `needs an ordinal value (extension ${ORDINAL_VALUE_URL})` });
          else if (ordinals.has(ordinal))
            ctx.addIssue({ code: "custom", path: ["answerOption", i], message: `ordinal value ${ordinal} is used twice` });
          else ordinals.add(ordinal);
          if (codes.has(option.valueCoding.code))
            ctx.addIssue({ code: "custom", path: ["answerOption", i, "valueCoding", "code"], message: "code is used twice" });
          codes.add(option.valueCoding.code);
        });
      } else if (item.answerOption?.length)
        ctx.addIssue({ code: "custom", path: ["answerOption"], message: "only a choice item has answer options" });
      if (item.type === "group" && !item.item?.length)
        ctx.addIssue({ code: "custom", path: ["item"], message: "a group needs at least one item" });
      if (item.type !== "group" && item.item?.length) ctx.addIssue({ code: "custom", path: ["item"], message: "only a group has items" });
      if (item.type !== "display" && item.type !== "group" && !item.text?.trim())
        ctx.addIssue({ code: "custom", path: ["text"], message: "a question needs its text" });
    }),
);

/** Every item of a questionnaire, depth first, in order. */
export function allItems(items: readonly QuestionnaireItem[]): QuestionnaireItem[] {
  return items.flatMap((item) => [item, ...allItems(item.item ?? [])]);
}

export const questionnaireSchema = z
  .looseObject(
    {
      resourceType: z.literal("Questionnaire", { error: 'must be "Questionnaire"' }),
      id: text,
      url: z.string().optional(),
      version: text,
      name: z.string().optional(),
      title: text,
      status: z.enum(["draft", "active", "retired", "unknown"], { error: "must be draft, active, retired or unknown" }),
      publisher: z.string().optional(),
      description: z.string().optional(),
      copyright: z.string().optional(),
      code: z.array(codingSchema).optional(),
      extension: z.array(extensionSchema).optional(),
      item: z.array(itemSchema).min(1, "needs at least one item"),
    },
    { error: (issue) => (issue.code === "invalid_type" ? "must be a FHIR Questionnaire (a JSON object)" : undefined) },
  )
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    for (const item of allItems(q.item)) {
      if (seen.has(item.linkId)) ctx.addIssue({ code: "custom", path: ["item"], message: `linkId ${item.linkId} is used twice` });
      seen.add(item.linkId);
    }
  });

/** An instrument definition, validated. */
export type Questionnaire = z.output<typeof questionnaireSchema>;
