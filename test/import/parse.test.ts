import { decodeChunks } from '../../src/import/decode';
import { detectDelimiter, isParsedError, MAX_RECORD_LENGTH, parseCsv, type ParseOptions, type ParsedRow } from '../../src/import/parse';
import { cellsOf, chunked, collect, contactsCsv, csv, windows1252 } from './builders';

function parse(text: string, chunkSize = 1024, options?: ParseOptions): Promise<ParsedRow[]> {
  return collect(parseCsv(chunked(text, chunkSize), options));
}

/** Parses with every chunk size up to `max`, so each character in turn falls on a chunk boundary. */
async function parseAllChunkings(text: string, max = 9): Promise<ParsedRow[]> {
  const reference = await parse(text, text.length || 1);
  for (let size = 1; size <= max; size++) expect(await parse(text, size)).toEqual(reference);
  return reference;
}

describe('detectDelimiter', () => {
  it('picks the most frequent of comma, semicolon and tab on the first non-empty line', () => {
    expect(detectDelimiter('Email,Name,Company\n')).toBe(',');
    expect(detectDelimiter('\n\nEmail;Name;Company\n')).toBe(';');
    expect(detectDelimiter('Email\tName\tCompany\n')).toBe('\t');
  });

  it('ignores delimiters inside quoted headers', () => {
    expect(detectDelimiter('"Name; full","Notes; long",Email\n')).toBe(',');
  });

  it('defaults to a comma for a single-column file', () => {
    expect(detectDelimiter('Email\na@acme.com\n')).toBe(',');
  });
});

describe('parseCsv', () => {
  it('numbers the header row 0 and gives each row the line it starts on', async () => {
    const rows = await parse(csv([['Email', 'Name'], ['a@acme.com', 'Ada'], ['b@acme.com', 'Bob']]));
    expect(rows).toEqual([
      { row: 0, line: 1, cells: ['Email', 'Name'] },
      { row: 1, line: 2, cells: ['a@acme.com', 'Ada'] },
      { row: 2, line: 3, cells: ['b@acme.com', 'Bob'] },
    ]);
  });

  it('detects semicolon- and tab-separated files', async () => {
    const semicolons = await parse(csv([['Email', 'Company'], ['a@acme.com', 'Acme, Inc.']], { delimiter: ';' }));
    expect(cellsOf(semicolons)).toEqual([['Email', 'Company'], ['a@acme.com', 'Acme, Inc.']]);
    const tabs = await parse(csv([['Email', 'Company'], ['a@acme.com', 'Acme; Europe']], { delimiter: '\t' }));
    expect(cellsOf(tabs)).toEqual([['Email', 'Company'], ['a@acme.com', 'Acme; Europe']]);
  });

  it('uses the delimiter it is given instead of guessing', async () => {
    const rows = await parse('Email|Name,Title\na@acme.com|Ada, PhD\n', 4, { delimiter: '|' });
    expect(cellsOf(rows)).toEqual([['Email', 'Name,Title'], ['a@acme.com', 'Ada, PhD']]);
  });

  it('refuses a delimiter that cannot separate cells', async () => {
    await expect(parse('a"b\n', 4, { delimiter: '"' })).rejects.toThrow(/delimiter/);
  });

  it('keeps quoted commas and embedded newlines in one cell and counts lines across them', async () => {
    const text = csv([['Email', 'Notes', 'Company'], ['a@acme.com', 'line one\nline two\nline three', 'Acme, Inc.'], ['b@acme.com', 'short', 'Beta']]);
    const rows = await parseAllChunkings(text);
    expect(rows).toEqual([
      { row: 0, line: 1, cells: ['Email', 'Notes', 'Company'] },
      { row: 1, line: 2, cells: ['a@acme.com', 'line one\nline two\nline three', 'Acme, Inc.'] },
      { row: 2, line: 5, cells: ['b@acme.com', 'short', 'Beta'] },
    ]);
  });

  it('counts CRLF and lone CR line ends as one line each', async () => {
    const crlf = await parseAllChunkings(csv([['A', 'B'], ['1', 'two\r\nlines'], ['3', '4']], { newline: '\r\n' }));
    expect(crlf.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(cellsOf(crlf)[1]).toEqual(['1', 'two\r\nlines']);
    const cr = await parseAllChunkings('A,B\r1,2\r\r3,4\r');
    expect(cr).toEqual([
      { row: 0, line: 1, cells: ['A', 'B'] },
      { row: 1, line: 2, cells: ['1', '2'] },
      { row: 2, line: 4, cells: ['3', '4'] },
    ]);
  });

  it('reads doubled quotes as one quote', async () => {
    const rows = await parseAllChunkings('Name,Nickname\n"Ada ""The Countess"" Lovelace","""Ada"""\n');
    expect(cellsOf(rows)[1]).toEqual(['Ada "The Countess" Lovelace', '"Ada"']);
  });

  it('treats a quote inside an unquoted cell as text', async () => {
    const rows = await parse('Product,Size\nMonitor,27" screen\n');
    expect(cellsOf(rows)[1]).toEqual(['Monitor', '27" screen']);
  });

  it('accepts spaces between a closing quote and the delimiter', async () => {
    const rows = await parseAllChunkings('A,B\n"x" ,"y"  \n');
    expect(cellsOf(rows)[1]).toEqual(['x', 'y']);
  });

  it('skips blank lines and rows of empty cells without disturbing line numbers', async () => {
    const rows = await parseAllChunkings('Email,Name\n\na@acme.com,Ada\n   \n,\n\r\nb@acme.com,Bob\n\n');
    expect(rows).toEqual([
      { row: 0, line: 1, cells: ['Email', 'Name'] },
      { row: 1, line: 3, cells: ['a@acme.com', 'Ada'] },
      { row: 2, line: 7, cells: ['b@acme.com', 'Bob'] },
    ]);
  });

  it('reads a last row that has no line end', async () => {
    expect(cellsOf(await parseAllChunkings('A,B\n1,"2"'))).toEqual([['A', 'B'], ['1', '2']]);
  });

  it('keeps cells as written; trimming is left to the mapping step', async () => {
    expect(cellsOf(await parse('A,B\n  x , y\n'))[1]).toEqual(['  x ', ' y']);
  });

  it('keeps ragged rows as they are, so validation can report them', async () => {
    expect(cellsOf(await parse('A,B,C\n1,2\n1,2,3,4\n'))).toEqual([['A', 'B', 'C'], ['1', '2'], ['1', '2', '3', '4']]);
  });

  it('drops a byte-order mark at the start of the text', async () => {
    expect(cellsOf(await parse('\uFEFFEmail,Name\n'))[0]).toEqual(['Email', 'Name']);
  });

  it('reports a quote that is never closed at the line where it opened and reads on after that line', async () => {
    const text = 'Email,Notes\na@acme.com,"fine\nstill fine"\nb@acme.com,"broken\nc@acme.com,ok\nd@acme.com,ok\n';
    const rows = await parseAllChunkings(text);
    expect(rows).toEqual([
      { row: 0, line: 1, cells: ['Email', 'Notes'] },
      { row: 1, line: 2, cells: ['a@acme.com', 'fine\nstill fine'] },
      {
        row: 2,
        line: 4,
        error: {
          row: 2,
          line: 4,
          column: 'Notes',
          severity: 'error',
          message: 'Line 4: a quoted cell is never closed (column "Notes"). Reading went on from line 5.',
        },
        raw: 'b@acme.com,"broken', // the row's text as written, for the error file
      },
      { row: 3, line: 5, cells: ['c@acme.com', 'ok'] },
      { row: 4, line: 6, cells: ['d@acme.com', 'ok'] },
    ]);
  });

  it('reports an unclosed quote on the last line without claiming more was read', async () => {
    const rows = await parse('Email,Notes\na@acme.com,"oops');
    expect(cellsOf(rows)[1]).toBe('Line 2: a quoted cell is never closed (column "Notes").');
  });

  it('names the column by letter when the header has no name for it', async () => {
    const rows = await parse('Email\na@acme.com,x,"oops\n');
    expect(isParsedError(rows[1]!) && rows[1].error.column).toBe('C');
  });

  it('rejects a row whose quoted cell has an undoubled quote inside, and reads the next row normally', async () => {
    const rows = await parseAllChunkings('Company,Email\n"Acme" Inc,a@acme.com\nBeta,b@beta.com\n');
    expect(rows[1]).toEqual({
      row: 1,
      line: 2,
      error: {
        row: 1,
        line: 2,
        column: 'Company',
        severity: 'error',
        message: 'Line 2: a quoted cell has a quote inside it that is not doubled (column "Company"); write "" for a quote inside quotes.',
      },
      raw: '"Acme" Inc,a@acme.com',
    });
    expect(rows[2]).toEqual({ row: 2, line: 3, cells: ['Beta', 'b@beta.com'] });
  });

  it('gives up on a quoted cell that runs past the record limit instead of holding the whole file', async () => {
    const filler = 'x,y\n'.repeat(MAX_RECORD_LENGTH / 4 + 10);
    const rows = await collect(parseCsv(chunked(`A,B\n1,"open\n${filler}`, 65536)));
    expect(cellsOf(rows)[1]).toMatch(/^Line 2: a quoted cell runs on for more than 1,000,000 characters/);
    expect(rows.length).toBe(2 + MAX_RECORD_LENGTH / 4 + 10);
    expect(rows[2]).toEqual({ row: 2, line: 3, cells: ['x', 'y'] });
  });

  it('skips a line longer than the record limit and reads the next one', async () => {
    const rows = await collect(parseCsv(chunked(`A,B\n${'z'.repeat(MAX_RECORD_LENGTH + 5)}\n1,2\n`, 65536)));
    expect(cellsOf(rows)).toEqual([['A', 'B'], 'Line 2 is longer than 1,000,000 characters, so it was not read.', ['1', '2']]);
    expect(rows[2]?.line).toBe(3);
  });

  it('reads decoded Windows-1252 bytes into cells', async () => {
    const bytes = windows1252('Email;Name\nrene@acme.fr;René Müller\n');
    const rows = await collect(parseCsv(decodeChunks(chunked(bytes, 5))));
    expect(cellsOf(rows)[1]).toEqual(['rene@acme.fr', 'René Müller']);
  });

  it('streams a 200,000-row file through in order', async () => {
    const rows = parseCsv(chunked(contactsCsv(200_000), 65536));
    let count = 0;
    let last: ParsedRow | undefined;
    for await (const row of rows) {
      count++;
      last = row;
    }
    expect(count).toBe(200_001);
    expect(last).toEqual({ row: 200_000, line: 200_001, cells: ['person200000@acme0.com', 'First200000', 'Last200000', 'Acme 0', 'note, with comma 200000'] });
  });
});
