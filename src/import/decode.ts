// Bytes to text: find the file's encoding from its first 64 KiB, then decode the rest as it streams in.
import { AppError } from '../domain/errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type SniffedEncoding = { encoding: TextEncodingName; bomLength: number; warning?: string };

/** How much of the file decides its encoding. */
export const SNIFF_BYTES = 64 * 1024;

export const NOT_UTF8_WARNING =
  'The file is not UTF-8; it was read as Windows-1252 (Western European). Save it as UTF-8 to be sure accents are right.';

/** The file cannot be read as CSV text at all; `reason` says why and what to do. */
export class UnusableFileError extends AppError {
  constructor(readonly reason: string) {
    super('UNUSABLE_FILE', reason);
    this.name = 'UnusableFileError';
  }
}

export function sniffEncoding(head: Uint8Array): SniffedEncoding {
  const bytes = head.subarray(0, SNIFF_BYTES);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    rejectBinary(bytes.subarray(3));
    return { encoding: 'utf-8', bomLength: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  rejectBinary(bytes);
  if (isUtf8(bytes)) return { encoding: 'utf-8', bomLength: 0 };
  return { encoding: 'windows-1252', bomLength: 0, warning: NOT_UTF8_WARNING };
}

/**
 * The decoded text of a byte stream, without its byte-order mark. onEncoding hears what was sniffed, and hears
 * again if a head of plain ASCII turns out to be followed by Windows-1252 text (accents only from row 5,000 on).
 */
export async function* decodeChunks(
  bytes: AsyncIterable<Uint8Array>,
  options: { onEncoding?: (sniffed: SniffedEncoding) => void } = {},
): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let headLength = 0;
  let decoder: ChunkDecoder | null = null;
  for await (const chunk of bytes) {
    if (decoder) {
      const text = decoder.decode(chunk);
      if (text) yield text;
      continue;
    }
    head.push(chunk);
    headLength += chunk.length;
    if (headLength < SNIFF_BYTES) continue;
    decoder = new ChunkDecoder(concat(head, headLength), options.onEncoding);
    head.length = 0;
    const text = decoder.decodeHead();
    if (text) yield text;
  }
  if (!decoder) {
    if (headLength === 0) return;
    decoder = new ChunkDecoder(concat(head, headLength), options.onEncoding);
    const text = decoder.decodeHead();
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** A streaming TextDecoder that, while everything so far was ASCII, can still switch UTF-8 for Windows-1252. */
class ChunkDecoder {
  private decoder: TextDecoder;
  private undecided: boolean;
  private readonly head: Uint8Array;

  constructor(
    head: Uint8Array,
    private readonly onEncoding?: (sniffed: SniffedEncoding) => void,
  ) {
    const sniffed = sniffEncoding(head);
    onEncoding?.(sniffed);
    // The BOM is sliced off here, so the decoder must not swallow a second one that is part of the text.
    this.decoder = new TextDecoder(sniffed.encoding, { ignoreBOM: true });
    this.head = head.subarray(sniffed.bomLength);
    this.undecided = sniffed.encoding === 'utf-8' && sniffed.bomLength === 0 && isAscii(this.head);
  }

  decodeHead(): string {
    return this.decoder.decode(this.head, { stream: true });
  }

  decode(chunk: Uint8Array): string {
    if (this.undecided && !isAscii(chunk)) {
      this.undecided = false;
      // Every earlier byte was ASCII, which both encodings read alike, so switching here loses nothing.
      if (!isUtf8(chunk)) {
        const sniffed: SniffedEncoding = { encoding: 'windows-1252', bomLength: 0, warning: NOT_UTF8_WARNING };
        this.onEncoding?.(sniffed);
        this.decoder = new TextDecoder(sniffed.encoding);
      }
    }
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return this.decoder.decode();
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    // stream:true leaves a multi-byte sequence cut at the end of the head pending instead of failing on it.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

// Text in any of the supported 8-bit encodings never holds NUL; spreadsheets, archives and UTF-16 without a BOM do.
// A stray NUL in a text file is not binary: like one anywhere later in the file, it rejects only its row
// (validate-row.ts), so where it sits does not decide what happens to the file.
function rejectBinary(bytes: Uint8Array): void {
  let nuls = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) nuls++;
  if (nuls === 0) return;
  const signature = (bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0);
  if (!signature && (nuls < 2 || nuls * 100 <= bytes.length) && !looksLikeUtf16WithoutBom(bytes)) return;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new UnusableFileError(
      'The file looks like a binary file, not CSV: it is a ZIP archive, such as an Excel .xlsx workbook. In Excel use Save As > "CSV UTF-8" and import that file.',
    );
  }
  if (looksLikeUtf16WithoutBom(bytes)) {
    throw new UnusableFileError(
      'The file looks like UTF-16 text without a byte-order mark, which cannot be read reliably. Save it as "CSV UTF-8" and import that file.',
    );
  }
  throw new UnusableFileError(
    'The file looks like a binary file, not CSV. Export the data as CSV (comma-separated values, UTF-8) and import that file.',
  );
}

function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 1024) & ~1;
  if (sample < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = sample / 2;
  // Latin text in UTF-16 has a zero in the same half of almost every code unit and none in the other.
  return (evenNul > pairs * 0.7 && oddNul === 0) || (oddNul > pairs * 0.7 && evenNul === 0);
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
