"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Select } from "@/app/_components/ui/field";
import { SmallTable } from "@/app/_components/ui/small-table";
import { plural } from "@/lib/format";

/**
 * Import from the runner's watch or app: drop files (or pick them), they go
 * to POST /api/v1/patients/{id}/runs/import in batches (XHR, so the bytes
 * sent can be shown), with a progress bar and running counts. A ZIP goes in
 * a batch of its own. The server answers per batch; the counts add up.
 */
type Result = { imported: number; duplicates: number; skipped: { file: string; reason: string }[]; files: number };
type Progress = { filesDone: number; filesTotal: number; bytesSent: number; bytesTotal: number; phase: "sending" | "reading" };

const BATCH_FILES = 25;
const BATCH_BYTES = 40 * 1024 * 1024;
const ACCEPT = ".fit,.gpx,.tcx,.gz,.zip,.csv";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
function batches(files: File[]): File[][] {
  const out: File[][] = [];
  let current: File[] = [];
  let size = 0;
  for (const f of files) {
    const alone = /\.zip$/i.test(f.name);
    if (current.length && (alone || current.length >= BATCH_FILES || size + f.size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(f);
    size += f.size;
    if (alone) {
      out.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

function send(
  url: string,
  form: FormData,
  onProgress: (sent: number) => void,
  onSent: () => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.upload.onload = () => onSent();
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(form);
  });
}

// eslint-disable-next-line max-lines-per-function -- one upload with its progress, result and errors
export function FileImport({ patientId }: { patientId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [unit, setUnit] = useState<"km" | "mi">("km");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = progress !== null;

  async function start(list: FileList | File[] | null) {
    const files = [...(list ?? [])];
    if (files.length === 0 || busy) return;
    setError(null);
    setResult(null);
    const total: Result = { imported: 0, duplicates: 0, skipped: [], files: 0 };
    const bytesTotal = files.reduce((s, f) => s + f.size, 0);
    let filesDone = 0;
    let bytesDone = 0;
    setProgress({ filesDone: 0, filesTotal: files.length, bytesSent: 0, bytesTotal, phase: "sending" });
    try {
      for (const batch of batches(files)) {
        const form = new FormData();
        form.append("distanceUnit", unit);
        for (const f of batch) form.append("file", f, f.name);
        const res = await send(
          `/api/v1/patients/${patientId}/runs/import`,
          form,
          (sent) =>
            setProgress(
              (p) =>
                p && {
                  ...p,
                  bytesSent:
                    bytesDone +
                    Math.min(
                      sent,
                      batch.reduce((s, f) => s + f.size, 0),
                    ),
                  phase: "sending",
                },
            ),
          () => setProgress((p) => p && { ...p, phase: "reading" }),
        );
        const body = res.body as (Partial<Result> & { message?: string }) | null;
        if (res.status !== 200 && res.status !== 413) throw new Error(body?.message ?? `the server answered ${res.status}`);
        total.imported += body?.imported ?? 0;
        total.duplicates += body?.duplicates ?? 0;
        total.skipped.push(...(body?.skipped ?? []));
        total.files += body?.files ?? 0;
        if (res.status === 413) total.skipped.push({ file: batch.map((f) => f.name).join(", "), reason: body?.message ?? "too large" });
        filesDone += batch.length;
        bytesDone += batch.reduce((s, f) => s + f.size, 0);
        setResult({ ...total, skipped: [...total.skipped] });
        setProgress((p) => p && { ...p, filesDone, bytesSent: bytesDone });
      }
    } catch (e) {
      setError(
        (e as Error).message === "network"
          ? "The server could not be reached. The files sent before this are imported; choose the rest again to continue (duplicates are recognised)."
          : `Import stopped: ${(e as Error).message}. The files sent before this are imported.`,
      );
    } finally {
      setProgress(null);
      if (input.current) input.current.value = "";
      router.refresh();
    }
  }

  const pct = progress ? Math.round((progress.bytesTotal ? progress.bytesSent / progress.bytesTotal : 1) * 100) : 0;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        FIT, GPX or TCX files from the runner&apos;s watch or app (plain or .gz), a Strava bulk export (the whole ZIP) or a Garmin Connect
        activities CSV; many at once. Only runs are kept, without their GPS track. Runs already in the log are recognised and not added
        twice.
      </p>
      <div
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void start(e.dataTransfer.files);
        }}
        className={`flex flex-wrap items-center gap-3 rounded-md border-2 border-dashed px-4 py-5 ${over ? "border-sky-600 bg-sky-50" : "border-slate-300 bg-slate-50"}`}
      >
        <label htmlFor="run-files" className="text-sm text-slate-800">
          Drop files here, or <span className="font-medium">choose files</span>:
        </label>
        <input
          ref={input}
          id="run-files"
          type="file"
          multiple
          accept={ACCEPT}
          disabled={busy}
          className="text-sm"
          onChange={(e) => void start(e.target.files)}
        />
        <div className="flex items-center gap-2">
          <label htmlFor="garmin-unit" className="text-sm text-slate-800">
            Garmin CSV distances in
          </label>
          <Select id="garmin-unit" value={unit} onChange={(e) => setUnit(e.target.value as "km" | "mi")} className="w-28" disabled={busy}>
            <option value="km">km</option>
            <option value="mi">miles</option>
          </Select>
        </div>
      </div>

      {progress ? (
        <div className="space-y-1" data-testid="import-progress">
          <div
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct}%: ${progress.filesDone} of ${plural(progress.filesTotal, "file")} imported`}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-sky-700 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-sm text-slate-800" aria-live="polite">
            {progress.phase === "sending" ? "Sending" : "Reading"}: {progress.filesDone.toLocaleString("en-GB")} of{" "}
            {plural(progress.filesTotal, "file")} done · {mb(progress.bytesSent)} of {mb(progress.bytesTotal)} sent
            {result
              ? ` · ${plural(result.imported, "run")} imported, ${plural(result.duplicates, "duplicate")}, ${result.skipped.length} skipped`
              : ""}
          </p>
        </div>
      ) : null}

      {error ? (
        <Alert tone="error" title="Import interrupted">
          {error}
        </Alert>
      ) : null}

      {result && !progress ? (
        <div className="space-y-2" data-testid="import-result">
          <Alert tone={result.imported > 0 ? "success" : "info"} title="Import finished">
            {plural(result.imported, "run")} imported, {plural(result.duplicates, "duplicate")} already in the log,{" "}
            {plural(result.skipped.length, "file or activity", "files or activities")} skipped.
          </Alert>
          {result.skipped.length ? (
            <SmallTable caption="Skipped, with the reason" showCaption size="sm" columns={["File", "Reason"]} testId="import-skipped">
              {result.skipped.map((s, i) => (
                <tr key={i} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-2 font-mono text-xs [overflow-wrap:anywhere]">{s.file}</td>
                  <td className="py-1">{s.reason}</td>
                </tr>
              ))}
            </SmallTable>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
