// Company parent/child rules: refusing a parent that would make a loop, and listing a company's subsidiaries.
import { MAX_HIERARCHY_DEPTH } from './limits';

/**
 * True when making `newParentId` the parent of `companyId` would put the company above itself. A chain deeper than
 * MAX_HIERARCHY_DEPTH, or one that already loops, also counts: such data is broken and must not grow.
 */
export function wouldCreateCycle(
  companyId: string,
  newParentId: string | null,
  parentOf: (id: string) => string | null | undefined,
): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = newParentId;
  for (let depth = 0; depth < MAX_HIERARCHY_DEPTH; depth++) {
    if (current === null || current === undefined) return false;
    if (current === companyId || seen.has(current)) return true;
    seen.add(current);
    current = parentOf(current);
  }
  return current !== null && current !== undefined;
}

/** Every company below `rootId`, nearest first; each id once, and never the root, even if the data loops. */
export function descendants(rootId: string, childrenOf: (id: string) => string[]): string[] {
  const seen = new Set<string>([rootId]);
  const found: string[] = [];
  // An index instead of shift() keeps the walk linear for wide trees.
  for (let queue = [rootId], next = 0; next < queue.length; next++) {
    for (const child of childrenOf(queue[next]!)) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
