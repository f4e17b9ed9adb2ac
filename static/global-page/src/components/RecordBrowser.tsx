// A section that lists records and opens their profiles on top, keeping the list (and its search) underneath.
import { type ReactNode, useState } from 'react';
import type { OpenRecord, RecordRef } from '../navigation';
import { Breadcrumbs } from './Breadcrumbs';
import { CompanyPage } from './CompanyPage';
import { ContactPage } from './ContactPage';

export function RecordBrowser({ rootLabel, list }: { rootLabel: string; list: (props: { onOpen: OpenRecord; refreshKey: number }) => ReactNode }) {
  const [trail, setTrail] = useState<RecordRef[]>([]);
  // Bumped when a profile changed something the list shows, so the list reloads when it is shown again.
  const [refreshKey, setRefreshKey] = useState(0);
  const [stale, setStale] = useState(false);

  const open: OpenRecord = (target) => {
    setTrail((current) => {
      const top = current[current.length - 1];
      return top && top.type === target.type && top.id === target.id ? current : [...current, target];
    });
    window.scrollTo({ top: 0 });
  };
  const navigate = (depth: number) => {
    setTrail((current) => current.slice(0, depth));
    if (depth === 0 && stale) {
      setRefreshKey((k) => k + 1);
      setStale(false);
    }
  };
  const current = trail[trail.length - 1];

  return (
    <>
      {current && (
        <div className="section">
          <Breadcrumbs rootLabel={rootLabel} trail={trail} onNavigate={navigate} />
          {current.type === 'contact' ? (
            <ContactPage key={current.id} id={current.id} onOpen={open} onChanged={() => setStale(true)} />
          ) : (
            <CompanyPage key={current.id} id={current.id} onOpen={open} onChanged={() => setStale(true)} />
          )}
        </div>
      )}
      <div hidden={current !== undefined}>{list({ onOpen: open, refreshKey })}</div>
    </>
  );
}
