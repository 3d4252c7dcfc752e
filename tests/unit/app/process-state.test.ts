/**
 * App servers keep no state of their own (docs/scale-out.md, "What the app
 * servers share, and what they must not keep"): sessions, lockout counters,
 * rate limits and records live in PostgreSQL, so any server behind the
 * balancer can answer any request. This test reads every server-side module
 * (lib/, app/ without 'use client' files, proxy.ts, instrumentation.ts) and
 * lists each module-level place made to hold something across requests: a
 * `let` or `var`, a `const` made as an empty Map, Set, WeakMap or WeakSet (a
 * cache, filled later) that is not declared read-only, and a variable of `globalThis`. (Constant literals,
 * and sets made from a list are tables of the product's vocabulary, not state.) Each must be on the list below, with what
 * it holds; a new one (a per-user cache, an in-memory counter or queue)
 * fails here until it is moved to PostgreSQL or shown to hold only
 * configuration or values derived from it, and listed (and in the table of
 * docs/scale-out.md).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");

/** Module-level state that holds no request's or user's data, by `file: name`. */
const ALLOWED: Record<string, string> = {
  "lib/db.ts: prisma": "the Prisma client and its connection pool (globalThis, one per process)",
  "lib/env.ts: cached": "the validated environment",
  "lib/passwords.ts: dummyHash": "a hash of a random password, checked when an e-mail is unknown",
  "lib/session-token.ts: KEYS": "keys derived from NEXTAUTH_SECRET",
  "lib/format.ts: FORMATS": "Intl date formats by locale, zone and options",
  "lib/clinical/facts.ts: SPLIT_PATHS": "question paths split at their dot",
  "lib/export/pdf.ts: fontCache": "the DejaVu font files",
  "lib/instruments/load.ts: cached": "the instrument definitions of INSTRUMENTS_DIR, read once",
  "lib/peer-address.ts: installed": "whether the X-Forwarded-For rewrite is installed",
  "app/_components/charts/draw-queue.ts: running": "the browser's chart drawing queue (runs in the browser only: it uses window)",
};

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const p = `${dir}/${name}`;
    if (statSync(path.join(ROOT, p)).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

const READ_ONLY_TYPE = /^(Readonly|ReadonlyMap|ReadonlySet|ReadonlyArray|readonly )/;
const MUTABLE_MADE = /^new (Map|Set|WeakMap|WeakSet)\b(<[^(]*>)?\(\s*\)$/;

/** `file: name` of each module-level variable of a server module that could keep state between requests. */
function processState(file: string, text = readFileSync(path.join(ROOT, file), "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const first = source.statements[0];
  if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client") return [];
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of statement.declarationList.declarations) {
        const name = d.name.getText(source);
        const init = d.initializer?.getText(source) ?? "";
        const type = d.type?.getText(source) ?? "";
        if (!isConst || (MUTABLE_MADE.test(init) && !READ_ONLY_TYPE.test(type))) found.push(`${file}: ${name}`);
      }
    }
    // `globalThis.x ??= …` and `declare global { var x }`: process-wide state.
    if (ts.isModuleDeclaration(statement) && statement.name.getText(source) === "global")
      for (const m of statement.body && ts.isModuleBlock(statement.body) ? statement.body.statements : [])
        if (ts.isVariableStatement(m)) for (const d of m.declarationList.declarations) found.push(`${file}: ${d.name.getText(source)}`);
  }
  return found;
}

it("keeps no state in process memory beyond configuration and values derived from it", () => {
  const modules = [...files("lib"), ...files("app"), "proxy.ts", "instrumentation.ts"];
  const found = modules.flatMap((file) => processState(file));
  expect(found.filter((f) => !(f in ALLOWED))).toEqual([]);
  // The list stays exact: an entry whose variable is gone is removed.
  expect(Object.keys(ALLOWED).filter((a) => !found.includes(a))).toEqual([]);
});

it("finds a module-level cache, counter or global, and leaves constants, read-only tables and client modules alone", () => {
  const code = [
    "const attempts = new Map<string, number>();",
    "let lastSeen: Date | undefined;",
    "declare global { var sessions: Set<string> | undefined }",
    "const CODES = new Set(['a', 'b']);",
    "const QUESTIONS: ReadonlyMap<string, number> = new Map();",
    "const LABELS = { a: 'A' };",
  ].join("\n");
  expect(processState("lib/x.ts", code)).toEqual(["lib/x.ts: attempts", "lib/x.ts: lastSeen", "lib/x.ts: sessions"]);
  expect(processState("app/x.tsx", `"use client";\n${code}`)).toEqual([]);
});
