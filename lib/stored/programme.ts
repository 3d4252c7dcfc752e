/** Stored programme items (ExerciseProgramme.items): the schema they were saved with; it only grows by optional fields. */
import { programmeItemsSchema, type ProgrammeItem } from "@/lib/validation/programme";
import { readStored } from "./read";

export function readProgrammeItems(json: unknown): ProgrammeItem[] {
  return readStored("programme items", programmeItemsSchema, json);
}
