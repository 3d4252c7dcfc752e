import yauzl from "yauzl";
import { UnreadableFileError } from "./types";

/**
 * Reads a ZIP (a Strava bulk export) from a file on disk with yauzl, one
 * entry at a time: only the central directory is held in memory, and each
 * entry is read into memory only when asked for, up to the per-file limit.
 *
 * Refused as a whole (UnreadableFileError): a path that escapes the ZIP's
 * root ("../", an absolute or drive path; yauzl's own check), and a
 * decompression bomb: an entry that would expand more than MAX_RATIO times,
 * or entries adding up to more than `maxTotalBytes`. yauzl also stops an
 * entry whose real size differs from the size its header declares.
 */
export const MAX_COMPRESSION_RATIO = 100;
export const MAX_ZIP_ENTRIES = 50_000;

export type ZipEntryInfo = { path: string; size: number; compressedSize: number };

export type ZipReader = {
  entries: ZipEntryInfo[];
  /** The entry's bytes; UnreadableFileError when it is over `maxFileBytes` or corrupt. */
  read(path: string): Promise<Uint8Array>;
  close(): void;
};

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (err, zip) =>
      err || !zip ? reject(err) : resolve(zip),
    ),
  );
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

// eslint-disable-next-line max-lines-per-function -- one streaming reader, its states in one place
export async function openZipReader(
  file: string,
  limits: { maxFileBytes: number; maxTotalBytes: number; wanted: (path: string) => boolean },
): Promise<ZipReader> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (e) {
    throw new UnreadableFileError(`the ZIP file is corrupt or truncated (${(e as Error).message})`);
  }
  const byPath = new Map<string, yauzl.Entry>();
  const entries: ZipEntryInfo[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let total = 0;
      zip.on("error", (e: Error) =>
        reject(
          /relative path|absolute path|invalid characters/.test(e.message)
            ? new UnreadableFileError(`the ZIP is refused: a path inside it escapes its folder (${e.message})`)
            : new UnreadableFileError(`the ZIP file is corrupt (${e.message})`),
        ),
      );
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entries.length >= MAX_ZIP_ENTRIES)
          return reject(new UnreadableFileError(`the ZIP is refused: more than ${MAX_ZIP_ENTRIES} entries`));
        const path = entry.fileName;
        if (!path.endsWith("/") && limits.wanted(path)) {
          const ratio =
            entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : entry.uncompressedSize > 0 ? Infinity : 1;
          if (ratio > MAX_COMPRESSION_RATIO && entry.uncompressedSize > 1024 * 1024)
            return reject(
              new UnreadableFileError(
                `the ZIP is refused as a decompression bomb: ${path} would expand ${Math.round(ratio)} times (${mb(entry.uncompressedSize)})`,
              ),
            );
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes)
            return reject(
              new UnreadableFileError(
                `the ZIP is refused as a decompression bomb: its files would expand to more than ${mb(limits.maxTotalBytes)}`,
              ),
            );
          byPath.set(path, entry);
          entries.push({ path, size: entry.uncompressedSize, compressedSize: entry.compressedSize });
        }
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (e) {
    zip.close();
    throw e;
  }

  return {
    entries,
    close: () => zip.close(),
    read(path) {
      const entry = byPath.get(path);
      if (!entry) return Promise.reject(new UnreadableFileError("not in the ZIP"));
      if (entry.uncompressedSize > limits.maxFileBytes)
        return Promise.reject(new UnreadableFileError(`larger than ${mb(limits.maxFileBytes)}`));
      return new Promise((resolve, reject) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(new UnreadableFileError(`cannot be read from the ZIP (${err?.message ?? "no data"})`));
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on("data", (c: Buffer) => {
            size += c.length;
            if (size > limits.maxFileBytes) {
              stream.destroy();
              reject(new UnreadableFileError(`larger than ${mb(limits.maxFileBytes)}`));
            } else chunks.push(c);
          });
          stream.on("error", (e) => reject(new UnreadableFileError(`is corrupt inside the ZIP (${e.message})`)));
          stream.on("end", () => resolve(Buffer.concat(chunks)));
        });
      });
    },
  };
}
