// A record's history on its profile: who changed what and when, newest first, with older changes a page at a time.
import Button from '@atlaskit/button/new';
import { useCallback, useEffect, useState } from 'react';
import type { ApiResult, RecordType } from '../api-types';
import { call } from '../bridge';
import { changeLines } from '../change-format';
import { formatDateTime } from '../format';
import { personName, useSession } from '../session';
import { Card } from './Card';
import { ChangeValues } from './ChangeValues';

type Entry = ApiResult<'audit/record'>['items'][number];

const PAGE_SIZE = 10;
const SHOWN_CHANGES = 8;

export const ACTION_LABELS: Record<Entry['action'], string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  merge: 'Merged',
  link: 'Linked to an issue',
  unlink: 'Unlinked from an issue',
  'membership-add': 'Membership added',
  'membership-update': 'Membership changed',
  'membership-remove': 'Membership removed',
  'note-add': 'Note added',
  'note-edit': 'Note edited',
  'note-delete': 'Note deleted',
  erase: 'Erased',
  import: 'Imported',
};

/** A change of `refreshKey` (the profile saved something) loads the newest entries again. */
export function HistoryCard({
  recordType,
  recordId,
  refreshKey,
  names,
}: {
  recordType: RecordType;
  recordId: string;
  refreshKey: string;
  /** Names for record ids the entries mention (companies of a contact, members of a company). */
  names?: ReadonlyMap<string, string>;
}) {
  const session = useSession();
  const [items, setItems] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'more' | 'idle'>('loading');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      setStatus(after ? 'more' : 'loading');
      setError(null);
      try {
        const page = await call('audit/record', { recordType, recordId, after, limit: PAGE_SIZE });
        setItems((current) => (after ? [...current, ...page.items] : page.items));
        setNext(page.next);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : 'The history could not be loaded.');
      } finally {
        setStatus('idle');
      }
    },
    [recordType, recordId],
  );

  useEffect(() => {
    void load(null);
  }, [load, refreshKey]);

  return (
    <Card title="History" wide>
      {error && (
        <p className="inline">
          <span className="error-text">{error}</span>
          <Button spacing="compact" onClick={() => void load(null)}>
            Try again
          </Button>
        </p>
      )}
      {status === 'loading' && items.length === 0 ? (
        <p className="muted" role="status">
          Loading the history...
        </p>
      ) : items.length === 0 ? (
        <p className="muted">No changes recorded yet.</p>
      ) : (
        <ol className="plain-list history-list" aria-label="History">
          {items.map((entry) => {
            const lines = changeLines(entry.changes, session.fields, names);
            return (
              <li key={entry.id} className="history-entry">
                <div className="history-meta">
                  <span className="history-action">{ACTION_LABELS[entry.action]}</span>
                  <span>by {personName(session, entry.actor)}</span>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </div>
                {entry.action === 'merge' && <p className="history-note">{'mergedInto' in entry.changes ? 'Merged into another record and deleted.' : 'A duplicate was merged into this record.'}</p>}
                {lines.length > 0 && (
                  <ul className="plain-list change-fields">
                    {lines.slice(0, SHOWN_CHANGES).map((line, i) => (
                      <li key={i}>
                        <span className="change-field">{line.field}:</span> <ChangeValues before={line.before} after={line.after} summary={line.summary} />
                      </li>
                    ))}
                    {lines.length > SHOWN_CHANGES && <li className="muted">and {lines.length - SHOWN_CHANGES} more fields</li>}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {next !== null && (
        <div className="list-footer">
          <Button onClick={() => void load(next)} isLoading={status === 'more'}>
            Show older changes
          </Button>
        </div>
      )}
    </Card>
  );
}
