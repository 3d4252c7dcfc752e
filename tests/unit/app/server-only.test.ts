/**
 * `import "server-only"` marks every module that must never reach the
 * browser: Next's bundler then refuses it in a client component at build
 * time (tests/unit/app/import-graph.test.ts checks the same through any chain
 * of imports). Outside Next the marker has no package: a tsx script that
 * loads one of these modules imports scripts/server-only.cjs first, which
 * resolves it to Next's empty module, as jest maps it.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");
const rel = (file: string) => path.relative(ROOT, file).replace(/\\/g, "/");

function tsFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const p = `${dir}/${name}`;
    if (statSync(path.join(ROOT, p)).isDirectory()) return tsFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

/** The server's entry points, the database and the whole data layer. */
const MUST_BE_MARKED = ["lib/auth.ts", "lib/api.ts", "lib/actions/define.ts", "lib/actions/state.ts", "lib/db.ts", ...tsFiles("lib/data")];
const MARK = /^import "server-only";$/m;
const SHIM = /^import "(\.\.\/)*(scripts\/|\.\/)?server-only\.cjs";$/m;

const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config, ts.sys, ROOT);
const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The specifiers a file loads when it runs: static imports and re-exports (not `import type`), and dynamic import(). */
function loadedSpecifiers(file: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !node.importClause?.isTypeOnly)
      found.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly)
      found.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source(file), ts.ScriptTarget.Latest, true));
  return found;
}

/** Every module of ours a file loads. */
function importsOf(file: string): string[] {
  return loadedSpecifiers(file).flatMap((spec) => {
    const r = ts.resolveModuleName(spec, path.join(ROOT, file), config.options, ts.sys).resolvedModule;
    return r && !r.isExternalLibraryImport && /\.tsx?$/.test(r.resolvedFileName) ? [rel(r.resolvedFileName)] : [];
  });
}

const reach = new Map<string, boolean>();
/** Whether loading a file loads a module marked server-only. */
function reachesMarked(file: string, path: Set<string> = new Set()): boolean {
  const known = reach.get(file);
  if (known !== undefined) return known;
  if (path.has(file)) return false;
  path.add(file);
  const found = MARK.test(source(file)) || importsOf(file).some((dep) => reachesMarked(dep, path));
  path.delete(file);
  reach.set(file, found);
  return found;
}

describe('import "server-only"', () => {
  it("finds the data layer it checks (guards the test itself)", () => {
    expect(MUST_BE_MARKED.length).toBeGreaterThan(25);
    expect(MUST_BE_MARKED).toContain("lib/data/patients.ts");
  });

  it("marks the server's entry points, lib/db and every lib/data module", () => {
    expect(MUST_BE_MARKED.filter((file) => !MARK.test(source(file)))).toEqual([]);
  });

  it("every script that loads a marked module of the app imports scripts/server-only.cjs first", () => {
    const scripts = [...tsFiles("scripts"), "prisma/seed.ts"];
    // A script imported by another checks itself: each imports the shim where it loads the app's modules.
    const loading = scripts.filter((file) => importsOf(file).some((dep) => !scripts.includes(dep) && reachesMarked(dep)));
    expect(loading.length).toBeGreaterThan(2);
    const missing = loading.filter((file) => {
      const first = source(file).match(/^import [^;]*;$/m)?.[0] ?? "";
      return !SHIM.test(first);
    });
    expect(missing).toEqual([]);
  });
});
