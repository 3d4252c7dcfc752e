import "server-only";
import { readProgrammeItems } from "@/lib/stored/programme";
import type { ProgrammeItem } from "@/lib/validation/programme";
import { Prisma } from "@/prisma/generated/client";
import type { Tx } from "@/lib/data/tx";

/** Programme versions, read for the patient record and the API (no import of lib/data/patients, which reads them). */
export type ProgrammeVersion = {
  id: string;
  version: number;
  items: ProgrammeItem[];
  notes: string | null;
  /** This version stopped the programme (its items are those it stopped; `notes` says why). */
  stopped: boolean;
  createdBy: { id: string; name: string };
  createdAt: Date;
};
/** `current` is the newest version (a stop included: then the programme is stopped). */
export type EpisodeProgramme = { current: ProgrammeVersion | null; versions: ProgrammeVersion[] };

/** A programme version as read (its items still stored JSON, for their reader). */
type VersionRow = Omit<Prisma.ExerciseProgrammeGetPayload<object>, "clinicId" | "episodeId" | "items"> & { items: unknown };

export function versionView(row: VersionRow): ProgrammeVersion {
  return {
    id: row.id,
    version: row.version,
    items: readProgrammeItems(row.items),
    notes: row.notes,
    stopped: row.stopped,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt,
  };
}

/** The programmes of the episodes given: the current version and every version, newest first. */
export async function programmesIn(tx: Tx, clinicId: string, episodeIds: string[]): Promise<Map<string, EpisodeProgramme>> {
  const rows = episodeIds.length
    ? await tx.exerciseProgramme.findMany({ where: { clinicId, episodeId: { in: episodeIds } }, orderBy: { version: "desc" } })
    : [];
  const out = new Map<string, EpisodeProgramme>(episodeIds.map((id) => [id, { current: null, versions: [] }]));
  for (const r of rows) {
    const p = out.get(r.episodeId)!;
    const v = versionView(r);
    p.versions.push(v);
    p.current ??= v;
  }
  return out;
}
