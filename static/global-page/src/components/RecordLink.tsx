// A record name that opens its profile: a button styled as a link, since it navigates inside the page.
import type { RecordRef } from '../navigation';

export function RecordLink({ target, onOpen, children }: { target: RecordRef; onOpen: (target: RecordRef) => void; children: React.ReactNode }) {
  return (
    <button type="button" className="link-button" onClick={() => onOpen(target)}>
      {children}
    </button>
  );
}
