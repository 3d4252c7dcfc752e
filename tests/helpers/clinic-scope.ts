/**
 * The premise of docs/scale-out.md, checked on real statements: every
 * statement the app sends filters each clinic-owned table it reads or changes
 * by the clinic (the table's `clinicId`, or `Clinic.id`), so that a
 * distributed PostgreSQL (Citus, distribution column = clinic id) can route
 * it to one shard. The only exceptions are the global look-ups listed in
 * GLOBAL_LOOKUPS (and in docs/scale-out.md): rows found by a key that has no
 * clinic yet (an e-mail at sign-in, a session id from the cookie).
 *
 * Statements are parsed by PostgreSQL's own parser (libpg-query) and checked
 * like Citus's router planner would: within each SELECT / UPDATE / DELETE,
 * the equalities of its WHERE and JOIN conditions (the AND-ed ones only)
 * join clinic keys into groups; a table reference is routed when its group
 * holds a constant or parameter (`"clinicId" = $1`, `IN ($1)`, `= ANY($1)`)
 * or a global look-up. Joins on the clinic key (`p."clinicId" = e."clinicId"`),
 * CTEs and sub-queries that return the clinic key, and correlated sub-queries
 * carry the routing from one table to the next. INSERTs must name the clinic
 * column. Tables without a clinic column (SignInThrottle, the migrations
 * table) are not checked.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadModule, parseSync } from "libpg-query";
import pg from "pg";

/** A table of the schema: its columns, and its clinic key when it belongs to a clinic. */
export type TableInfo = { columns: ReadonlySet<string>; clinicKey: string | null };
export type Schema = ReadonlyMap<string, TableInfo>;

/** Rows found by a key that names no clinic: the only reads allowed without one (docs/scale-out.md). */
export type GlobalLookup = { table: string; column: string; why: string };

export const GLOBAL_LOOKUPS: readonly GlobalLookup[] = [
  { table: "User", column: "email", why: "sign-in: the account is found by its e-mail before its clinic is known" },
  { table: "Session", column: "id", why: "every request: the session id in the cookie finds the session, its user and clinic" },
];

export type Finding = { table: string; alias: string; problem: string };
export type StatementCheck = { ok: boolean; findings: Finding[]; lookups: string[] };

type AstNode = Record<string, unknown>;

const CONST = 0;
const GLOBAL = 1;

/** Union-find over clinic keys; node 0 is "a constant or parameter", node 1 "a global look-up". */
class Groups {
  private parent: number[] = [CONST, GLOBAL];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(n: number): number {
    while (this.parent[n] !== n) n = this.parent[n] = this.parent[this.parent[n]!]!;
    return n;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // Keep CONST and GLOBAL as roots so that a group's root says how it is routed.
    if (rb <= GLOBAL) this.parent[ra] = rb;
    else this.parent[rb] = ra;
  }
}

/** A relation in a FROM list: a table of the schema, or a CTE / sub-query with the clinic keys it returns. */
type Rel =
  | { kind: "table"; table: string; alias: string; info: TableInfo | undefined; node: number }
  | { kind: "derived"; alias: string; columns: Map<string, number> };

class Scope {
  readonly rels = new Map<string, Rel>();
  constructor(readonly parent: Scope | undefined) {}
}

/** A term of an equality: a clinic key (a group node), a constant, a global look-up key, or nothing of interest. */
type Term = { kind: "node"; node: number } | { kind: "const" } | { kind: "lookup"; rel: Rel & { kind: "table" }; column: string } | null;

function child(node: unknown, key: string): AstNode | undefined {
  const value = (node as AstNode | undefined)?.[key];
  return value && typeof value === "object" ? (value as AstNode) : undefined;
}

function list(node: unknown, key: string): AstNode[] {
  const value = (node as AstNode | undefined)?.[key];
  return Array.isArray(value) ? (value as AstNode[]) : [];
}

function str(node: AstNode | undefined): string | undefined {
  const s = child(node, "String");
  return typeof s?.sval === "string" ? s.sval : undefined;
}

class Analyzer {
  readonly groups = new Groups();
  /** Every clinic-owned table reference that must be routed. */
  readonly checked: (Rel & { kind: "table" })[] = [];
  readonly findings: Finding[] = [];
  readonly lookups = new Set<string>();

  constructor(
    private readonly schema: Schema,
    private readonly globalLookups: readonly GlobalLookup[],
  ) {}

  // ------------------------------------------------------------ statements

  /** Any statement; returns the clinic keys it outputs (SELECT list or RETURNING), by column name. */
  statement(wrapped: AstNode, outer: Scope | undefined, ctes: Map<string, Map<string, number>>): Map<string, number> {
    const [kind, stmt] = Object.entries(wrapped)[0] ?? [];
    if (!kind || !stmt || typeof stmt !== "object") return new Map();
    const node = stmt as AstNode;
    switch (kind) {
      case "SelectStmt":
        return this.select(node, outer, ctes);
      case "UpdateStmt":
      case "DeleteStmt":
        return this.modify(kind, node, outer, ctes);
      case "InsertStmt":
        return this.insert(node, outer, ctes);
      default:
        // BEGIN, COMMIT, SET, SAVEPOINT, ...: nothing is read.
        return new Map();
    }
  }

  private withCtes(node: AstNode, outer: Scope | undefined, ctes: Map<string, Map<string, number>>) {
    const own = new Map(ctes);
    for (const c of list(child(node, "withClause"), "ctes")) {
      const cte = child(c, "CommonTableExpr");
      const name = cte?.ctename;
      const query = child(cte, "ctequery");
      if (typeof name === "string" && query) own.set(name, this.statement(query, outer, own));
    }
    return own;
  }

  private select(node: AstNode, outer: Scope | undefined, inherited: Map<string, Map<string, number>>): Map<string, number> {
    const ctes = this.withCtes(node, outer, inherited);
    const larg = child(node, "larg");
    const rarg = child(node, "rarg");
    if (larg || rarg) {
      // UNION / INTERSECT / EXCEPT: each side on its own; the output is the left side's.
      const left = larg ? this.select(larg, outer, ctes) : new Map<string, number>();
      if (rarg) this.select(rarg, outer, ctes);
      return left;
    }
    const scope = new Scope(outer);
    const quals: AstNode[] = [];
    for (const item of list(node, "fromClause")) this.from(item, scope, ctes, quals);
    const where = child(node, "whereClause");
    if (where) quals.push(where);
    for (const q of quals) this.condition(q, scope, ctes);
    for (const key of ["targetList", "groupClause", "sortClause", "valuesLists"]) this.subqueriesIn(list(node, key), scope, ctes);
    const having = child(node, "havingClause");
    if (having) this.subqueriesIn([having], scope, ctes);
    return this.outputs(list(node, "targetList"), scope);
  }

  private modify(kind: string, node: AstNode, outer: Scope | undefined, inherited: Map<string, Map<string, number>>) {
    const ctes = this.withCtes(node, outer, inherited);
    const scope = new Scope(outer);
    const quals: AstNode[] = [];
    const relation = child(node, "relation");
    if (relation) this.from({ RangeVar: relation }, scope, ctes, quals);
    for (const item of list(node, kind === "UpdateStmt" ? "fromClause" : "usingClause")) this.from(item, scope, ctes, quals);
    const where = child(node, "whereClause");
    if (where) quals.push(where);
    for (const q of quals) this.condition(q, scope, ctes);
    this.subqueriesIn(list(node, "targetList"), scope, ctes);
    this.subqueriesIn(list(node, "returningList"), scope, ctes);
    return this.outputs(list(node, "returningList"), scope);
  }

  private insert(node: AstNode, outer: Scope | undefined, inherited: Map<string, Map<string, number>>) {
    const ctes = this.withCtes(node, outer, inherited);
    const relation = child(node, "relation");
    const table = typeof relation?.relname === "string" ? relation.relname : "";
    const info = this.schema.get(table);
    const columns = list(node, "cols").map((c) => child(c, "ResTarget")?.name);
    const source = child(node, "selectStmt");
    if (source) this.statement(source, outer, ctes);
    const scope = new Scope(outer);
    const alias = typeof child(relation, "alias")?.aliasname === "string" ? (child(relation, "alias")!.aliasname as string) : table;
    const rel: Rel = { kind: "table", table, alias, info, node: this.groups.add() };
    scope.rels.set(alias, rel);
    if (info?.clinicKey) {
      // Each inserted row goes to its clinic's shard: the clinic column must be given.
      if (columns.includes(info.clinicKey)) this.groups.union(rel.node, CONST);
      else this.findings.push({ table, alias, problem: `INSERT without its "${info.clinicKey}" column` });
    }
    const conflict = child(node, "onConflictClause");
    if (conflict) {
      this.subqueriesIn(list(conflict, "targetList"), scope, ctes);
      const where = child(conflict, "whereClause");
      if (where) this.subqueriesIn([where], scope, ctes);
    }
    this.subqueriesIn(list(node, "returningList"), scope, ctes);
    return this.outputs(list(node, "returningList"), scope);
  }

  // ------------------------------------------------------------ FROM

  private from(item: AstNode, scope: Scope, ctes: Map<string, Map<string, number>>, quals: AstNode[]): void {
    const rangeVar = child(item, "RangeVar");
    if (rangeVar) {
      const name = String(rangeVar.relname ?? "");
      const aliasName = child(rangeVar, "alias")?.aliasname;
      const alias = typeof aliasName === "string" ? aliasName : name;
      const cte = rangeVar.schemaname ? undefined : ctes.get(name);
      if (cte) {
        scope.rels.set(alias, { kind: "derived", alias, columns: new Map(cte) });
        return;
      }
      const info = this.schema.get(name);
      const rel: Rel = { kind: "table", table: name, alias, info, node: this.groups.add() };
      scope.rels.set(alias, rel);
      if (info?.clinicKey) this.checked.push(rel);
      return;
    }
    const join = child(item, "JoinExpr");
    if (join) {
      for (const side of ["larg", "rarg"]) {
        const s = child(join, side);
        if (s) this.from(s, scope, ctes, quals);
      }
      const on = child(join, "quals");
      if (on) quals.push(on);
      return;
    }
    const sub = child(item, "RangeSubselect");
    if (sub) {
      const query = child(sub, "subquery");
      const aliasName = child(sub, "alias")?.aliasname;
      // LATERAL sub-queries see the relations before them.
      const columns = query ? this.statement(query, sub.lateral ? scope : scope.parent, ctes) : new Map<string, number>();
      if (typeof aliasName === "string") scope.rels.set(aliasName, { kind: "derived", alias: aliasName, columns });
      return;
    }
    // Functions in FROM (unnest, generate_series): read no table.
    this.subqueriesIn([item], scope, ctes);
  }

  // ------------------------------------------------------------ conditions

  /** The AND-ed conditions of a WHERE or ON: equalities join groups; anything else is searched for sub-queries. */
  private condition(expr: AstNode, scope: Scope, ctes: Map<string, Map<string, number>>): void {
    const bool = child(expr, "BoolExpr");
    if (bool?.boolop === "AND_EXPR") {
      for (const arg of list(bool, "args")) this.condition(arg, scope, ctes);
      return;
    }
    const a = child(expr, "A_Expr");
    if (a) this.equality(a, scope);
    const subLink = child(expr, "SubLink");
    if (subLink && subLink.subLinkType === "ANY_SUBLINK") this.inSubquery(subLink, scope, ctes);
    else this.subqueriesIn([expr], scope, ctes);
  }

  private equality(a: AstNode, scope: Scope): void {
    const op = str(list(a, "name")[0]);
    const kind = a.kind;
    const left = child(a, "lexpr");
    const right = child(a, "rexpr");
    if (!left || !right) return;
    if (kind === "AEXPR_OP" && op === "=") {
      const lRow = list(child(left, "RowExpr"), "args");
      const rRow = list(child(right, "RowExpr"), "args");
      if (lRow.length && lRow.length === rRow.length) {
        lRow.forEach((l, i) => this.join(this.term(l, scope), this.term(rRow[i]!, scope)));
        return;
      }
      this.join(this.term(left, scope), this.term(right, scope));
    } else if (kind === "AEXPR_IN" && op === "=") {
      const items = list(right, "List").length ? list(right, "List") : list(child(right, "List"), "items");
      if (items.length > 0 && items.every((i) => this.term(i, scope)?.kind === "const"))
        this.join(this.term(left, scope), { kind: "const" });
    } else if (kind === "AEXPR_OP_ANY" && op === "=") {
      if (this.term(right, scope)?.kind === "const") this.join(this.term(left, scope), { kind: "const" });
    }
  }

  /** `(a, b) IN (SELECT x, y ...)`: the sub-query's outputs join the left side's terms by position. */
  private inSubquery(subLink: AstNode, scope: Scope, ctes: Map<string, Map<string, number>>): void {
    const query = child(subLink, "subselect");
    if (!query) return;
    const select = child(query, "SelectStmt");
    const outputs = this.statement(query, scope, ctes);
    const test = child(subLink, "testexpr");
    const lefts = child(test, "RowExpr") ? list(child(test, "RowExpr"), "args") : test ? [test] : [];
    const targets = list(select, "targetList");
    lefts.forEach((l, i) => {
      const target = child(targets[i], "ResTarget");
      const name = (typeof target?.name === "string" ? target.name : undefined) ?? lastField(child(target, "val"));
      const node = name !== undefined ? outputs.get(name) : undefined;
      if (node !== undefined) this.join(this.term(l, scope), { kind: "node", node });
    });
  }

  private join(a: Term, b: Term): void {
    if (!a || !b) return;
    const nodeOf = (t: NonNullable<Term>): number | undefined => {
      if (t.kind === "node") return t.node;
      if (t.kind === "const") return CONST;
      return undefined;
    };
    // A global look-up key compared with a constant routes the row by that key (no clinic needed).
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (x.kind === "lookup" && y.kind === "const") {
        this.groups.union(x.rel.node, GLOBAL);
        this.lookups.add(`${x.rel.table}.${x.column}`);
        return;
      }
    }
    const na = nodeOf(a);
    const nb = nodeOf(b);
    if (na !== undefined && nb !== undefined) this.groups.union(na, nb);
  }

  /** What an expression is, for routing: a clinic key, a constant / parameter, a global look-up key, or nothing. */
  private term(expr: AstNode, scope: Scope): Term {
    const cast = child(expr, "TypeCast");
    if (cast) return this.term(child(cast, "arg") ?? {}, scope);
    if (child(expr, "ParamRef") || child(expr, "A_Const")) return { kind: "const" };
    const ref = child(expr, "ColumnRef");
    if (!ref) return null;
    const fields = list(ref, "fields").map(str);
    if (fields.some((f) => f === undefined)) return null;
    const column = fields[fields.length - 1]!;
    const qualifier = fields.length >= 2 ? fields[fields.length - 2] : undefined;
    const rel = qualifier ? findRel(scope, qualifier) : findByColumn(scope, column);
    if (!rel) return null;
    if (rel.kind === "derived") {
      const node = rel.columns.get(column);
      return node === undefined ? null : { kind: "node", node };
    }
    if (rel.info?.clinicKey === column) return { kind: "node", node: rel.node };
    if (this.globalLookups.some((g) => g.table === rel.table && g.column === column)) return { kind: "lookup", rel, column };
    return null;
  }

  // ------------------------------------------------------------ sub-queries and outputs

  /** Every sub-query inside these expressions, analysed with `scope` as its outer scope (correlation). */
  private subqueriesIn(nodes: unknown[], scope: Scope, ctes: Map<string, Map<string, number>>): void {
    const visit = (n: unknown): void => {
      if (!n || typeof n !== "object") return;
      if (Array.isArray(n)) return n.forEach(visit);
      const obj = n as AstNode;
      const subLink = child(obj, "SubLink");
      if (subLink) {
        const query = child(subLink, "subselect");
        if (query) this.statement(query, scope, ctes);
        visit(child(subLink, "testexpr"));
        return;
      }
      for (const value of Object.values(obj)) visit(value);
    };
    visit(nodes);
  }

  /** The clinic keys a SELECT list or RETURNING list hands on, by output name. */
  private outputs(targets: AstNode[], scope: Scope): Map<string, number> {
    const out = new Map<string, number>();
    for (const t of targets) {
      const target = child(t, "ResTarget");
      const val = child(target, "val");
      const ref = child(val, "ColumnRef");
      const fields = list(ref, "fields");
      if (ref && fields.length && child(fields[fields.length - 1], "A_Star")) {
        const qualifier = fields.length >= 2 ? str(fields[fields.length - 2]) : undefined;
        const rels = qualifier ? [findRel(scope, qualifier)] : [...scope.rels.values()];
        for (const rel of rels) {
          if (rel?.kind === "derived") for (const [k, v] of rel.columns) out.set(k, v);
          else if (rel?.info?.clinicKey) out.set(rel.info.clinicKey, rel.node);
        }
        continue;
      }
      const term = val ? this.term(val, scope) : null;
      const name = typeof target?.name === "string" ? target.name : lastField(val);
      if (term?.kind === "node" && name) out.set(name, term.node);
    }
    return out;
  }

  result(): StatementCheck {
    for (const rel of this.checked) {
      const root = this.groups.find(rel.node);
      if (root !== CONST && root !== GLOBAL)
        this.findings.push({
          table: rel.table,
          alias: rel.alias,
          problem: `"${rel.table}"${rel.alias !== rel.table ? ` (as ${rel.alias})` : ""} is not filtered by "${rel.info?.clinicKey}"`,
        });
    }
    return { ok: this.findings.length === 0, findings: this.findings, lookups: [...this.lookups].sort() };
  }
}

function lastField(val: AstNode | undefined): string | undefined {
  const fields = list(child(val, "ColumnRef"), "fields");
  return fields.length ? str(fields[fields.length - 1]) : undefined;
}

function findRel(scope: Scope | undefined, alias: string): Rel | undefined {
  for (let s = scope; s; s = s.parent) {
    const rel = s.rels.get(alias);
    if (rel) return rel;
  }
  return undefined;
}

/** An unqualified column belongs to the innermost scope that has it (as PostgreSQL resolves it). */
function findByColumn(scope: Scope | undefined, column: string): Rel | undefined {
  for (let s = scope; s; s = s.parent) {
    const has = [...s.rels.values()].filter((r) => (r.kind === "table" ? (r.info?.columns.has(column) ?? false) : r.columns.has(column)));
    if (has.length === 1) return has[0];
    if (has.length > 1) return undefined; // ambiguous: PostgreSQL would refuse it
  }
  return undefined;
}

let loaded: Promise<void> | undefined;

/** Loads PostgreSQL's parser (WebAssembly); call once before checkStatement. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** Checks one statement (after loadParser()). A statement that does not parse is a finding too. */
export function checkStatement(sql: string, schema: Schema, globalLookups: readonly GlobalLookup[] = GLOBAL_LOOKUPS): StatementCheck {
  let parsed: { stmts?: { stmt?: AstNode }[] };
  try {
    parsed = parseSync(sql) as typeof parsed;
  } catch (error) {
    return { ok: false, findings: [{ table: "", alias: "", problem: `does not parse: ${(error as Error).message}` }], lookups: [] };
  }
  const analyzer = new Analyzer(schema, globalLookups);
  for (const s of parsed.stmts ?? []) if (s.stmt) analyzer.statement(s.stmt, undefined, new Map());
  return analyzer.result();
}

// ---------------------------------------------------------------- the integration suite's check

/** The tables of the database's public schema, their columns and clinic keys (`Clinic.id`, else `clinicId`). */
export async function readSchema(url: string): Promise<Schema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const columns = new Map<string, Set<string>>();
    for (const r of rows) columns.set(r.table, (columns.get(r.table) ?? new Set()).add(r.column));
    return new Map(
      [...columns].map(([name, cols]) => [
        name,
        { columns: cols, clinicKey: name === "Clinic" ? "id" : cols.has("clinicId") ? "clinicId" : null },
      ]),
    );
  } finally {
    await client.end();
  }
}

export type CapturedStatement = { sql: string; source: string };
export type CaptureReport = {
  statements: number;
  lookups: Map<string, number>;
  violations: (CapturedStatement & { findings: Finding[] })[];
};

/** Reads every `<pid>.jsonl` file lib/db.ts wrote into `dir` (SQL_CAPTURE_DIR). */
export function readCapture(dir: string): CapturedStatement[] {
  if (!existsSync(dir)) return [];
  const seen = new Map<string, CapturedStatement>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".jsonl"))) {
    for (const line of readFileSync(path.join(dir, name), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as CapturedStatement;
      if (!seen.has(entry.sql)) seen.set(entry.sql, entry);
    }
  }
  return [...seen.values()];
}

/** Checks every captured statement; the report lists each one that forgets the clinic, with the test file that sent it. */
export async function checkCapture(statements: CapturedStatement[], schema: Schema): Promise<CaptureReport> {
  await loadParser();
  const report: CaptureReport = { statements: statements.length, lookups: new Map(), violations: [] };
  for (const s of statements) {
    const result = checkStatement(s.sql, schema);
    for (const l of result.lookups) report.lookups.set(l, (report.lookups.get(l) ?? 0) + 1);
    if (!result.ok) report.violations.push({ ...s, findings: result.findings });
  }
  return report;
}

export function describeViolations(report: CaptureReport): string {
  const lines = report.violations.map(
    (v) =>
      `  - ${v.findings.map((f) => f.problem).join("; ")}\n    sent by ${v.source || "(unknown test file)"}:\n      ${v.sql.replace(/\s+/g, " ").slice(0, 1200)}`,
  );
  return (
    `${report.violations.length} of ${report.statements} distinct statements sent during the integration tests do not filter ` +
    `every clinic-owned table by its clinic (docs/scale-out.md: each needs "clinicId" = …, or is one of the global look-ups ` +
    `${GLOBAL_LOOKUPS.map((g) => `${g.table}.${g.column}`).join(", ")}):\n${lines.join("\n")}`
  );
}
