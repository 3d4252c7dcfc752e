/**
 * COPY ... FROM STDIN for node-postgres without an extra package: a small
 * "submittable" (the interface pg-cursor and pg-copy-streams use) that sends
 * the COPY statement, then CopyData messages with back-pressure, then
 * CopyDone. Rows are written in COPY's text format (see `copyValue`).
 *
 * Used by scripts/synth/generate.ts; not part of the app.
 */
import { once } from "node:events";
import type pg from "pg";

/** The parts of pg's (untyped) Connection that COPY needs. */
type PgConnection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableLength: number };
};

class CopyFromQuery {
  private connection: PgConnection | undefined;
  private rowCount = 0;
  private failure: Error | undefined;
  readonly ready: Promise<void>;
  readonly done: Promise<number>;
  private resolveReady!: () => void;
  private rejectReady!: (e: Error) => void;
  private resolveDone!: (n: number) => void;
  private rejectDone!: (e: Error) => void;

  constructor(readonly text: string) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // A failure is reported through whichever promise the caller awaits next.
    this.ready.catch(() => {});
    this.done.catch(() => {});
  }

  // --- pg's submittable interface ---------------------------------------
  submit(connection: PgConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }
  handleCopyInResponse(): void {
    this.resolveReady();
  }
  handleCommandComplete(msg: { text?: string }): void {
    const m = /^COPY (\d+)/.exec(msg.text ?? "");
    if (m) this.rowCount = Number(m[1]);
  }
  handleReadyForQuery(): void {
    if (this.failure) this.rejectDone(this.failure);
    else this.resolveDone(this.rowCount);
  }
  handleError(error: Error): void {
    this.failure = error;
    this.rejectReady(error);
    this.rejectDone(error);
  }
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  // --- used by CopyWriter -------------------------------------------------
  get conn(): PgConnection {
    if (!this.connection) throw new Error("COPY was not started");
    return this.connection;
  }
  get error(): Error | undefined {
    return this.failure;
  }
}

/**
 * Buffers COPY text and sends it in chunks of about 256 kB. Up to 16 MB may
 * wait in the socket's buffer, so the caller can prepare the next rows while
 * PostgreSQL is still reading the previous ones.
 */
const HIGH_WATER = 16 * 1024 * 1024;

export class CopyWriter {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(private readonly q: CopyFromQuery) {}

  /** One row: values already formatted by `copyValue`. */
  async row(values: string[]): Promise<void> {
    const line = values.join("\t") + "\n";
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= 256 * 1024) await this.flush();
  }

  /** Many rows at once, already in COPY text format (each ending with a newline). */
  async text(chunk: string, rows: number): Promise<void> {
    await this.flush();
    const bytes = Buffer.from(chunk, "utf8");
    const conn = this.q.conn;
    for (let at = 0; at < bytes.length; at += 1024 * 1024) {
      if (this.q.error) throw this.q.error;
      conn.sendCopyFromChunk(bytes.subarray(at, Math.min(bytes.length, at + 1024 * 1024)));
      while (conn.stream.writableLength > HIGH_WATER) await once(conn.stream, "drain");
    }
    this.rows += rows;
  }

  async flush(): Promise<void> {
    if (this.q.error) throw this.q.error;
    if (this.size === 0) return;
    const conn = this.q.conn;
    conn.sendCopyFromChunk(Buffer.from(this.buffer.join(""), "utf8"));
    this.buffer = [];
    this.size = 0;
    while (conn.stream.writableLength > HIGH_WATER) await once(conn.stream, "drain");
  }

  /** Ends the COPY; resolves with the number of rows PostgreSQL stored. */
  async end(): Promise<number> {
    await this.flush();
    this.q.conn.endCopyFrom();
    return this.q.done;
  }

  /** Aborts the COPY (nothing of it is stored). */
  fail(message: string): void {
    try {
      this.q.conn.sendCopyFail(message);
    } catch {
      // connection already gone
    }
  }
}

/** Starts `COPY table (cols) FROM STDIN` on a dedicated client (`schema.table` for a table outside the app's schema). */
export async function copyFrom(client: pg.Client, table: string, columns: readonly string[]): Promise<CopyWriter> {
  const name = table
    .split(".")
    .map((part) => `"${part}"`)
    .join(".");
  const q = new CopyFromQuery(`COPY ${name} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`);
  void client.query(q as unknown as pg.QueryConfig);
  await q.ready;
  return new CopyWriter(q);
}

/** A value in COPY text format: \N for null, backslash escapes for \, tab, newline and carriage return. */
export function copyValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "t" : "f";
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : v;
}

/** A JSON value for a jsonb column (JSON text never holds a raw tab or line break: only backslashes need doubling). */
export function copyJson(v: unknown): string {
  if (v === undefined || v === null) return "\\N";
  const s = JSON.stringify(v);
  return s.includes("\\") ? s.replaceAll("\\", "\\\\") : s;
}
