/**
 * One PGlite session shared safely by many wire-protocol connections.
 *
 * PGlite is a single PostgreSQL backend: every client connection served by
 * @electric-sql/pglite-socket talks to the same session. pglite-socket 0.2.17
 * queues messages one at a time and only keeps other connections out during an
 * explicit BEGIN..COMMIT. That is not enough for the extended query protocol
 * (Parse/Bind/Execute/Sync, used by pg for every parameterised query and thus
 * by Prisma): when a large Bind arrives in several TCP chunks, another
 * connection's Parse can slip in between and the first client silently runs
 * the second client's SQL with its own parameters (reproduced with 500 kB
 * parameters and 10 pooled connections).
 *
 * This queue replaces pglite-socket's: a connection that sends a message owns
 * the session until the backend answers ReadyForQuery with status 'I' (idle),
 * i.e. after its Sync or simple Query has completed outside any transaction.
 * Messages of other connections wait in arrival order. A connection that goes
 * away while owning the session gets a Sync and a ROLLBACK, so it cannot leave
 * the session stuck in its transaction.
 *
 * It implements the three methods PGLiteSocketHandler calls on its queue.
 */
import type { PGlite } from "@electric-sql/pglite";

type Task = {
  handlerId: number;
  run: () => Promise<number>;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
};

const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);
const ROLLBACK = simpleQuery("ROLLBACK");

function simpleQuery(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`, "utf8");
  const message = Buffer.alloc(5 + body.length, "Q");
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return new Uint8Array(message);
}

/** Status byte of the last ReadyForQuery in a backend response, if any ('I', 'T' or 'E'). */
export function readyForQueryStatus(out: Uint8Array): string | null {
  let status: string | null = null;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let at = 0; at + 5 <= out.length;) {
    const length = view.getInt32(at + 1);
    if (length < 4) break; // not a well-formed message: stop rather than loop
    if (out[at] === 0x5a && length === 5 && at + 6 <= out.length) status = String.fromCharCode(out[at + 5]!);
    at += 1 + length;
  }
  return status;
}

export class SessionQueue {
  private tasks: Task[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  /** Runs one client message on the session, in order, and streams the response to onData. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return this.push(handlerId, async () => {
      const out = await this.db.runExclusive(() => this.db.execProtocolRaw(message));
      this.owner = readyForQueryStatus(out) === "I" ? null : handlerId;
      if (out.length > 0) onData(out);
      return out.length;
    });
  }

  /** Drops messages still queued for a connection that went away. */
  clearQueueForHandler(handlerId: number): void {
    const mine = this.tasks.filter((t) => t.handlerId === handlerId);
    this.tasks = this.tasks.filter((t) => t.handlerId !== handlerId);
    for (const t of mine) t.reject(new Error("connection closed"));
  }

  /** Ends whatever a departed connection left open on the session, then lets the others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.push(handlerId, async () => {
      // db.exec() would deadlock inside runExclusive: speak the protocol instead.
      await this.db.runExclusive(async () => {
        await this.db.execProtocolRaw(SYNC);
        if (this.db.isInTransaction()) await this.db.execProtocolRaw(ROLLBACK);
      });
      this.owner = null;
      return 0;
    });
  }

  /** Resolves once nothing is queued or running (used before closing the database). */
  async drain(): Promise<void> {
    while (this.running || this.tasks.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private push(handlerId: number, run: () => Promise<number>): Promise<number> {
    return new Promise((resolve, reject) => {
      this.tasks.push({ handlerId, run, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.tasks.findIndex((t) => t.handlerId === this.owner);
        const task = index >= 0 ? this.tasks.splice(index, 1)[0] : undefined;
        if (!task) break;
        try {
          task.resolve(await task.run());
        } catch (error) {
          task.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } finally {
      this.running = false;
    }
  }
}
