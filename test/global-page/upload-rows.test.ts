// The page's upload batching: rows the row call would refuse become error rows, and no batch breaks the call limits.
import { IMPORT_ROWS_PER_CALL, MAX_IMPORT_CELL_LENGTH, MAX_IMPORT_COLUMNS, importApi } from '../../src/contracts/import';
import { MAX_BATCH_BYTES, RowBatcher, rowBytes, toUploadRow, type UploadRow } from '../../static/global-page/src/import/upload-rows';

const headers = ['Email', 'First Name', 'Notes'];
const rowsCall = importApi['import/rows'].input;

function batchesOf(rows: UploadRow[]): UploadRow[][] {
  const batcher = new RowBatcher();
  const batches: UploadRow[][] = [];
  for (const row of rows) {
    const full = batcher.add(row);
    if (full) batches.push(full);
  }
  const rest = batcher.take();
  if (rest) batches.push(rest);
  return batches;
}

describe('rows sent to an import job', () => {
  it('keeps a readable row as its cells', () => {
    expect(toUploadRow({ row: 1, line: 2, cells: ['ada@example.org', 'Ada', ''] }, headers)).toEqual({ row: 1, line: 2, cells: ['ada@example.org', 'Ada', ''] });
  });

  it('drops empty cells after the last column, as trailing separators leave them', () => {
    expect(toUploadRow({ row: 1, line: 2, cells: ['ada@example.org', 'Ada', '', '', ' '] }, headers)).toEqual({ row: 1, line: 2, cells: ['ada@example.org', 'Ada', ''] });
  });

  it('keeps a row the parser could not read as an error row with its message and column', () => {
    const row = toUploadRow({ row: 4, line: 7, error: { row: 4, line: 7, message: 'Line 7: a quoted cell is never closed (column "Notes").', column: 'Notes', severity: 'error' } }, headers);
    expect(row).toEqual({ row: 4, line: 7, error: 'Line 7: a quoted cell is never closed (column "Notes").', column: 'Notes' });
  });

  it('turns a cell longer than the call allows into an error row naming its column', () => {
    const row = toUploadRow({ row: 2, line: 3, cells: ['ada@example.org', 'Ada', 'x'.repeat(MAX_IMPORT_CELL_LENGTH + 1)] }, headers);
    expect(row).toMatchObject({ row: 2, line: 3, column: 'Notes', error: expect.stringContaining('Column "Notes" has 20,001 characters') });
    expect(rowsCall.safeParse({ jobId: 'job', rows: [row] }).success).toBe(true);
  });

  it('turns a row with more cells than a file may have columns into an error row', () => {
    const row = toUploadRow({ row: 3, line: 4, cells: Array.from({ length: MAX_IMPORT_COLUMNS + 1 }, (_, i) => `v${i}`) }, headers);
    expect(row).toMatchObject({ row: 3, line: 4, error: expect.stringContaining(`has ${MAX_IMPORT_COLUMNS + 1} cells but the header has 3`) });
  });
});

describe('batches of rows', () => {
  it('holds at most IMPORT_ROWS_PER_CALL rows', () => {
    const rows = Array.from({ length: 2500 }, (_, i): UploadRow => ({ row: i + 1, line: i + 2, cells: [`p${i}@example.org`, 'A', ''] }));
    const batches = batchesOf(rows);
    expect(batches.map((b) => b.length)).toEqual([IMPORT_ROWS_PER_CALL, IMPORT_ROWS_PER_CALL, 500]);
    expect(batches.flat().map((r) => r.row)).toEqual(rows.map((r) => r.row));
  });

  it('stays under the size one call may carry, counting multi-byte characters as bytes', () => {
    const rows = Array.from({ length: 400 }, (_, i): UploadRow => ({ row: i + 1, line: i + 2, cells: [`p${i}@example.org`, 'Zoë', 'ü'.repeat(900)] }));
    const batches = batchesOf(rows);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      const body = Buffer.byteLength(JSON.stringify({ key: 'import/rows', payload: { jobId: '01a21464-00fe-7e82-b84d-103a5a874952', rows: batch } }));
      expect(body).toBeLessThan(200_000);
      expect(rowsCall.safeParse({ jobId: 'job', rows: batch }).success).toBe(true);
    }
  });

  it('sends a row too large for any call as an error row instead', () => {
    const huge: UploadRow = { row: 9, line: 10, cells: Array.from({ length: 20 }, () => 'y'.repeat(MAX_IMPORT_CELL_LENGTH)) };
    expect(rowBytes(huge)).toBeGreaterThan(MAX_BATCH_BYTES);
    const [batch] = batchesOf([huge]);
    expect(batch).toEqual([{ row: 9, line: 10, error: expect.stringContaining('more than one upload can carry') }]);
  });
});
