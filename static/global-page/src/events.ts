// Page-wide notices between sections that do not share state: an import changed the directory, the import list changed.
import { useEffect, useRef } from 'react';

export type PageEvent = 'directory-changed' | 'imports-changed';

const PREFIX = 'customer-directory:';

export function notify(event: PageEvent): void {
  window.dispatchEvent(new Event(PREFIX + event));
}

/** Calls `listener` whenever `event` is notified, for as long as the component is mounted. */
export function usePageEvent(event: PageEvent, listener: () => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const handler = () => latest.current();
    window.addEventListener(PREFIX + event, handler);
    return () => window.removeEventListener(PREFIX + event, handler);
  }, [event]);
}
