import { deterministicId, fieldIdFrom, newId } from '../../src/domain/ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timestampOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newId', () => {
  it('makes a lowercase 36-character UUIDv7', () => {
    const id = newId();
    expect(id).toHaveLength(36);
    expect(id).toMatch(UUID_V7);
  });

  it('carries the given time in the first 48 bits', () => {
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

  it('refuses a time UUIDv7 cannot hold', () => {
    expect(() => newId(-1)).toThrow(RangeError);
    expect(() => newId(2 ** 48)).toThrow(RangeError);
    expect(() => newId(1.5)).toThrow(RangeError);
  });
});

describe('deterministicId', () => {
  const time = Date.UTC(2024, 0, 15);

  it('gives the same id for the same time and parts', () => {
    expect(deterministicId(time, 'job-1', 'row-7', 'contact')).toBe(deterministicId(time, 'job-1', 'row-7', 'contact'));
  });

  it('is a UUIDv7 carrying the given time', () => {
    const id = deterministicId(time, 'job-1');
    expect(id).toMatch(UUID_V7);
    expect(timestampOf(id)).toBe(time);
  });

  it('gives different ids when the parts differ, including only in how they are split', () => {
    const ids = [
      deterministicId(time, 'job-1', 'row-7'),
      deterministicId(time, 'job-1', 'row-8'),
      deterministicId(time, 'job-1row-7'),
      deterministicId(time, 'job-1r', 'ow-7'),
      deterministicId(time, 'job-1', 'row-7', ''),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not collide across many similar inputs', () => {
    const ids = new Set(Array.from({ length: 20_000 }, (_, row) => deterministicId(time, 'job-1', String(row))));
    expect(ids.size).toBe(20_000);
  });

  it('differs from ids of the same parts at another time only in the timestamp', () => {
    const a = deterministicId(time, 'x');
    const b = deterministicId(time + 1, 'x');
    expect(a.slice(13)).toBe(b.slice(13));
    expect(a).not.toBe(b);
  });
});

describe('fieldIdFrom', () => {
  it('makes 13 characters from an id, the same each time, and keeps 20,000 new fields apart', () => {
    const id = deterministicId(Date.UTC(2026, 0, 1), 'job', 'field', 'contact', 'tier');
    expect(fieldIdFrom(id)).toMatch(/^f[0-9a-f]{12}$/);
    expect(fieldIdFrom(id)).toBe(fieldIdFrom(deterministicId(Date.UTC(2026, 0, 1), 'job', 'field', 'contact', 'tier')));
    const made = new Set(Array.from({ length: 20_000 }, () => fieldIdFrom(newId())));
    expect(made.size).toBe(20_000);
  });
});
