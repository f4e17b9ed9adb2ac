import { descendants, wouldCreateCycle } from '../../src/domain/hierarchy';

/** A parent lookup from child -> parent pairs. */
const parents = (pairs: Record<string, string | null>) => (id: string) => pairs[id];

/** A children lookup from parent -> children pairs. */
const children = (pairs: Record<string, string[]>) => (id: string) => pairs[id] ?? [];

describe('wouldCreateCycle', () => {
  const tree = parents({ group: null, europe: 'group', france: 'europe', other: null });

  it('allows removing the parent', () => {
    expect(wouldCreateCycle('france', null, tree)).toBe(false);
  });

  it('treats a company as its own parent as a cycle', () => {
    expect(wouldCreateCycle('group', 'group', tree)).toBe(true);
  });

  it('allows a parent from another branch', () => {
    expect(wouldCreateCycle('other', 'france', tree)).toBe(false);
  });

  it('refuses a parent that is below the company', () => {
    expect(wouldCreateCycle('group', 'france', tree)).toBe(true);
    expect(wouldCreateCycle('europe', 'france', tree)).toBe(true);
  });

  it('allows a parent the lookup does not know', () => {
    expect(wouldCreateCycle('other', 'unknown', tree)).toBe(false);
  });

  it('treats a chain that already loops as a cycle', () => {
    expect(wouldCreateCycle('new', 'a', parents({ a: 'b', b: 'a' }))).toBe(true);
  });

  it('treats a chain deeper than 1000 levels as a cycle', () => {
    const deep = (id: string) => {
      const n = Number(id.slice(1));
      return n < 5000 ? `c${n + 1}` : null;
    };
    expect(wouldCreateCycle('new', 'c0', deep)).toBe(true);
    expect(wouldCreateCycle('new', 'c4100', deep)).toBe(false);
  });
});

describe('descendants', () => {
  it('lists every company below the root, nearest first', () => {
    const tree = children({ group: ['europe', 'americas'], europe: ['france', 'germany'], americas: ['brazil'] });
    expect(descendants('group', tree)).toEqual(['europe', 'americas', 'france', 'germany', 'brazil']);
  });

  it('is empty for a company without subsidiaries', () => {
    expect(descendants('leaf', children({}))).toEqual([]);
  });

  it('lists each company once and never the root, even when the data loops', () => {
    const looped = children({ a: ['b', 'c'], b: ['c', 'a'], c: ['b', 'a'] });
    expect(descendants('a', looped)).toEqual(['b', 'c']);
  });
});
