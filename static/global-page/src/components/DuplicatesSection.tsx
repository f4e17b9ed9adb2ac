// The Duplicates tab (editors): contacts that are probably the same person, why the app thinks so, and Merge or Dismiss.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { ApiResult, ContactView } from '../api-types';
import { call } from '../bridge';
import { plural } from '../format';
import { useLoader } from '../hooks/use-loader';
import { useRouter } from '../router';
import { EmptyState } from './EmptyState';
import { LoadError } from './LoadError';
import { Loading } from './Loading';
import { MergeDialog, mergeSummary } from './MergeDialog';

type Pair = ApiResult<'duplicates/contacts'>['pairs'][number];

const REASONS: Record<Pair['reasons'][number], string> = {
  'same-email': 'Same mailbox',
  'same-phone': 'Same phone',
  'same-name-and-company': 'Same name and company',
};

export function DuplicatesSection() {
  const { navigate } = useRouter();
  const list = useLoader(() => call('duplicates/contacts', {}), []);
  const [merging, setMerging] = useState<{ keep: ContactView; merge: ContactView } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (list.error) return <LoadError title="Possible duplicates could not be found" message={list.error} onRetry={list.reload} />;
  if (list.data === null) return <Loading label="Looking for possible duplicates" />;
  const { pairs, scanned, truncated } = list.data;

  const run = async (pair: Pair, action: () => Promise<void>) => {
    setBusy(pair.key);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'That did not work. Try again.');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="section">
      <div className="toolbar">
        <div className="section-intro">
          <h2 className="section-title">Possible duplicates</h2>
          <p className="muted">
            Contacts whose emails differ only by dots, plus-tags or case, who share a phone number, or who have the same name in the same company.{' '}
            {plural(scanned, 'contact')} compared{truncated ? ' (the first part of a large directory)' : ''}.
          </p>
        </div>
        <Button onClick={list.reload}>Refresh</Button>
      </div>
      {notice && (
        <div className="profile-notice" role="status">
          <SectionMessage appearance="success" isDismissible onDismiss={() => setNotice(null)}>
            <p>{notice}</p>
          </SectionMessage>
        </div>
      )}
      {error && (
        <SectionMessage appearance="error">
          <p>{error}</p>
        </SectionMessage>
      )}
      {pairs.length === 0 ? (
        <EmptyState title="No possible duplicates">Pairs show here when two contacts look like the same person.</EmptyState>
      ) : (
        <ul className="work-list" aria-label="Possible duplicate pairs">
          {pairs.map((pair) => (
            <li key={pair.key} className="work-item duplicate-pair">
              <div className="work-main">
                <div className="duplicate-reasons">
                  {pair.reasons.map((reason) => (
                    <span key={reason} className="status-badge">
                      <Lozenge appearance="moved">{REASONS[reason]}</Lozenge>
                    </span>
                  ))}
                  {pair.sharedCompany && <span className="muted small">at {pair.sharedCompany}</span>}
                </div>
                <div className="duplicate-contacts">
                  {pair.contacts.map((c) => (
                    <div key={c.id} className="duplicate-contact">
                      <button type="button" className="link-button" onClick={() => navigate({ section: 'contacts', id: c.id })}>
                        {c.displayName || c.email}
                      </button>
                      <div className="work-meta">
                        <span>{c.email}</span>
                        {c.phone && <span>{c.phone}</span>}
                        {c.companies.length > 0 && <span>{c.companies.join(', ')}</span>}
                      </div>
                    </div>
                  ))}
                </div>
              </div>
              <div className="work-side">
                <Button
                  appearance="primary"
                  isLoading={busy === pair.key}
                  aria-label={`Merge ${pair.contacts[1].email} into ${pair.contacts[0].email}`}
                  onClick={() =>
                    void run(pair, async () => {
                      const [keep, merge] = await Promise.all(pair.contacts.map((c) => call('contacts/get', { id: c.id })));
                      setMerging({ keep: keep!.contact, merge: merge!.contact });
                    })
                  }
                >
                  Merge
                </Button>
                <Button
                  appearance="subtle"
                  aria-label={`Dismiss ${pair.contacts[0].email} and ${pair.contacts[1].email}`}
                  onClick={() =>
                    void run(pair, async () => {
                      await call('duplicates/dismiss', { contactIds: [pair.contacts[0].id, pair.contacts[1].id] });
                      setNotice(`Dismissed: ${pair.contacts[0].email} and ${pair.contacts[1].email} will not be suggested again.`);
                      list.replace((current) => ({ ...current, pairs: current.pairs.filter((p) => p.key !== pair.key) }));
                    })
                  }
                >
                  Dismiss
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {merging && (
        <MergeDialog
          keep={{ type: 'contact', record: merging.keep }}
          initial={{ type: 'contact', record: merging.merge }}
          onClose={() => setMerging(null)}
          onMerged={(result, merged) => {
            setMerging(null);
            setNotice(mergeSummary(result, merged));
            list.reload();
          }}
        />
      )}
    </div>
  );
}
