/** A signed letter's frozen words (EpisodeLetter.content, lib/export/letter.ts): schema version 1. */
import { z } from "zod";
import type { Letter } from "@/lib/export/letter";
import { readStored } from "./read";

const row = z.object({ label: z.string(), value: z.string() });
const blockSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("facts"), rows: z.array(row) }),
  z.object({ kind: z.literal("text"), text: z.string(), style: z.enum(["strong", "muted"]).optional() }),
  z.object({ kind: z.literal("heading"), text: z.string() }),
  z.object({
    kind: z.literal("list"),
    heading: z.string().optional(),
    items: z.array(z.object({ lead: z.string().optional(), text: z.string() })),
    empty: z.string(),
  }),
  z.object({
    kind: z.literal("table"),
    caption: z.string(),
    headers: z.array(z.string()),
    rows: z.array(z.array(z.string())),
    widths: z.array(z.number()),
    notes: z.array(z.string()).optional(),
  }),
]);

const letterSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.enum(["discharge_summary", "gp_letter"]),
  title: z.string(),
  addressee: z.array(z.string()),
  sections: z.array(z.object({ title: z.string(), blocks: z.array(blockSchema) })),
  footer: z.string(),
});

export function readLetter(json: unknown): Letter {
  return readStored("letter", letterSchema, json) satisfies Letter;
}
