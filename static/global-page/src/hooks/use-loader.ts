// Loads one thing for a component (a profile, a list) and lets it reload or replace it after an edit.
import { useEffect, useRef, useState } from 'react';

export type Loaded<T> = {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
  /** Shows a fresher copy returned by a write, without asking again. */
  replace(update: (current: T) => T): void;
};

export function useLoader<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // The newest `load` is used, but only the caller's deps decide when to load again (as with useEffect): a module-level
  // loader is the same function every time, so it could not signal a change itself.
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (request !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setError(failure instanceof Error ? failure.message : 'Loading failed. Try again.');
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation, ...deps]);

  return {
    data,
    error,
    loading,
    reload: () => setGeneration((g) => g + 1),
    replace: (update) => setData((current) => (current === null ? current : update(current))),
  };
}
