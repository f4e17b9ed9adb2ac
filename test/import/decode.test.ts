import { decodeChunks, NOT_UTF8_WARNING, SNIFF_BYTES, sniffEncoding, UnusableFileError, type SniffedEncoding } from '../../src/import/decode';
import { chunked, collect, concatBytes, utf16, utf8, windows1252 } from './builders';

async function decode(bytes: Uint8Array, chunkSize = 7): Promise<{ text: string; sniffed: SniffedEncoding | undefined }> {
  let sniffed: SniffedEncoding | undefined;
  const parts = await collect(decodeChunks(chunked(bytes, chunkSize), { onEncoding: (s) => (sniffed = s) }));
  return { text: parts.join(''), sniffed };
}

const SAMPLE = 'Email,Name\nzoé@example.com,Zoë Ørsted\n';

describe('sniffEncoding', () => {
  it('recognises a UTF-8 byte-order mark and reports its length', () => {
    expect(sniffEncoding(utf8(SAMPLE, true))).toEqual({ encoding: 'utf-8', bomLength: 3 });
  });

  it('recognises UTF-16 little- and big-endian byte-order marks', () => {
    expect(sniffEncoding(utf16(SAMPLE, 'le'))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(sniffEncoding(utf16(SAMPLE, 'be'))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('reads valid UTF-8 without a byte-order mark as UTF-8 with no warning', () => {
    expect(sniffEncoding(utf8(SAMPLE))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('falls back to Windows-1252 with a warning when the bytes are not UTF-8', () => {
    expect(sniffEncoding(windows1252('Name\nRené\n'))).toEqual({ encoding: 'windows-1252', bomLength: 0, warning: NOT_UTF8_WARNING });
  });

  it('still calls a file UTF-8 when a multi-byte character is cut by the end of the sniffed head', () => {
    const head = utf8(`${'a'.repeat(SNIFF_BYTES - 1)}é`).subarray(0, SNIFF_BYTES);
    expect(head[head.length - 1]).toBe(0xc3);
    expect(sniffEncoding(head).encoding).toBe('utf-8');
  });

  it('rejects a file with NUL bytes as binary, not CSV', () => {
    const bytes = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d);
    expect(() => sniffEncoding(bytes)).toThrow(UnusableFileError);
    expect(() => sniffEncoding(bytes)).toThrow(/looks like a binary file, not CSV/);
  });

  it('does not call a text file binary for a stray NUL: that row is rejected instead, as anywhere else in the file', () => {
    expect(sniffEncoding(utf8('Email,Name\na@x.com,A\u0000\n')).encoding).toBe('utf-8');
  });

  it('tells the user an Excel workbook must be saved as CSV first', () => {
    const xlsx = concatBytes([Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00), new Uint8Array(20)]);
    expect(() => sniffEncoding(xlsx)).toThrow(/xlsx/);
  });

  it('explains UTF-16 text without a byte-order mark instead of misreading it', () => {
    let error: unknown;
    try {
      sniffEncoding(utf16(SAMPLE, 'le', false));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnusableFileError);
    expect((error as UnusableFileError).reason).toMatch(/UTF-16 text without a byte-order mark/);
    expect((error as UnusableFileError).code).toBe('UNUSABLE_FILE');
  });
});

describe('decodeChunks', () => {
  it('drops the UTF-8 byte-order mark', async () => {
    expect((await decode(utf8(SAMPLE, true))).text).toBe(SAMPLE);
  });

  it.each(['le', 'be'] as const)('decodes UTF-16%s with a byte-order mark, even when chunks split code units', async (order) => {
    for (const size of [1, 3, 64]) {
      const { text, sniffed } = await decode(utf16(SAMPLE, order), size);
      expect(text).toBe(SAMPLE);
      expect(sniffed?.encoding).toBe(`utf-16${order}`);
    }
  });

  it('decodes Windows-1252 bytes (0xE9 is é) and reports the warning', async () => {
    const { text, sniffed } = await decode(windows1252('Name;City\nRené;Zürich\n'));
    expect(text).toBe('Name;City\nRené;Zürich\n');
    expect(sniffed?.warning).toBe(NOT_UTF8_WARNING);
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    for (const size of [1, 2, 5]) expect((await decode(utf8(SAMPLE), size)).text).toBe(SAMPLE);
  });

  it('switches to Windows-1252 when the first non-ASCII bytes come after an all-ASCII head', async () => {
    const text = `${'x'.repeat(SNIFF_BYTES + 10)}\nRené\n`;
    const heard: SniffedEncoding[] = [];
    const parts = await collect(decodeChunks(chunked(windows1252(text), 4096), { onEncoding: (s) => heard.push(s) }));
    expect(parts.join('')).toBe(text);
    expect(heard.map((s) => s.encoding)).toEqual(['utf-8', 'windows-1252']);
    expect(heard[1]?.warning).toBe(NOT_UTF8_WARNING);
  });

  it('keeps UTF-8 when the first non-ASCII bytes after an all-ASCII head are valid UTF-8', async () => {
    const text = `${'x'.repeat(SNIFF_BYTES + 10)}\nZoë\n`;
    const { text: decoded, sniffed } = await decode(utf8(text), 4096);
    expect(decoded).toBe(text);
    expect(sniffed).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('replaces stray bytes that follow UTF-8 text rather than failing the whole file', async () => {
    const bytes = concatBytes([utf8(`Zoë\n${'x'.repeat(SNIFF_BYTES)}\n`), windows1252('René\n')]);
    expect((await decode(bytes, 4096)).text.endsWith('Ren\uFFFD\n')).toBe(true);
  });

  it('yields nothing for an empty file', async () => {
    const { text, sniffed } = await decode(new Uint8Array(0));
    expect(text).toBe('');
    expect(sniffed).toBeUndefined();
  });

  it('throws UnusableFileError for a binary file before yielding any text', async () => {
    await expect(decode(Uint8Array.of(0x00, 0x01, 0x02, 0x03, 0xff, 0x00))).rejects.toThrow(UnusableFileError);
  });
});
