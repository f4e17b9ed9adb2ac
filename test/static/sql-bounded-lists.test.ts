// No SQL statement grows with the data: every list the SQL adapters put into a statement (IN lists, row values, OR
// chains, multi-row VALUES) comes from a chunking helper or carries a `// bounded:` note saying what bounds it. The
// rule is also run on planted examples, so a pass means something.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { codeOnly } from './sql-rules';

const ROOT = path.resolve(__dirname, '../..');
const DIR = 'src/adapters/sql';

type Finding = { file: string; line: number; rule: string; code: string };

/** Names bound by `for (const NAME of chunkKeys(...))` or `batchRows(...)`: lists with a fixed upper size. */
function chunkedNames(code: string, source: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/for\s*\(\s*const\s+(\w+)\s+of\s+(?:chunkKeys|batchRows)\s*\(/g)) names.add(m[1]!);
  // ... and names declared on a line that says what bounds them.
  for (const m of source.matchAll(/const\s+(\w+)\s*=[^\n]*\/\/ bounded:/g)) names.add(m[1]!);
  return names;
}

/** The text of the argument list that starts right after `from` (up to the matching closing parenthesis). */
function restOfCall(code: string, from: number): string {
  let depth = 1;
  for (let i = from; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return code.slice(from, i);
  }
  return code.slice(from);
}

export function findUnboundedLists(file: string, source: string): Finding[] {
  const code = codeOnly(source);
  const lines = source.split('\n');
  const chunked = chunkedNames(code, source);
  const findings: Finding[] = [];
  const lineOf = (index: number) => code.slice(0, index).split('\n').length;
  const noted = (line: number) => /\/\/ bounded:/.test(lines[line - 1] ?? '') || /\/\/ bounded:/.test(lines[line - 2] ?? '');
  const flag = (index: number, rule: string) => {
    const line = lineOf(index);
    if (!noted(line)) findings.push({ file, line, rule, code: lines[line - 1]?.trim() ?? '' });
  };
  // `'in', LIST`: the list must be a chunk, a subquery, or noted.
  // (String contents are blanked in `code`: find the operator in the source, where `code` still has its quotes.)
  for (const m of source.matchAll(/(['"])in\1\s*,\s*/g)) {
    if (code[m.index ?? 0] !== m[1]) continue; // inside a comment or another string
    const at = (m.index ?? 0) + m[0].length;
    const arg = restOfCall(code, at);
    const head = /^\w+/.exec(arg)?.[0] ?? '';
    if (/^(?:eb|db|this\.engine\.db)\s*\.\s*selectFrom\b/.test(arg) || chunked.has(head)) continue;
    if (/^(?:sub|m)\b/.test(arg) && /selectFrom/.test(code)) continue; // subqueries built just above
    flag(m.index ?? 0, 'IN list not taken from chunkKeys/batchRows');
  }
  // An OR built from a list: one branch per item makes the expression as deep as the list.
  for (const m of code.matchAll(/\.or\s*\(/g)) {
    const arg = restOfCall(code, (m.index ?? 0) + m[0].length);
    if (/\.(?:map|flatMap)\s*\(/.test(arg)) flag(m.index ?? 0, 'OR chain built per item');
  }
  // Multi-row VALUES: a list must come from batchRows.
  for (const m of code.matchAll(/\.values\s*\(/g)) {
    const arg = restOfCall(code, (m.index ?? 0) + m[0].length).trim();
    const head = /^\w+/.exec(arg)?.[0] ?? '';
    if (/\.(?:map|flatMap|filter)\s*\(/.test(arg) || (/^[a-z]\w*$/.test(arg) && /s$/.test(head) && !chunked.has(head))) flag(m.index ?? 0, 'multi-row VALUES not taken from batchRows');
  }
  return findings;
}

describe('statements in the SQL adapters are bounded whatever the data', () => {
  it('takes every list in a statement from a chunking helper', () => {
    const files = readdirSync(path.join(ROOT, DIR)).filter((f) => f.endsWith('.ts')).map((f) => `${DIR}/${f}`);
    expect(files.length).toBeGreaterThan(8);
    const findings = files.flatMap((file) => findUnboundedLists(file, readFileSync(path.join(ROOT, file), 'utf8')));
    expect(findings).toEqual([]);
  });
});

describe('the bounded-list rule', () => {
  const rules = (source: string) => findUnboundedLists('src/adapters/sql/planted.ts', source).map((f) => f.rule);

  it.each([
    ['an IN list of every id', "await db.deleteFrom('contacts').where('id', 'in', ids).execute();"],
    ['an IN list mapped from rows', "await db.deleteFrom('contacts').where('id', 'in', rows.map((r) => r.id)).execute();"],
    ['an OR chain per pair', "await db.deleteFrom('memberships').where((eb) => eb.or(pairs.map((p) => eb('contact_id', '=', p.contactId)))).execute();"],
    ['a VALUES list of every row', "await db.insertInto('contacts').values(contacts.map(fromContact)).execute();"],
    ['a VALUES list named as plural', "await db.insertInto('contacts').values(rows).execute();"],
  ])('flags %s', (_name, source) => {
    expect(rules(source)).not.toEqual([]);
  });

  it.each([
    ['an IN list per chunk', "for (const chunk of chunkKeys(ids, 1000)) await db.deleteFrom('contacts').where('id', 'in', chunk).execute();"],
    ['row values per chunk', "for (const chunk of chunkKeys(pairs, 1000)) await db.deleteFrom('m').where((eb) => eb(eb.refTuple('a', 'b'), 'in', chunk.map((p) => eb.tuple(p.a, p.b)))).execute();"],
    ['a subquery', "q = q.where('id', 'in', db.selectFrom('memberships').select('contact_id'));"],
    ['a list declared with its bound', "const some = chunks[i] ?? []; // bounded: one chunk\nawait db.deleteFrom('x').where('id', 'in', some).execute();"],
    ['a noted bound', "await db.deleteFrom('x').where('id', 'in', page.map((r) => r.id)) // bounded: one page of 100\n  .execute();"],
    ['a keyset OR', "q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));"],
    ['VALUES per batch', "for (const batch of batchRows(rows, Object.values, 100)) await db.insertInto('t').values(batch).execute();"],
    ['one record', "await db.insertInto('contacts').values(fromContact(contact)).execute();"],
  ])('accepts %s', (_name, source) => {
    expect(rules(source)).toEqual([]);
  });
});
