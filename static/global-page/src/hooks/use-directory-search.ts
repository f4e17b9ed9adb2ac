// Search with keyset paging for contacts or companies: the first page follows the query, "Load more" appends the next.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchPage } from '../api-types';
import { usePageEvent } from '../events';
import { useDebouncedValue } from './use-debounced-value';

export const SEARCH_DEBOUNCE_MS = 250;
export const LIST_PAGE_SIZE = 25;

/** What a list asks for; both contacts/search and companies/search take it. */
export type PageRequest = { text?: string; after: string | null; limit: number };

export type DirectorySearch<T> = {
  items: T[];
  total: number;
  hasMore: boolean;
  /** 'loading' while the first page for the current query is on its way; 'more' while appending. */
  status: 'loading' | 'more' | 'idle';
  error: string | null;
  /** The query the shown items belong to. */
  query: string;
  loadMore(): void;
  reload(): void;
};

/** `refreshKey` changing reloads the first page, e.g. after a record was edited elsewhere on the page. */
export function useDirectorySearch<T>(search: (request: PageRequest) => Promise<SearchPage<T>>, text: string, refreshKey = 0): DirectorySearch<T> {
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<DirectorySearch<T>['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [shownQuery, setShownQuery] = useState(query);
  const [generation, setGeneration] = useState(0);
  // Answers to superseded requests are dropped: typing fast must not show an older query's results last.
  const latest = useRef(0);
  // The latest search function, so an inline arrow from the caller does not restart the search on every render.
  const searchRef = useRef(search);
  searchRef.current = search;

  const fetchPage = useCallback(
    async (after: string | null, append: boolean) => {
      const request = ++latest.current;
      setStatus(append ? 'more' : 'loading');
      setError(null);
      try {
        const page = await searchRef.current({ text: query || undefined, after, limit: LIST_PAGE_SIZE });
        if (request !== latest.current) return;
        setItems((current) => (append ? [...current, ...page.items] : page.items));
        setTotal(page.total);
        setNext(page.next);
        setShownQuery(query);
      } catch (failure) {
        if (request !== latest.current) return;
        setError(failure instanceof Error ? failure.message : 'The search failed. Try again.');
      } finally {
        if (request === latest.current) setStatus('idle');
      }
    },
    [query],
  );

  useEffect(() => {
    void fetchPage(null, false);
  }, [fetchPage, generation, refreshKey]);
  // An import or an undo elsewhere on the page changed the directory.
  usePageEvent('directory-changed', () => setGeneration((g) => g + 1));

  return {
    items,
    total,
    hasMore: next !== null,
    status,
    error,
    query: shownQuery,
    loadMore: () => {
      if (next !== null && status === 'idle') void fetchPage(next, true);
    },
    reload: () => setGeneration((g) => g + 1),
  };
}
