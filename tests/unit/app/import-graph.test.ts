/**
 * The import graph of app/ and lib/ (and proxy.ts, instrumentation.ts), read
 * with TypeScript's own parser and module resolution:
 *
 * - no import cycle, type-only imports included (a cycle of types is still a
 *   tangle of layers: lib/auth -> lib/data/auth -> lib/data/audit -> lib/auth
 *   was one);
 * - no client module ("use client", and everything it imports for its value)
 *   reaches a module that must never reach the browser: the database, the data
 *   layer, sessions, actions' helpers, mail, password hashing, exports.
 *
 * The ESLint layer rules (eslint.config.mjs) check each import where it is
 * written; this test checks what they cannot: paths through several files.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");
const SOURCES = ["app", "lib", "proxy.ts", "instrumentation.ts"];

/** Modules that must never reach the browser (a path relative to the root, without extension; a trailing "/" is a folder). */
const SERVER_ONLY = [
  "lib/db",
  "lib/data/",
  "lib/auth",
  "lib/actions/define",
  "lib/actions/state",
  "lib/api",
  "lib/mail",
  "lib/passwords",
  "lib/two-factor",
  "lib/runner-token",
  "lib/export/pdf",
  "lib/import/",
  "lib/env",
  "prisma/generated/",
];

type Edge = { to: string; typeOnly: boolean };

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? filesUnder(path.join(entry, d.name))
      : /\.(ts|tsx)$/.test(d.name) && !d.name.endsWith(".d.ts")
        ? [path.join(full, d.name)]
        : [],
  );
}

const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config, ts.sys, ROOT);
const rel = (file: string) => path.relative(ROOT, file).replace(/\\/g, "/");

/** Every import and export-from of a file, with whether it is erased at compile time (type only). */
function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      found.push({ spec: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    }
  }
  // import("...") in code: loaded when it runs, so it counts for the browser check but not as a cycle.
  const edges: Edge[] = [];
  for (const { spec, typeOnly } of found) {
    const resolved = ts.resolveModuleName(spec, file, config.options, ts.sys).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport) continue;
    edges.push({ to: rel(resolved.resolvedFileName), typeOnly });
  }
  return edges;
}

const files = SOURCES.flatMap(filesUnder);
const graph = new Map(files.map((f) => [rel(f), importsOf(f)]));
const isServerOnly = (file: string) => {
  const bare = file.replace(/\.(ts|tsx)$/, "").replace(/\/index$/, "");
  return SERVER_ONLY.some((s) => (s.endsWith("/") ? bare.startsWith(s) : bare === s));
};

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
function cycles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue;
      if (!idx.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (on.has(to)) low.set(v, Math.min(low.get(v)!, idx.get(to)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).some((e) => e.to === v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** The chains by which `clients` reach a server-only module through value imports (type imports are erased). */
function leaksFrom(clients: string[]): string[] {
  const leaks: string[] = [];
  for (const client of clients) {
    const seen = new Map<string, string | null>([[client, null]]);
    const queue = [client];
    while (queue.length) {
      const at = queue.shift()!;
      if (isServerOnly(at)) {
        const chain: string[] = [];
        for (let f: string | null = at; f; f = seen.get(f) ?? null) chain.unshift(f);
        leaks.push(chain.join(" -> "));
        continue;
      }
      for (const e of graph.get(at) ?? []) {
        // A "use server" module reaches the browser as references to its actions, not as code.
        if (e.typeOnly || seen.has(e.to) || (e.to.startsWith("lib/actions/") && !isServerOnly(e.to))) continue;
        seen.set(e.to, at);
        queue.push(e.to);
      }
    }
  }
  return leaks;
}

describe("the import graph", () => {
  it("reads the whole tree", () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get("lib/auth.ts")?.length).toBeGreaterThan(3);
  });

  it("has no import cycle, type-only imports included", () => {
    expect(cycles()).toEqual([]);
  });

  it("finds a cycle when there is one (the check itself works)", () => {
    graph.set("lib/zz-a.ts", [{ to: "lib/zz-b.ts", typeOnly: true }]);
    graph.set("lib/zz-b.ts", [{ to: "lib/zz-a.ts", typeOnly: false }]);
    try {
      expect(cycles()).toContainEqual(["lib/zz-a.ts", "lib/zz-b.ts"]);
    } finally {
      graph.delete("lib/zz-a.ts");
      graph.delete("lib/zz-b.ts");
    }
  });

  it("lets no client module reach a server-only module", () => {
    const clients = [...graph.keys()].filter((f) => /^\s*["']use client["']/.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(clients.length).toBeGreaterThan(10);
    expect(leaksFrom(clients)).toEqual([]);
  });

  it("finds a client module reaching the database through another module (the check itself works)", () => {
    graph.set("app/zz-client.tsx", [
      { to: "lib/format.ts", typeOnly: false },
      { to: "lib/zz-helper.ts", typeOnly: false },
      { to: "lib/data/audit.ts", typeOnly: true },
    ]);
    graph.set("lib/zz-helper.ts", [{ to: "lib/db.ts", typeOnly: false }]);
    try {
      expect(leaksFrom(["app/zz-client.tsx"])).toEqual(["app/zz-client.tsx -> lib/zz-helper.ts -> lib/db.ts"]);
    } finally {
      graph.delete("app/zz-client.tsx");
      graph.delete("lib/zz-helper.ts");
    }
  });
});
