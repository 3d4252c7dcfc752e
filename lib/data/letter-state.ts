import "server-only";
import type { LetterKind } from "@/lib/domain/letters";
import type { Tx } from "@/lib/data/tx";
import type { Prisma } from "@/prisma/generated/client";

/** The signed letters of episodes, read for the patient record and the API (no import of lib/data/patients, which reads them). */
export type LetterView = {
  id: string;
  kind: LetterKind;
  version: number;
  amendmentReason: string | null;
  signedBy: { id: string; name: string };
  signedAt: Date;
};

export const letterView = (r: Omit<Prisma.EpisodeLetterGetPayload<object>, "clinicId" | "episodeId" | "content">): LetterView => ({
  id: r.id,
  kind: r.kind,
  version: r.version,
  amendmentReason: r.amendmentReason,
  signedBy: { id: r.signedById, name: r.signedByName },
  signedAt: r.signedAt,
});

/** The letters of the episodes given, newest version first. */
export async function lettersIn(tx: Tx, clinicId: string, episodeIds: string[]): Promise<Map<string, LetterView[]>> {
  const rows = episodeIds.length
    ? await tx.episodeLetter.findMany({
        where: { clinicId, episodeId: { in: episodeIds } },
        orderBy: [{ kind: "asc" }, { version: "desc" }],
      })
    : [];
  const out = new Map<string, LetterView[]>(episodeIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.episodeId)!.push(letterView(r));
  return out;
}
