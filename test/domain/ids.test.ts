import fc from 'fast-check';
import { deterministicId, fieldIdFrom, idFormatOf, newId, sequencedId } from '../../src/domain/ids';
import { fromOrderedDigits, ORDERED_DIGITS, toOrderedDigits } from '../../src/domain/ordered-digits';

const COMPACT = /^[-0-9A-Za-z_]{20}$/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timestampOf = (id: string) => fromOrderedDigits(id.slice(0, 7));
const uuidTimestampOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('ordered digits', () => {
  it('are in ASCII order, so text of them compares as the numbers do', () => {
    expect([...ORDERED_DIGITS].sort().join('')).toBe(ORDERED_DIGITS);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 ** 7 - 1 }), fc.integer({ min: 0, max: 64 ** 7 - 1 }), (a, b) => {
        const [x, y] = [toOrderedDigits(a, 7), toOrderedDigits(b, 7)];
        expect(fromOrderedDigits(x)).toBe(a);
        expect(x < y).toBe(a < b);
      }),
    );
  });
});

describe('newId', () => {
  it('makes a 20-character compact id of URL-safe characters that starts with a letter', () => {
    const id = newId();
    expect(id).toMatch(COMPACT);
    expect(id[0]).toMatch(/[A-Za-z]/);
    expect(idFormatOf(id)).toBe('compact');
    expect(encodeURIComponent(id)).toBe(id);
  });

  it('carries the given time in its first 7 characters', () => {
    const now = Date.now() + 60_000; // later than any id made so far, so the monotonic clamp does not apply
    expect(timestampOf(newId(now))).toBe(now);
  });

  it('sorts ids made in the same millisecond in the order they were made', () => {
    const now = Date.now() + 120_000;
    const ids = Array.from({ length: 5000 }, () => newId(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps order when the clock steps back', () => {
    const first = newId(Date.now() + 180_000);
    const second = newId(Date.now());
    expect(second > first).toBe(true);
  });

  it('sorts ids from later milliseconds after earlier ones', () => {
    const start = Date.now() + 240_000;
    const ids = [0, 1, 2, 1000, 86_400_000].map((offset) => newId(start + offset));
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses a time 7 digits cannot hold (after the year 2109)', () => {
    expect(() => newId(-1)).toThrow(RangeError);
    expect(() => newId(64 ** 7)).toThrow(RangeError);
    expect(() => newId(1.5)).toThrow(RangeError);
  });
});

describe.each(['compact', 'uuid'] as const)('deterministicId (%s)', (format) => {
  const time = Date.UTC(2024, 0, 15);
  const shape = format === 'compact' ? COMPACT : UUID_V7;
  const stampOf = format === 'compact' ? timestampOf : uuidTimestampOf;

  it('gives the same id for the same time and parts', () => {
    expect(deterministicId(format, time, 'job-1', 'row-7', 'contact')).toBe(deterministicId(format, time, 'job-1', 'row-7', 'contact'));
  });

  it('has the format and carries the given time', () => {
    const id = deterministicId(format, time, 'job-1');
    expect(id).toMatch(shape);
    expect(idFormatOf(id)).toBe(format);
    expect(stampOf(id)).toBe(time);
  });

  it('gives different ids when the parts differ, including only in how they are split', () => {
    const ids = [
      deterministicId(format, time, 'job-1', 'row-7'),
      deterministicId(format, time, 'job-1', 'row-8'),
      deterministicId(format, time, 'job-1row-7'),
      deterministicId(format, time, 'job-1r', 'ow-7'),
      deterministicId(format, time, 'job-1', 'row-7', ''),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not collide across many similar inputs', () => {
    const ids = new Set(Array.from({ length: 20_000 }, (_, row) => deterministicId(format, time, 'job-1', String(row))));
    expect(ids.size).toBe(20_000);
  });

  it('differs from ids of the same parts at another time only in the timestamp', () => {
    const cut = format === 'compact' ? 7 : 13;
    const a = deterministicId(format, time, 'x');
    const b = deterministicId(format, time + 1, 'x');
    expect(a.slice(cut)).toBe(b.slice(cut));
    expect(a).not.toBe(b);
  });
});

describe('sequencedId (compact)', () => {
  it('keeps 200,000 contacts of one job apart and in sequence order', () => {
    const time = Date.UTC(2026, 5, 1);
    const ids = Array.from({ length: 200_000 }, (_, n) => sequencedId('compact', time, n, 'job', 'contact', `p${n}@x.example`));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) throw new Error(`ids ${i - 1} and ${i} are out of order`);
  });
});

describe('fieldIdFrom', () => {
  it.each(['compact', 'uuid'] as const)('makes 9 characters from a compact id (13 from a UUID), the same each time (%s)', (format) => {
    const id = deterministicId(format, Date.UTC(2026, 0, 1), 'job', 'field', 'contact', 'tier');
    expect(fieldIdFrom(id)).toMatch(format === 'compact' ? /^f[-0-9A-Za-z_]{8}$/ : /^f[0-9a-f]{12}$/);
    expect(fieldIdFrom(id)).toBe(fieldIdFrom(deterministicId(format, Date.UTC(2026, 0, 1), 'job', 'field', 'contact', 'tier')));
  });

  it('keeps 20,000 new fields apart', () => {
    const made = new Set(Array.from({ length: 20_000 }, () => fieldIdFrom(newId())));
    expect(made.size).toBe(20_000);
  });
});
