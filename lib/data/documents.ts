import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/data/tx";
import type { DocumentKind, DocumentVariant } from "@/prisma/generated/client";

/**
 * Stored documents: a rendered document (PDF, FHIR bundle, later the
 * discharge summary and the GP letter) is made once, when its record is
 * signed (and once more when it is cancelled), and kept as bytes with their
 * SHA-256 in `StoredDocument`. Exports are served from those bytes with the
 * hash as ETag, so a download is the same bytes every time and costs a read,
 * not a rendering. Rows are write-once: PostgreSQL checks the hash on insert
 * and refuses any change or deletion (migration …_stored_documents); the app's
 * role may only SELECT and INSERT.
 *
 * A document is identified by its clinic, its record (`referralId`, or for an
 * episode-level document `episodeId`), its `kind` and its `variant` (as
 * signed, or marked cancelled): one row each. Every query names the clinic.
 */
export type { DocumentKind, DocumentVariant };

export type DocumentKey = {
  clinicId: string;
  kind: DocumentKind;
  variant: DocumentVariant;
  episodeId: string;
  referralId: string | null;
  /** A letter's PDF: the signed letter version (lib/data/letters.ts). */
  letterId?: string | null;
  /** The programme version of a handout (kind programme_handout); absent or null otherwise. */
  programmeId?: string | null;
};

export type DocumentContent = { bytes: Buffer; contentType: string };

export type StoredDocumentView = {
  id: string;
  kind: DocumentKind;
  variant: DocumentVariant;
  contentType: string;
  bytes: Buffer;
  sha256: string;
  byteLength: number;
  createdAt: Date;
};

export const sha256Hex = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

function where(key: DocumentKey) {
  return {
    clinicId: key.clinicId,
    kind: key.kind,
    variant: key.variant,
    episodeId: key.episodeId,
    referralId: key.referralId,
    letterId: key.letterId ?? null,
    programmeId: key.programmeId ?? null,
  };
}

function view(row: {
  id: string;
  kind: DocumentKind;
  variant: DocumentVariant;
  contentType: string;
  bytes: Uint8Array;
  sha256: string;
  byteLength: number;
  createdAt: Date;
}): StoredDocumentView {
  return { ...row, bytes: Buffer.from(row.bytes) };
}

/** The stored document of `key`, or null. */
export async function findStoredDocument(tx: Tx, key: DocumentKey): Promise<StoredDocumentView | null> {
  const row = await tx.storedDocument.findFirst({ where: where(key), orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return row ? view(row) : null;
}

/**
 * Stores `content` as the document of `key` unless one is stored already
 * (then that one is kept and returned: a document is made once). Two
 * transactions storing the same key at once: the unique index keeps the
 * first, the second reads it.
 */
export async function storeDocument(tx: Tx, key: DocumentKey, content: DocumentContent): Promise<StoredDocumentView> {
  const existing = await findStoredDocument(tx, key);
  if (existing) return existing;
  await tx.storedDocument.createMany({
    data: [
      {
        ...where(key),
        contentType: content.contentType,
        bytes: new Uint8Array(content.bytes),
        sha256: sha256Hex(content.bytes),
        byteLength: content.bytes.length,
      },
    ],
    skipDuplicates: true,
  });
  const stored = await findStoredDocument(tx, key);
  if (!stored) throw new Error(`stored document ${key.kind}/${key.variant} was not written`);
  return stored;
}
