/** docs/evaluate-input.schema.json is generated (npm run docs:schema) and must be up to date. */
import { readFileSync } from "node:fs";
import { renderEvaluateInputSchema, SCHEMA_FILE } from "../../../scripts/gen-evaluate-schema";

describe("docs/evaluate-input.schema.json", () => {
  it("is up to date with the zod schema (run `npm run docs:schema`)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(renderEvaluateInputSchema());
  });

  it("is strict and requires assessedOn and patient", () => {
    const schema = JSON.parse(renderEvaluateInputSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["assessedOn", "patient"]);
    expect(schema.properties.measures.properties.lefs).toEqual(expect.objectContaining({ minItems: 20, maxItems: 20 }));
  });
});
