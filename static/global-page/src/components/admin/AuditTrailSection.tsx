// The Audit trail tab (admins): every change in the directory, newest first, filtered by who, what, when, record and
// import job, a page at a time.
import Button from '@atlaskit/button/new';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiInput, ApiResult } from '../../api-types';
import { call } from '../../bridge';
import { changeLines } from '../../change-format';
import { formatDateTime } from '../../format';
import { useRouter } from '../../router';
import { personName, useSession } from '../../session';
import { ChangeValues } from '../ChangeValues';
import { ACTION_LABELS } from '../HistoryCard';
import { LoadError } from '../LoadError';

type Entry = ApiResult<'audit/list'>['items'][number];
type Filters = { actor: string; action: string; recordType: string; recordId: string; jobId: string; from: string; to: string };

const PAGE_SIZE = 25;
const EMPTY: Filters = { actor: '', action: '', recordType: '', recordId: '', jobId: '', from: '', to: '' };
const SHOWN_CHANGES = 6;

export function AuditTrailSection() {
  const session = useSession();
  const { navigate } = useRouter();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [items, setItems] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async (after: string | null) => {
    const request = ++latest.current;
    setLoading(true);
    setError(null);
    const query: ApiInput<'audit/list'> = {
      ...(filters.actor ? { actor: filters.actor } : {}),
      ...(filters.action ? { action: filters.action as Entry['action'] } : {}),
      ...(filters.recordType ? { recordType: filters.recordType } : {}),
      ...(filters.recordId ? { recordId: filters.recordId } : {}),
      ...(filters.jobId ? { jobId: filters.jobId } : {}),
      // Whole days in the viewer's own time zone.
      ...(filters.from ? { from: new Date(`${filters.from}T00:00:00`).toISOString() } : {}),
      ...(filters.to ? { to: new Date(new Date(`${filters.to}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
      after,
      limit: PAGE_SIZE,
    };
    try {
      const page = await call('audit/list', query);
      if (request !== latest.current) return;
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setNext(page.next);
    } catch (failure) {
      if (request === latest.current) setError(failure instanceof Error ? failure.message : 'The audit trail could not be loaded.');
    } finally {
      if (request === latest.current) setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft, actor: draft.actor.trim(), recordId: draft.recordId.trim(), jobId: draft.jobId.trim() });
  };
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const people = [...session.people.entries()];

  return (
    <div className="section">
      <div className="section-intro">
        <h2 className="section-title">Audit trail</h2>
        <p className="muted">Every change to contacts, companies, memberships, links and notes, newest first. Only app admins see this tab.</p>
      </div>
      <form className="admin-filters" onSubmit={apply} aria-label="Filter the audit trail">
        <label>
          Who
          <input list="audit-people" value={draft.actor} onChange={set('actor')} placeholder="Account id" />
          <datalist id="audit-people">
            {people.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          What
          <select value={draft.action} onChange={set('action')}>
            <option value="">Any change</option>
            {Object.entries(ACTION_LABELS).map(([action, label]) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Record type
          <select value={draft.recordType} onChange={set('recordType')}>
            <option value="">Any record</option>
            <option value="contact">Contact</option>
            <option value="company">Company</option>
          </select>
        </label>
        <label>
          Record id
          <input value={draft.recordId} onChange={set('recordId')} />
        </label>
        <label>
          Import job
          <input value={draft.jobId} onChange={set('jobId')} />
        </label>
        <label>
          From
          <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <div className="row-actions">
          <Button type="submit" appearance="primary">
            Apply filters
          </Button>
          <Button
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      {error && <LoadError title="The audit trail could not be loaded" message={error} onRetry={() => void load(null)} />}
      {!error && items.length === 0 && !loading && <p className="muted">No changes match these filters.</p>}
      {items.length > 0 && (
        <ol className="plain-list history-list" aria-label="Audit trail entries">
          {items.map((entry) => {
            const lines = changeLines(entry.changes, session.fields);
            const isRecord = entry.recordType === 'contact' || entry.recordType === 'company';
            return (
              <li key={entry.id} className="history-entry">
                <div className="history-meta">
                  <span className="history-action">{ACTION_LABELS[entry.action]}</span>
                  <span>by {personName(session, entry.actor)}</span>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  {isRecord ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => navigate(entry.recordType === 'contact' ? { section: 'contacts', id: entry.recordId } : { section: 'companies', id: entry.recordId })}
                    >
                      {entry.recordType === 'contact' ? 'Contact' : 'Company'} …{entry.recordId.slice(-8)}
                    </button>
                  ) : (
                    <span>
                      {entry.recordType} …{entry.recordId.slice(-8)}
                    </span>
                  )}
                </div>
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
      <div className="list-footer">
        {next !== null && (
          <Button onClick={() => void load(next)} isLoading={loading}>
            Load older changes
          </Button>
        )}
      </div>
    </div>
  );
}
