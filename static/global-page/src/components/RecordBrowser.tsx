// A section that lists records and opens their profiles on top, keeping the list (and its search) underneath; which
// profile is open comes from the route, so links, reloads and back/forward land on it.
import SectionMessage from '@atlaskit/section-message';
import { type ReactNode, useState } from 'react';
import type { OpenRecord, RecordRef } from '../navigation';
import { useRouter } from '../router';
import { Breadcrumbs } from './Breadcrumbs';
import { CompanyPage } from './CompanyPage';
import { ContactPage } from './ContactPage';

export function RecordBrowser({
  section,
  rootLabel,
  list,
}: {
  section: 'contacts' | 'companies';
  rootLabel: string;
  list: (props: { onOpen: OpenRecord; refreshKey: number }) => ReactNode;
}) {
  const { route, navigate } = useRouter();
  // Names of records opened in this page session, for the breadcrumbs until the profile has loaded its own.
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());
  // Bumped when a profile changed something the list shows, so the list reloads when it is shown again.
  const [refreshKey, setRefreshKey] = useState(0);
  const [stale, setStale] = useState(false);
  const [shownId, setShownId] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const gone = (message: string) => {
    setNotice(message);
    setStale(true);
    navigate({ section }, { replace: true });
  };

  const open: OpenRecord = (target) => {
    setLabels((current) => new Map(current).set(target.id, target.label));
    navigate(target.type === 'contact' ? { section: 'contacts', id: target.id } : { section: 'companies', id: target.id });
    window.scrollTo({ top: 0 });
  };
  const id = route.section === section ? route.id : shownId;
  // The list reloads when it comes back after a profile changed something.
  if (route.section === section && route.id !== shownId) {
    setShownId(route.id);
    if (route.id === undefined && stale) {
      setRefreshKey((k) => k + 1);
      setStale(false);
    }
  }
  const type = section === 'contacts' ? 'contact' : 'company';
  const current: RecordRef | undefined = id === undefined ? undefined : { type, id, label: labels.get(id) ?? '' };
  const named = (name: string) => {
    if (id !== undefined && labels.get(id) !== name) setLabels((m) => new Map(m).set(id, name));
  };

  return (
    <>
      {current && (
        <div className="section">
          <Breadcrumbs rootLabel={rootLabel} trail={[current]} onNavigate={() => navigate({ section })} />
          {current.type === 'contact' ? (
            <ContactPage key={current.id} id={current.id} onOpen={open} onChanged={() => setStale(true)} onNamed={named} onGone={gone} />
          ) : (
            <CompanyPage key={current.id} id={current.id} onOpen={open} onChanged={() => setStale(true)} onNamed={named} onGone={gone} />
          )}
        </div>
      )}
      <div hidden={current !== undefined}>
        {notice && (
          <div className="profile-notice" role="status">
            <SectionMessage appearance="success" isDismissible onDismiss={() => setNotice(null)}>
              <p>{notice}</p>
            </SectionMessage>
          </div>
        )}
        {list({ onOpen: open, refreshKey })}
      </div>
    </>
  );
}
