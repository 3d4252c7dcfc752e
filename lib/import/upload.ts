import Busboy from "@fastify/busboy";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Actor } from "@/lib/domain/access";
import type { ClinicClock } from "@/lib/data/clinic";
import {
  beginRunImport,
  recordRunImport,
  saveImportedRuns,
  type CandidateRun,
  type ImportCounts,
  type ImportSourceName,
} from "@/lib/data/run-import";
import { ValidationError } from "@/lib/errors";
import { startOfDayIn, todayIn } from "@/lib/format";
import { parseRunsCsv } from "@/lib/validation/runs";
import { csvHeader, csvKind, readGarminCsv, readStravaCsv, type CsvActivity } from "./csv-exports";
import { MAX_FILE_BYTES, MAX_UPLOAD_BYTES, fileKind, gunzipLimited, isGzip, readActivityFile } from "./files";
import { UnreadableFileError, runningKind, type ActivitySummary } from "./types";
import { openZipReader } from "./zip";

/**
 * One upload to POST /api/v1/patients/{id}/runs/import: a multipart body
 * whose `file` fields are activity files (FIT, GPX, TCX, plain or .gz), a
 * Strava bulk-export ZIP, a Garmin activities CSV or the app's own CSV.
 * The body is streamed through busboy: one file is in memory at a time (at
 * most the per-file limit), a ZIP is spooled to a temporary file and read
 * entry by entry. Each file is saved in its own transaction
 * (lib/data/run-import.ts); a file that cannot be read is reported by name
 * and the rest goes on.
 */
export type UploadLimits = { maxFileBytes: number; maxUploadBytes: number };
export const UPLOAD_LIMITS: UploadLimits = { maxFileBytes: MAX_FILE_BYTES, maxUploadBytes: MAX_UPLOAD_BYTES };
export const MAX_FILES_PER_UPLOAD = 5000;

export type UploadResult = ImportCounts & { files: number };

/** The whole upload is over the limit (413). Files complete before the limit was reached are kept. */
export class UploadTooLargeError extends Error {
  constructor(
    public readonly limitBytes: number,
    public readonly partial: UploadResult,
  ) {
    super(`the upload is larger than ${sizeText(limitBytes)}: send the files in smaller batches`);
  }
}

export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} kB`;

/** The name a file is reported by: its base name, without control characters. */
export function displayName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean.slice(0, 200) || "(unnamed file)";
}

/** An activity's run on the clinic's calendar, or the reason it cannot be one. */
export function toCandidate(
  a: ActivitySummary & Partial<Pick<CsvActivity, "localStart">>,
  timezone: string,
  label: string | null,
): CandidateRun | { reason: string } {
  if (!a.running) return { reason: `${a.sport ?? "this activity"}: not a run` };
  let date: string;
  let startedAt: Date | null;
  if (a.localStart) {
    date = a.localStart.date;
    startedAt = new Date(startOfDayIn(date, timezone).getTime() + a.localStart.seconds * 1000);
  } else if (a.startedAt) {
    startedAt = a.startedAt;
    date = todayIn(timezone, a.startedAt);
  } else if (a.date) {
    date = a.date;
    startedAt = null;
  } else return { reason: "the file has no start time" };
  return {
    label,
    date,
    startedAt,
    distanceKm: a.distanceKm,
    durationSec: a.durationSec,
    surface: a.indoor ? "treadmill" : a.surface,
    elevationGainM: a.elevationGainM,
    elevationLossM: a.elevationLossM,
    avgCadenceSpm: a.avgCadenceSpm,
    avgHeartRate: a.avgHeartRate,
    indoor: a.indoor,
  };
}

type Received = { name: string; sha256: string } & (
  { kind: "bytes"; bytes: Uint8Array } | { kind: "zip"; file: string } | { kind: "too_large" }
);

class Importer {
  readonly counts: UploadResult = { imported: 0, duplicates: 0, skipped: [], files: 0 };
  distanceUnit: "km" | "mi" = "km";
  constructor(
    private readonly actor: Actor,
    private readonly patientId: string,
    private readonly clock: ClinicClock,
    private readonly limits: UploadLimits,
    private readonly tmp: string,
  ) {}

  private add(c: ImportCounts) {
    this.counts.imported += c.imported;
    this.counts.duplicates += c.duplicates;
    this.counts.skipped.push(...c.skipped);
  }

  private skip(file: string, reason: string) {
    this.counts.skipped.push({ file, reason });
  }

  /** Activities of one file: the runs saved together, the others reported. */
  private async save(file: string, sha256: string, source: ImportSourceName, activities: (ActivitySummary & Partial<CsvActivity>)[]) {
    const candidates: CandidateRun[] = [];
    activities.forEach((a, i) => {
      const label = a.line ? `line ${a.line}` : activities.length > 1 ? `activity ${i + 1} of ${activities.length}` : null;
      const c = toCandidate(a, this.clock.timezone, label);
      if ("reason" in c) this.skip(file, label ? `${label}: ${c.reason}` : c.reason);
      else candidates.push(c);
    });
    if (candidates.length)
      this.add(await saveImportedRuns(this.actor, this.patientId, this.clock, { name: file, sha256, source }, candidates));
  }

  async handle(r: Received): Promise<void> {
    if (r.kind === "too_large") return this.skip(r.name, `larger than ${sizeText(this.limits.maxFileBytes)} (the limit for one file)`);
    if (r.kind === "zip") return this.zip(r.name, r.file);
    try {
      const kind = fileKind(r.name, (isGzip(r.bytes) ? gunzipLimited(r.bytes) : r.bytes).subarray(0, 512));
      if (kind === "csv") return await this.csv(r.name, r.sha256, r.bytes);
      const { format, activities } = await readActivityFile(r.name, r.bytes);
      await this.save(r.name, r.sha256, format, activities);
    } catch (e) {
      if (e instanceof UnreadableFileError) return this.skip(r.name, e.message);
      throw e;
    }
  }

  private async csv(name: string, sha256: string, bytes: Uint8Array) {
    const text = new TextDecoder().decode(bytes);
    if (!text.trim()) return this.skip(name, "the file is empty");
    const kind = csvKind(csvHeader(text));
    if (kind === "garmin") {
      const { activities, problems } = readGarminCsv(text, this.distanceUnit);
      for (const p of problems) this.skip(name, `line ${p.line}: ${p.reason}`);
      return this.save(name, sha256, "garmin_csv", activities);
    }
    if (kind === "strava")
      return this.skip(name, "a Strava activities.csv: upload the whole Strava export ZIP, which holds it and the activity files");
    if (kind === "app") {
      const { rows, error } = parseRunsCsv(text, this.clock.today);
      if (error) return this.skip(name, error);
      const activities: (ActivitySummary & Partial<CsvActivity>)[] = [];
      for (const row of rows) {
        if (!row.run) this.skip(name, `line ${row.line}: ${row.error}`);
        else
          activities.push({
            line: row.line,
            sport: null,
            running: true,
            startedAt: null,
            date: row.run.date,
            distanceKm: row.run.distanceKm,
            durationSec: row.run.durationSec,
            elevationGainM: null,
            elevationLossM: null,
            avgCadenceSpm: null,
            avgHeartRate: null,
            indoor: row.run.surface === "treadmill",
            surface: row.run.surface,
          });
      }
      return this.save(name, sha256, "csv_import", activities);
    }
    return this.skip(
      name,
      "a CSV this app does not know: a Garmin activities CSV, or the run log's own columns (date, distance, duration, surface)",
    );
  }

  private async zip(name: string, file: string) {
    const isActivity = (p: string) => /\.(fit|gpx|tcx)(\.gz)?$/i.test(p);
    const isCsv = (p: string) => /(^|\/)activities\.csv$/i.test(p);
    let reader;
    try {
      reader = await openZipReader(file, {
        maxFileBytes: this.limits.maxFileBytes,
        maxTotalBytes: 10 * this.limits.maxUploadBytes,
        wanted: (p) => isActivity(p) || isCsv(p),
      });
    } catch (e) {
      if (e instanceof UnreadableFileError) return this.skip(name, e.message);
      throw e;
    }
    try {
      const csvEntry = reader.entries.find((e) => isCsv(e.path));
      const root = csvEntry ? csvEntry.path.slice(0, csvEntry.path.length - "activities.csv".length) : "";
      const rowsByFile = new Map<string, CsvActivity>();
      const csvOnly: CsvActivity[] = [];
      let csvSha = "";
      if (csvEntry) {
        try {
          const bytes = await reader.read(csvEntry.path);
          csvSha = createHash("sha256").update(bytes).digest("hex");
          const { activities, problems } = readStravaCsv(new TextDecoder().decode(bytes));
          for (const p of problems) this.skip(csvEntry.path, `line ${p.line}: ${p.reason}`);
          for (const a of activities) if (a.file) rowsByFile.set(root + a.file, a);
          const inZip = new Set(reader.entries.map((e) => e.path));
          for (const a of activities) if (!a.file || !inZip.has(root + a.file)) csvOnly.push(a);
        } catch (e) {
          if (!(e instanceof UnreadableFileError)) throw e;
          this.skip(csvEntry.path, e.message);
        }
      }
      const source: ImportSourceName | null = csvEntry ? "strava_zip" : null;
      const activityEntries = reader.entries.filter((e) => isActivity(e.path));
      if (!csvEntry && activityEntries.length === 0)
        return this.skip(name, "the ZIP holds no activity file (FIT, GPX or TCX) and no activities.csv");
      for (const entry of activityEntries) {
        this.counts.files++;
        const row = rowsByFile.get(entry.path);
        if (row && !row.running) {
          this.skip(entry.path, `${row.sport}: not a run`);
          continue;
        }
        try {
          const bytes = await reader.read(entry.path);
          const sha256 = createHash("sha256").update(bytes).digest("hex");
          const { format, activities } = await readActivityFile(entry.path, bytes);
          // Strava's own type of the activity is the truth (a run the device called "generic").
          const typed = row
            ? activities.map((a) => {
                const k = runningKind(row.sport);
                const indoor = a.indoor || k.indoor;
                return {
                  ...a,
                  sport: row.sport,
                  running: true,
                  // A treadmill file may carry no distance: Strava's own figures then stand.
                  distanceKm: a.distanceKm > 0 ? a.distanceKm : row.distanceKm,
                  durationSec: a.durationSec ?? row.durationSec,
                  indoor,
                  surface: indoor ? ("treadmill" as const) : (k.surface ?? a.surface),
                };
              })
            : activities;
          await this.save(entry.path, sha256, source ?? format, typed);
        } catch (e) {
          if (!(e instanceof UnreadableFileError)) throw e;
          this.skip(entry.path, e.message);
        }
      }
      if (csvEntry && csvOnly.length) await this.save(csvEntry.path, csvSha, "strava_zip", csvOnly);
    } finally {
      reader.close();
    }
  }
}

/** Reads one file part: in memory up to the per-file limit, a ZIP to a temporary file. */
async function receive(stream: Readable, name: string, limits: UploadLimits, tmp: string, index: number): Promise<Received> {
  const hash = createHash("sha256");
  const chunks: Buffer[] = [];
  let size = 0;
  let zipFile: string | null = null;
  let out: ReturnType<typeof createWriteStream> | null = null;
  let tooLarge = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (
      zipFile === null &&
      out === null &&
      chunks.length === 0 &&
      size === chunk.length &&
      chunk[0] === 0x50 &&
      chunk[1] === 0x4b &&
      chunk[2] === 0x03 &&
      chunk[3] === 0x04
    ) {
      zipFile = path.join(tmp, `upload-${index}.zip`);
      out = createWriteStream(zipFile);
    }
    if (out) {
      if (!out.write(chunk)) await new Promise<void>((r) => out!.once("drain", () => r()));
    } else if (size > limits.maxFileBytes) {
      tooLarge = true;
      chunks.length = 0;
    } else if (!tooLarge) chunks.push(chunk);
  }
  const sha256 = hash.digest("hex");
  if (out) {
    await new Promise<void>((resolve, reject) => out!.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return { name, sha256, kind: "zip", file: zipFile as string };
  }
  if (tooLarge) return { name, sha256, kind: "too_large" };
  return { name, sha256, kind: "bytes", bytes: Buffer.concat(chunks) };
}

/**
 * Imports one multipart upload for a runner. Throws NotFoundError (before
 * reading the body) for an unknown runner or one of another clinic,
 * ValidationError for a body that is not multipart, UploadTooLargeError
 * past the upload limit.
 */
// eslint-disable-next-line max-lines-per-function -- one streaming upload, its states in one place
export async function importUpload(
  actor: Actor,
  patientId: string,
  request: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  limits: UploadLimits = UPLOAD_LIMITS,
): Promise<UploadResult> {
  const clock = await beginRunImport(actor, patientId);
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType) || !request.body)
    throw new ValidationError([{ path: "file", message: 'Send the files as multipart/form-data, each in a field named "file"' }]);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const empty: UploadResult = { imported: 0, duplicates: 0, skipped: [], files: 0 };
  if (Number.isFinite(declared) && declared > limits.maxUploadBytes) throw new UploadTooLargeError(limits.maxUploadBytes, empty);

  const tmp = await mkdtemp(path.join(tmpdir(), "run-import-"));
  // Files are handled one after another. A body cut off at the upload limit leaves the file being read
  // unfinished: its stream is destroyed (so its step of the chain fails and imports nothing), and the files
  // read to their end before it are imported before the answer is given, so the counts it reports are final.
  let chain: Promise<void> = Promise.resolve();
  const reading = new Set<Readable>();
  const importer = new Importer(actor, patientId, clock, limits, tmp);
  let received = 0;
  let overLimit = false;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > limits.maxUploadBytes) {
        overLimit = true;
        return done(new UploadTooLargeError(limits.maxUploadBytes, importer.counts));
      }
      done(null, chunk);
    },
  });
  try {
    const busboy = Busboy({
      headers: { "content-type": contentType },
      limits: { files: MAX_FILES_PER_UPLOAD, fields: 20, fieldSize: 1024, fileSize: limits.maxUploadBytes },
    });
    chain = Promise.resolve();
    let index = 0;
    let filesLimit = false;
    busboy.on("field", (name, value) => {
      if (name === "distanceUnit" && (value === "km" || value === "mi")) importer.distanceUnit = value;
    });
    busboy.on("filesLimit", () => (filesLimit = true));
    busboy.on("file", (field, stream, filename) => {
      const name = displayName(filename);
      if (field !== "file") {
        stream.resume();
        importer.counts.skipped.push({ file: name, reason: `sent in the field "${field}": files go in the field "file"` });
        return;
      }
      importer.counts.files++;
      reading.add(stream);
      stream.once("end", () => reading.delete(stream));
      const got = receive(stream, name, limits, tmp, index++);
      got.catch(() => undefined); // a failed read surfaces through the chain
      chain = chain.then(async () => {
        const r = await got;
        // A ZIP's entries are counted as files; the ZIP itself is not.
        if (r.kind === "zip") importer.counts.files--;
        await importer.handle(r);
        if (r.kind === "zip") await rm(r.file, { force: true });
      });
    });
    await pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>), counter, busboy);
    await chain;
    if (importer.counts.files === 0 && importer.counts.skipped.length === 0)
      throw new ValidationError([{ path: "file", message: 'Send one or more files in fields named "file": the upload has none' }]);
    if (filesLimit)
      importer.counts.skipped.push({ file: "(upload)", reason: `more than ${MAX_FILES_PER_UPLOAD} files: the rest were not read` });
    await recordRunImport(actor, patientId, importer.counts.files, importer.counts);
    return importer.counts;
  } catch (e) {
    chain.catch(() => undefined);
    if (overLimit || e instanceof UploadTooLargeError) {
      for (const stream of reading) stream.destroy(new UploadTooLargeError(limits.maxUploadBytes, importer.counts));
      await chain.catch(() => undefined);
      await recordRunImport(actor, patientId, importer.counts.files, importer.counts).catch(() => undefined);
      throw new UploadTooLargeError(limits.maxUploadBytes, importer.counts);
    }
    if (e instanceof Error && /Unexpected end of (multipart )?form|Unexpected end/i.test(e.message))
      throw new ValidationError([{ path: "file", message: "Send the upload again: it ended before its last file was complete" }]);
    throw e;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
