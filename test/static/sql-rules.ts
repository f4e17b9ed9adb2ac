// A small scanner for SQL built from strings in TypeScript source: the rules behind sql-parameterised.test.ts.

export type Finding = { file: string; line: number; rule: string; code: string };

/** Files allowed to run SQL text as is: the migrations (static DDL) and the runner that applies them. */
export const RAW_SQL_FILES = ['src/adapters/sql/migrations.ts', 'src/adapters/sql/engine.ts'];
/** Creates and drops throwaway test/bench databases whose names it generates (checked against a pattern there). */
export const SCRATCH_DATABASE_FILES = ['src/adapters/mysql/scratch-database.ts'];
/**
 * The places that call Forge SQL's prepare(): the dialect, with Kysely's compiled and bound statements, and the
 * migration runner, with its two fixed bookkeeping statements on `__migrations` (the name is a bound parameter).
 */
export const PREPARE_FILES = ['src/adapters/forge/forge-sql-dialect.ts', 'src/adapters/forge/migrations.ts'];
/** Writes multi-row INSERTs as text of schema identifiers (each checked against a pattern there) and placeholders. */
export const COMPILED_TEXT_FILES = ['src/adapters/sql/upsert.ts'];

/**
 * The source with comments blanked and the text of string and template literals replaced by spaces (quotes and the
 * `${ ... }` expressions inside templates are kept), same length, so positions map back to the source.
 */
export function codeOnly(source: string): string {
  const out = source.split('');
  type Mode = 'code' | 'line' | 'block' | "'" | '"' | '`';
  const modes: Mode[] = ['code'];
  const braces: number[] = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const next = source[i + 1];
    const mode = modes[modes.length - 1];
    const blank = () => {
      if (out[i] !== '\n') out[i] = ' ';
    };
    if (mode === 'line') {
      if (c === '\n') modes.pop();
      else blank();
    } else if (mode === 'block') {
      blank();
      if (c === '*' && next === '/') {
        out[i + 1] = ' ';
        i++;
        modes.pop();
      }
    } else if (mode === "'" || mode === '"') {
      if (c === '\\') {
        blank();
        out[i + 1] = ' ';
        i++;
      } else if (c === mode) modes.pop();
      else blank();
    } else if (mode === '`') {
      if (c === '\\') {
        blank();
        out[i + 1] = ' ';
        i++;
      } else if (c === '`') modes.pop();
      else if (c === '$' && next === '{') {
        modes.push('code');
        braces.push(0);
        i++;
      } else blank();
    } else if (c === '/' && next === '/') {
      modes.push('line');
      blank();
    } else if (c === '/' && next === '*') {
      modes.push('block');
      blank();
    } else if (c === "'" || c === '"' || c === '`') {
      modes.push(c);
    } else if (c === '{') {
      braces[braces.length - 1]!++;
    } else if (c === '}') {
      if (braces[braces.length - 1] === 0 && modes.length > 1) {
        // The end of a `${ ... }` expression: back into its template.
        braces.pop();
        modes.pop();
      } else braces[braces.length - 1]!--;
    }
  }
  return out.join('');
}

/** The text between the parenthesis at `open` and its partner, in the source (balanced on the code-only text). */
function argumentAt(source: string, code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

const PLAIN_LITERAL = /^\s*(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.|\$(?!\{))*`)\s*$/s;

/** SQL text assembled at run time: a template with `${`, or strings joined with `+`. */
function isBuiltString(arg: string): boolean {
  const code = codeOnly(arg);
  const startsAsTemplate = /^\s*`/.test(arg) && arg.includes('${');
  const concatenated = /[+]/.test(code) && /['"`]/.test(arg);
  return startsAsTemplate || concatenated;
}

const RULES: { rule: string; call: RegExp; allowedIn: string[]; bad: (arg: string) => boolean }[] = [
  // sql.raw puts text into the statement unescaped: only a fixed literal may go there outside the migrations.
  { rule: 'sql.raw with text that is not a fixed literal', call: /\bsql\s*\.\s*raw\s*\(/g, allowedIn: RAW_SQL_FILES, bad: (arg) => !PLAIN_LITERAL.test(arg) },
  // sql.lit inlines a value as a literal instead of binding it.
  { rule: 'sql.lit with a value that is not a fixed literal', call: /\bsql\s*\.\s*lit\s*\(/g, allowedIn: [], bad: (arg) => !PLAIN_LITERAL.test(arg) },
  // CompiledQuery.raw sends its text as it is, like sql.raw.
  { rule: 'CompiledQuery.raw outside the INSERT writer', call: /\bCompiledQuery\s*\.\s*raw\s*\(/g, allowedIn: COMPILED_TEXT_FILES, bad: (arg) => !PLAIN_LITERAL.test(arg.split(',')[0] ?? '') },
  // A driver's prepare() takes SQL text; Kysely compiles and binds everything else.
  { rule: 'prepare() outside the Forge SQL dialect', call: /\bprepare\s*(?:<[^<>()]*>)?\s*\(/g, allowedIn: PREPARE_FILES, bad: () => true },
  // execute()/query() given SQL text built from pieces, rather than a Kysely query or a sql`` template.
  // The scratch database helper names databases it generates itself (DDL identifiers cannot be bound parameters).
  { rule: 'execute() or query() on SQL built with + or ${}', call: /\.\s*(?:execute|query|exec|run)\s*\(/g, allowedIn: SCRATCH_DATABASE_FILES, bad: isBuiltString },
];

/** Every place in `source` (the file at `file`, relative to the project) that builds SQL from strings. */
export function findUnsafeSql(file: string, source: string): Finding[] {
  const code = codeOnly(source);
  const findings: Finding[] = [];
  for (const { rule, call, allowedIn, bad } of RULES) {
    if (allowedIn.includes(file)) continue;
    for (const match of code.matchAll(call)) {
      const open = (match.index ?? 0) + match[0].length - 1;
      const arg = argumentAt(source, code, open);
      if (!bad(arg)) continue;
      const line = source.slice(0, match.index).split('\n').length;
      findings.push({ file, line, rule, code: source.split('\n')[line - 1]?.trim() ?? '' });
    }
  }
  return findings;
}
