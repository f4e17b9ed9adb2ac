// Every SQL statement in src/ is a Kysely query or a sql`` template (values bound as parameters), never text built
// from values; the rule itself is tested on planted examples so that a pass means something.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { codeOnly, findUnsafeSql } from './sql-rules';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

describe('SQL in src/ is parameterised', () => {
  it('finds no SQL built from strings in any source file', () => {
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(50);
    const findings = files.flatMap((file) => findUnsafeSql(file, readFileSync(path.join(ROOT, file), 'utf8')));
    expect(findings).toEqual([]);
  });

  it('still sees the raw SQL the migrations are allowed to run', () => {
    const engine = readFileSync(path.join(ROOT, 'src/adapters/sql/engine.ts'), 'utf8');
    expect(findUnsafeSql('src/adapters/sql/elsewhere.ts', engine).map((f) => f.rule)).toContain('sql.raw with text that is not a fixed literal');
    expect(findUnsafeSql('src/adapters/sql/engine.ts', engine)).toEqual([]);
  });
});

describe('the rule', () => {
  const file = 'src/adapters/sql/planted.ts';
  const rules = (source: string) => findUnsafeSql(file, source).map((f) => f.rule);

  it.each([
    ['a template with a value in sql.raw', "await sql.raw(`SELECT * FROM contacts WHERE email = '${email}'`).execute(db);"],
    ['a concatenation in sql.raw', "await sql.raw('SELECT * FROM contacts WHERE id = ' + id).execute(db);"],
    ['a variable in sql.raw', 'const text = `DELETE FROM notes WHERE id = ${id}`;\nawait sql.raw(text).execute(db);'],
    ['sql.raw inside a sql template', 'await sql`SELECT * FROM ${sql.raw(table)} WHERE id = ${id}`.execute(db);'],
    ['a template in CompiledQuery.raw', 'await db.executeQuery(CompiledQuery.raw(`DELETE FROM notes WHERE id = ${id}`, []));'],
    ['a value inlined with sql.lit', 'db.selectFrom("contacts").where("email", "=", sql.lit(email));'],
    ['a driver prepare', 'const statement = connection.prepare(`SELECT * FROM contacts WHERE id = ${id}`);'],
    ['a typed prepare', "await forgeSql.prepare<Row>('SELECT 1').execute();"],
    ['execute on a template', 'await connection.execute(`UPDATE contacts SET email = "${email}"`);'],
    ['query on a concatenation', "await pool.query('DELETE FROM contacts WHERE id = ' + id);"],
    ['a multi-line concatenation', "await pool.query(\n  'SELECT * FROM contacts ' +\n    where,\n);"],
  ])('flags %s', (_name, source) => {
    expect(rules(source)).not.toEqual([]);
  });

  it.each([
    ['a Kysely query', "await db.selectFrom('contacts').selectAll().where('email', '=', email).execute();"],
    ['a sql template with bound values', 'await sql`SELECT * FROM contacts WHERE email = ${email}`.execute(db);'],
    ['identifiers through sql.ref and sql.table', 'await sql`SELECT ${sql.ref(column)} FROM ${sql.table(table)} WHERE id = ${id}`.execute(db);'],
    ['a fixed literal in sql.raw', "const star = sql.raw('*');"],
    ['a fixed template in sql.raw', 'const star = sql.raw(`COUNT(*)`);'],
    ['the words in a comment', '// never call sql.raw(`... ${value}`) or connection.prepare(text)\nconst a = 1;'],
    ['the words in a string', "const help = 'sql.raw(` + x + `) and prepare(q) are refused';"],
    ['execute with a Kysely executor', 'await query.execute(db);'],
    ['arithmetic in an execute argument', 'await run.execute(limit + 1);'],
    ['a function named like prepare', 'const rows = prepareRows(input);'],
  ])('accepts %s', (_name, source) => {
    expect(rules(source)).toEqual([]);
  });

  it('keeps positions when blanking strings and comments', () => {
    const source = "const a = 'x(y)'; // z(\nb(`t ${c(1)} u`);";
    const code = codeOnly(source);
    expect(code).toHaveLength(source.length);
    expect(code).toBe("const a = '    ';      \nb(`  ${c(1)}  `);");
  });
});
