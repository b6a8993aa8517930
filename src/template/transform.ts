/**
 * Rewrites a parsed Handlebars template so that (1) every printed value goes
 * through the `__v` helper (safe insertion, no `undefined` ever printed) and
 * (2) every value a helper or an `#each` / `#with` reads must exist, with the
 * template line and the data path in the error. It also collects the data
 * paths the template reads, so a pack can be checked against its declarations.
 *
 * Written by hand because this is the heart of our "no silent blanks" and
 * "data never becomes markup" promises; Handlebars' own strict mode names
 * neither the full data path nor lets us keep output unescaped-yet-safe.
 */

import { TEMPLATE_BUDGET } from "./budget.js";
import { HELPER_ARITY } from "./helpers.js";

/** Minimal shapes of the Handlebars AST nodes we touch. */
interface Loc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}
interface Node {
  type: string;
  loc?: Loc;
}
interface PathExpr extends Node {
  type: "PathExpression";
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
  head?: unknown;
  tail?: unknown;
}
interface Literal extends Node {
  value: unknown;
  original: unknown;
}
interface HashPair extends Node {
  key: string;
  value: Expr;
}
interface Hash extends Node {
  type: "Hash";
  pairs: HashPair[];
}
interface CallExpr extends Node {
  path: Expr;
  params: Expr[];
  hash?: Hash;
}
type Expr = PathExpr | Literal | CallExpr;
interface Program extends Node {
  type: "Program";
  body: Node[];
}
interface Mustache extends CallExpr {
  type: "MustacheStatement";
  escaped: boolean;
  strip: { open: boolean; close: boolean };
}
interface Block extends CallExpr {
  type: "BlockStatement";
  program?: Program;
  inverse?: Program;
}

/** A problem found while transforming, positioned in the template. */
export interface TransformIssue {
  readonly code: "TEMPLATE_RAW_OUTPUT" | "TEMPLATE_UNSUPPORTED" | "TEMPLATE_UNKNOWN_HELPER" | "TEMPLATE_TOO_COMPLEX" | "TEMPLATE_BAD_ARGUMENT";
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** A data path the template reads, e.g. "fees.lines[].unitPrice", with where. */
export interface ReadPath {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/**
 * A data path compared with a literal by `eq` / `ne` (either argument order),
 * e.g. `(eq fees.schedule "annualInAdvance")`, so a pack check can tell a
 * misspelt enum value from a real one.
 */
export interface Comparison {
  readonly helper: "eq" | "ne";
  readonly path: string;
  readonly value: string | number | boolean;
  /** Where the literal is. */
  readonly line: number;
  readonly column: number;
}

/** Result of a transform. */
export interface TransformResult {
  readonly reads: readonly ReadPath[];
  readonly comparisons: readonly Comparison[];
  readonly refs: readonly { readonly id: string; readonly line: number; readonly column: number }[];
  readonly issues: readonly TransformIssue[];
}

/** Context frames, each an absolute data path: `#each` / `#with` push one; `../` looks one further out. */
type Scope = readonly (readonly string[])[];

const BLOCK_HELPERS_OPTIONAL = new Set(["if", "unless"]);
const BLOCK_HELPERS_SCOPING = new Set(["each", "with"]);
const LITERAL_TYPES = new Set(["StringLiteral", "NumberLiteral", "BooleanLiteral"]);

function path(name: string, loc?: Loc): PathExpr {
  return { type: "PathExpression", data: false, depth: 0, parts: [name], original: name, head: name, tail: [], ...(loc ? { loc } : {}) };
}
function str(value: string, loc?: Loc): Literal {
  return { type: "StringLiteral", value, original: value, ...(loc ? { loc } : {}) };
}
function num(value: number, loc?: Loc): Literal {
  return { type: "NumberLiteral", value, original: value, ...(loc ? { loc } : {}) };
}
function hash(pairs: Record<string, Expr>, loc?: Loc): Hash {
  return {
    type: "Hash",
    pairs: Object.entries(pairs).map(([key, value]) => ({ type: "HashPair", key, value, ...(loc ? { loc } : {}) })),
    ...(loc ? { loc } : {}),
  };
}

/** How deep a statement sits: in blocks of any kind, and in `{{#each}}` blocks. */
interface Depth {
  readonly blocks: number;
  readonly each: number;
}

/**
 * Rewrites `program` in place. `helpers` are the names of the environment's
 * helpers: any other call is reported as an unknown helper.
 */
export function transformTemplate(program: Program, helpers: ReadonlySet<string>): TransformResult {
  const reads: ReadPath[] = [];
  const comparisons: Comparison[] = [];
  const refs: { id: string; line: number; column: number }[] = [];
  const issues: TransformIssue[] = [];

  /** Resolves a path expression in a scope to a full data path ("fees.lines[].item"), or undefined for @-data. */
  function fullPath(p: PathExpr, scope: Scope): string | undefined {
    if (p.data) {
      if (p.parts[0] === "root") return p.parts.slice(1).join(".") || undefined;
      return undefined; // @index, @first, @key…
    }
    const base = scope[Math.max(0, scope.length - 1 - p.depth)] ?? [];
    const parts = p.parts.filter((x) => x !== "this" && x !== ".");
    const joined = [...base, ...parts].join(".").replace(/\.\[\]/g, "[]");
    return joined || undefined;
  }

  function where(n: Node): { line: number; column: number } {
    return { line: n.loc?.start.line ?? 0, column: (n.loc?.start.column ?? 0) + 1 };
  }

  function record(p: PathExpr, scope: Scope): string | undefined {
    const full = fullPath(p, scope);
    if (full) reads.push({ path: full, ...where(p) });
    return full;
  }

  /** Wraps a path parameter so a missing value is an error naming it. */
  function required(e: Expr, scope: Scope): Expr {
    if (e.type === "SubExpression") {
      rewriteCall(e as CallExpr, scope);
      return e;
    }
    if (e.type !== "PathExpression") return e;
    const p = e as PathExpr;
    const full = record(p, scope);
    if (!full) return e;
    const w = where(p);
    const call: CallExpr = { type: "SubExpression", path: path("__req", p.loc), params: [p], hash: hash({ __p: str(full), __l: num(w.line) }, p.loc), ...(p.loc ? { loc: p.loc } : {}) };
    return call;
  }

  function checkHelper(name: string, n: Node): void {
    if (!helpers.has(name)) {
      issues.push({ code: "TEMPLATE_UNKNOWN_HELPER", message: `Unknown helper "${name}"`, ...where(n) });
    }
  }

  /** A helper call with more or fewer arguments than the helper takes, or with named ones. */
  function checkArity(name: string, call: { readonly params: readonly Expr[]; readonly hash?: Hash | undefined }, n: Node): void {
    const arity = HELPER_ARITY[name];
    if (!arity || !helpers.has(name)) return;
    const [min, max] = arity;
    const given = call.params.length;
    if ((call.hash?.pairs.length ?? 0) > 0) {
      issues.push({ code: "TEMPLATE_BAD_ARGUMENT", message: `{{${name}}} takes no named arguments (name=value)`, ...where(n) });
    } else if (given < min || given > max) {
      const takes = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} or ${max}`;
      issues.push({ code: "TEMPLATE_BAD_ARGUMENT", message: `{{${name}}} takes ${takes} argument(s), not ${given}`, ...where(n) });
    }
  }

  function rewriteCall(call: CallExpr, scope: Scope): void {
    const head = call.path as PathExpr;
    checkHelper(head.original, call);
    checkArity(head.original, call, call);
    if (head.original === "ref") {
      const first = call.params[0] as Literal | undefined;
      if (first?.type === "StringLiteral") refs.push({ id: String(first.value), ...where(call) });
    }
    if (head.original === "eq" || head.original === "ne") compared(head.original, call.params, scope);
    call.params = call.params.map((e) => required(e, scope));
    if (call.hash) for (const pair of call.hash.pairs) pair.value = required(pair.value, scope);
  }

  /** Records `(eq path literal)` or `(eq literal path)`; must run before the params are wrapped. */
  function compared(helper: "eq" | "ne", params: readonly Expr[], scope: Scope): void {
    const [a, b] = params;
    if (!a || !b || params.length !== 2) return;
    const [p, lit] = a.type === "PathExpression" ? [a, b] : [b, a];
    if (p.type !== "PathExpression" || !LITERAL_TYPES.has(lit.type)) return;
    const full = fullPath(p as PathExpr, scope);
    const value = (lit as Literal).value;
    if (!full || (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")) return;
    comparisons.push({ helper, path: full, value, ...where(lit) });
  }

  // Bounds on what one template may ask of a draft (see TEMPLATE_BUDGET): nested loops multiply
  // the work by the length of every list they walk, so their depth is limited here, at load time,
  // and the total work again at render time.
  let statements = 0;
  let tooComplex = false;
  const complex = (n: Node, message: string): void => {
    if (tooComplex) return;
    tooComplex = true;
    issues.push({ code: "TEMPLATE_TOO_COMPLEX", message, ...where(n) });
  };

  function visitProgram(prog: Program | undefined, scope: Scope, depth: Depth): void {
    if (!prog) return;
    prog.body = prog.body.map((n) => visitStatement(n, scope, depth));
  }

  function visitStatement(n: Node, scope: Scope, depth: Depth): Node {
    if ((n.type === "MustacheStatement" || n.type === "BlockStatement") && ++statements > TEMPLATE_BUDGET.statements) {
      complex(n, `The template has more than ${TEMPLATE_BUDGET.statements} {{…}} statements; split the wording into clauses`);
      return n;
    }
    switch (n.type) {
      case "MustacheStatement": {
        const m = n as Mustache;
        if (!m.escaped) {
          issues.push({ code: "TEMPLATE_RAW_OUTPUT", message: "Triple braces {{{ }}} are not allowed: every value is inserted as literal text", ...where(m) });
        }
        const w = where(m);
        const head = m.path as PathExpr;
        const isCall = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || (head.type === "PathExpression" && helpers.has(head.original) && !head.data);
        let inner: Expr;
        let label: string;
        if (head.type !== "PathExpression") {
          inner = head;
          label = "value";
        } else if (isCall) {
          rewriteCall(m, scope);
          inner = { type: "SubExpression", path: m.path, params: m.params, ...(m.hash ? { hash: m.hash } : {}), ...(m.loc ? { loc: m.loc } : {}) } as CallExpr;
          label = head.original;
        } else {
          const full = record(head, scope);
          inner = head;
          label = full ?? head.original;
        }
        m.path = path("__v", m.loc);
        m.params = [inner];
        m.hash = hash({ __p: str(label), __l: num(w.line) }, m.loc);
        m.escaped = true;
        return m;
      }
      case "BlockStatement": {
        const b = n as Block;
        const head = b.path as PathExpr;
        const name = head.original;
        const inside: Depth = { blocks: depth.blocks + 1, each: depth.each + (name === "each" ? 1 : 0) };
        if (inside.each > TEMPLATE_BUDGET.eachDepth) {
          complex(b, `{{#each}} blocks are nested ${inside.each} deep; at most ${TEMPLATE_BUDGET.eachDepth} may nest (each level multiplies the work by a list's length)`);
          return b;
        }
        if (inside.blocks > TEMPLATE_BUDGET.blockDepth) {
          complex(b, `Blocks are nested more than ${TEMPLATE_BUDGET.blockDepth} deep`);
          return b;
        }
        checkHelper(name, b);
        if (BLOCK_HELPERS_OPTIONAL.has(name) || BLOCK_HELPERS_SCOPING.has(name)) checkArity(name, b, b);
        let inner = scope;
        if (BLOCK_HELPERS_OPTIONAL.has(name)) {
          // `#if x` may test a value that is absent: that is its purpose.
          b.params = b.params.map((e) => {
            if (e.type === "PathExpression") record(e as PathExpr, scope);
            else if (e.type === "SubExpression") rewriteCall(e as CallExpr, scope);
            return e;
          });
        } else if (BLOCK_HELPERS_SCOPING.has(name)) {
          const target = b.params[0];
          const full = target?.type === "PathExpression" ? fullPath(target as PathExpr, scope) : undefined;
          b.params = b.params.map((e) => required(e, scope));
          if (full) inner = [...scope, [...full.split("."), ...(name === "each" ? ["[]"] : [])]];
        } else {
          rewriteCall(b, scope);
        }
        visitProgram(b.program, inner, inside);
        visitProgram(b.inverse, scope, inside);
        return b;
      }
      case "PartialStatement":
      case "PartialBlockStatement":
      case "Decorator":
      case "DecoratorBlock":
        issues.push({ code: "TEMPLATE_UNSUPPORTED", message: `${n.type.replace("Statement", "")}s are not supported in clause templates`, ...where(n) });
        return { type: "ContentStatement", value: "", original: "", loc: n.loc } as Node;
      default:
        return n;
    }
  }

  visitProgram(program, [[]], { blocks: 0, each: 0 });
  return { reads, comparisons, refs, issues };
}
