import { csvLine, errorFileHeader, errorFileLine, neutraliseFormula, restoreNeutralised } from '../../src/import/error-csv';
import { mapHeaders } from '../../src/import/headers';
import { parseCsv } from '../../src/import/parse';
import { cellsOf, chunked, collect } from './builders';

describe('neutraliseFormula', () => {
  it.each(['=SUM(A1:A9)', '+44 20 7946 0958', '-12.5', '@cmd', '\tindent', '\rreturn', "=HYPERLINK(\"http://x\",\"y\")"])(
    'puts an apostrophe before %j so a spreadsheet shows it as text',
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    },
  );

  it.each(['Acme', '', 'a=b', '12.5', "'quoted", ' =spaced'])('leaves %j alone', (cell) => {
    expect(neutraliseFormula(cell)).toBe(cell);
  });

  it('is undone by restoreNeutralised, which leaves other apostrophes alone', () => {
    for (const cell of ['=1+1', '-3', '@x', 'plain', "'quoted"]) expect(restoreNeutralised(neutraliseFormula(cell))).toBe(cell);
    expect(restoreNeutralised("'tis")).toBe("'tis");
  });
});

describe('csvLine', () => {
  it('quotes only cells holding the delimiter, a quote or a line break, and ends with CRLF', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', ''])).toBe('plain,"a,b","say ""hi""","two\nlines",\r\n');
  });

  it('quotes for the delimiter it writes with', () => {
    expect(csvLine(['a,b', 'c;d'], ';')).toBe('a,b;"c;d"\r\n');
  });
});

describe('error file', () => {
  it('adds an Error column to the original headers', () => {
    expect(errorFileHeader(['Email', 'Name'])).toBe('Email,Name,Error\r\n');
  });

  it('writes the original cells, neutralised, then the message', () => {
    expect(errorFileLine(['=cmd()', '+44 1', 'Acme, Inc.'], 'Column "Email" has "=cmd()", which is not an email address.')).toBe(
      `'=cmd(),'+44 1,"Acme, Inc.","Column ""Email"" has ""=cmd()"", which is not an email address."\r\n`,
    );
  });

  it('pads short rows so the message lands in the Error column, and keeps extra cells after it', () => {
    expect(errorFileLine(['a'], 'too short', { width: 3 })).toBe('a,,,too short\r\n');
    expect(errorFileLine(['a', 'b', 'c'], 'too long', { width: 2 })).toBe('a,b,too long,c\r\n');
  });

  it('reads back through the parser with the same cells, and its Error column is not imported again', async () => {
    const cells = ['ada@acme.com', 'Line one\nline "two"', 'Acme; Europe'];
    const text = errorFileHeader(['Email', 'Notes', 'Company'], { delimiter: ';' }) + errorFileLine(cells, 'Some problem', { delimiter: ';' });
    const rows = cellsOf(await collect(parseCsv(chunked(text, 3))));
    expect(rows).toEqual([['Email', 'Notes', 'Company', 'Error'], [...cells, 'Some problem']]);
    expect(mapHeaders(rows[0] as string[], { customFields: [] }).columns[3]?.target).toEqual({ kind: 'ignore' });
  });
});
