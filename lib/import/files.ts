import { gunzipSync } from "node:zlib";
import { readFit } from "./fit";
import { readGpx } from "./gpx";
import { readTcx } from "./tcx";
import { UnreadableFileError, type ActivitySummary } from "./types";

/** An activity file (decompressed) may be at most this large. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** One upload (all its files, or one ZIP) may be at most this large. */
export const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;

export type ActivityFormat = "fit" | "gpx" | "tcx";
export type FileKind = ActivityFormat | "zip" | "csv";

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** What a file is, by its name and then by its first bytes (a renamed file is still recognised). */
export function fileKind(name: string, head: Uint8Array): FileKind | null {
  const lower = name.toLowerCase().replace(/\.gz$/, "");
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "zip";
  if (head.length >= 12 && head[8] === 0x2e && head[9] === 0x46 && head[10] === 0x49 && head[11] === 0x54) return "fit";
  for (const ext of ["fit", "gpx", "tcx", "csv", "zip"] as const) if (lower.endsWith(`.${ext}`)) return ext;
  const text = new TextDecoder().decode(head.subarray(0, 512));
  if (/<gpx[\s>]/.test(text)) return "gpx";
  if (/<TrainingCenterDatabase[\s>]/.test(text)) return "tcx";
  return null;
}

export const isGzip = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b;

/** Gunzips a .gz file, refusing more than MAX_FILE_BYTES of output (a gzip bomb stops there). */
export function gunzipLimited(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || /Cannot create a Buffer larger/.test((e as Error).message))
      throw new UnreadableFileError(`larger than ${mb(MAX_FILE_BYTES)} once decompressed`);
    throw new UnreadableFileError("the .gz file is corrupt or truncated");
  }
}

/** Reads one FIT, GPX or TCX file (gzipped or not) into its activities. */
export async function readActivityFile(name: string, raw: Uint8Array): Promise<{ format: ActivityFormat; activities: ActivitySummary[] }> {
  if (raw.length === 0) throw new UnreadableFileError("the file is empty");
  const bytes = isGzip(raw) ? gunzipLimited(raw) : raw;
  if (bytes.length === 0) throw new UnreadableFileError("the file is empty");
  const kind = fileKind(name, bytes.subarray(0, 512));
  if (kind === "fit") return { format: "fit", activities: await readFit(bytes) };
  if (kind === "gpx") return { format: "gpx", activities: readGpx(bytes) };
  if (kind === "tcx") return { format: "tcx", activities: readTcx(bytes) };
  throw new UnreadableFileError("not an activity file: FIT, GPX, TCX (plain or .gz), a Strava export ZIP or a Garmin activities CSV");
}
