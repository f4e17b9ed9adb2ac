import { decodeChunks, mapHeaders, parseCsv, validateRow, type ImportRow, type RowIssue, type SniffedEncoding } from '../../src/import';
import { chunked, csv, windows1252 } from './builders';

/** The import's read path end to end: bytes -> text -> rows -> mapping -> validated rows and issues. */
async function readFile(bytes: Uint8Array) {
  const encodings: SniffedEncoding[] = [];
  const rows: ImportRow[] = [];
  const issues: RowIssue[] = [];
  let mapping: ReturnType<typeof mapHeaders> | null = null;
  for await (const parsed of parseCsv(decodeChunks(chunked(bytes, 16), { onEncoding: (e) => encodings.push(e) }))) {
    if ('error' in parsed) {
      issues.push(parsed.error);
      continue;
    }
    if (!mapping) {
      mapping = mapHeaders(parsed.cells, { customFields: [] });
      issues.push(...mapping.issues);
      continue;
    }
    const result = validateRow(parsed, mapping.columns, new Map(), mapping.columns.length);
    issues.push(...result.issues);
    if (result.row) rows.push(result.row);
  }
  return { encodings, rows, issues };
}

describe('reading an import file', () => {
  it('turns a Windows-1252, semicolon-separated export into validated rows and problems as data', async () => {
    const text = csv(
      [
        ['E-mail', 'Nom', 'Organisation', 'Site Web'],
        ['rene@acme.fr', 'René Müller', 'Acme SARL', 'acme.fr'],
        ['not-an-email', 'Zoë', 'Acme SARL', ''],
        ['', '', 'Beta', 'beta.fr'],
      ],
      { delimiter: ';' },
    );
    const { encodings, rows, issues } = await readFile(windows1252(text));
    expect(encodings.map((e) => e.encoding)).toEqual(['windows-1252']);
    expect(rows.map((r) => [r.row, r.contact?.email ?? null, r.company?.name])).toEqual([
      [1, 'rene@acme.fr', 'Acme SARL'],
      [3, null, 'Beta'],
    ]);
    expect(issues.map((i) => [i.row, i.severity, i.message])).toEqual([
      [0, 'warning', 'Column "Nom" is not imported: no field has that name. Map it or use --create-fields.'],
      [0, 'warning', 'Column "Site Web" is not imported: no field has that name. Map it or use --create-fields.'],
      [2, 'error', 'Column "E-mail" has "not-an-email", which is not an email address.'],
    ]);
  });
});
