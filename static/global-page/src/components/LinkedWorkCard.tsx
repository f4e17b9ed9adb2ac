// A profile's linked work: Jira issues, JSM requests and Confluence pages and spaces, with counts per kind, filters,
// paging, hidden items counted, missing ones cleaned up, and (for editors) linking and unlinking by pasting a link.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isWorkReferenceProblem, parseWorkReference } from '../../../../src/domain/work-reference';
import type { ApiInput, ApiResult, RecordType } from '../api-types';
import { ApiCallError, call } from '../bridge';
import { formatDate, plural } from '../format';
import { useSession } from '../session';
import { Card } from './Card';

type Work = ApiResult<'links/work'>;
type Item = Work['items'][number];
type Kind = 'issue' | 'page' | 'space';
type State = 'all' | 'open' | 'done';

const PAGE_SIZE = 25;
const KIND_LABELS: Record<Kind, [string, string]> = { issue: ['Issue', 'Issues'], page: ['Page', 'Pages'], space: ['Space', 'Spaces'] };
const STATUS_APPEARANCE = { new: 'default', indeterminate: 'inprogress', done: 'success' } as const;

export function LinkedWorkCard({ recordType, recordId, recordName }: { recordType: RecordType; recordId: string; recordName: string }) {
  const { canWrite } = useSession();
  const [kind, setKind] = useState<Kind | undefined>(undefined);
  const [state, setState] = useState<State>('all');
  const [project, setProject] = useState('');
  const [subsidiaries, setSubsidiaries] = useState(false);
  const [work, setWork] = useState<Work | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [hidden, setHidden] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(0);

  const query = (after: string | null): ApiInput<'links/work'> => ({
    recordType,
    recordId,
    ...(kind ? { kind } : {}),
    state,
    ...(project ? { project } : {}),
    subsidiaries: recordType === 'company' && subsidiaries,
    after,
    limit: PAGE_SIZE,
  });

  const load = async (after: string | null) => {
    const request = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const page = await call('links/work', query(after));
      if (request !== latest.current) return;
      setWork(page);
      setItems((current) => (after === null ? page.items : [...current, ...page.items]));
      setHidden((current) => (after === null ? page.hidden : current + page.hidden));
    } catch (failure) {
      if (request === latest.current) setError(failure instanceof Error ? failure.message : 'Linked work could not be loaded.');
    } finally {
      if (request === latest.current) setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordType, recordId, kind, state, project, subsidiaries, generation]);

  const reload = () => setGeneration((g) => g + 1);
  const counts = work?.counts ?? { issue: 0, page: 0, space: 0 };
  const total = counts.issue + counts.page + counts.space;
  const issuesOnly = state !== 'all' || project !== '';
  const missing = items.filter((i) => i.state === 'missing').length;

  return (
    <Card title="Linked work" wide>
      {canWrite && <LinkForm recordType={recordType} recordId={recordId} onLinked={(message) => { setNotice(message); reload(); }} />}
      {notice && (
        <div className="profile-notice" role="status">
          <SectionMessage appearance="success" isDismissible onDismiss={() => setNotice(null)}>
            <p>{notice}</p>
          </SectionMessage>
        </div>
      )}
      <div className="work-filters" role="group" aria-label="Filter linked work">
        <div className="segmented" role="group" aria-label="Kind">
          <button type="button" aria-pressed={kind === undefined && !issuesOnly} onClick={() => setKind(undefined)} disabled={issuesOnly}>
            All <span className="count">{total.toLocaleString()}</span>
          </button>
          {(['issue', 'page', 'space'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={kind === k || (issuesOnly && k === 'issue')} onClick={() => setKind(k)} disabled={issuesOnly && k !== 'issue'}>
              {KIND_LABELS[k][1]} <span className="count">{counts[k].toLocaleString()}</span>
            </button>
          ))}
        </div>
        <label className="inline-field">
          <span>Status</span>
          <select value={state} onChange={(e) => setState(e.target.value as State)}>
            <option value="all">Any status</option>
            <option value="open">Open</option>
            <option value="done">Done</option>
          </select>
        </label>
        <label className="inline-field">
          <span>Project</span>
          <select value={project} onChange={(e) => setProject(e.target.value)}>
            <option value="">All projects</option>
            {(work?.projects ?? []).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        {recordType === 'company' && (
          <label className="inline-check">
            <input type="checkbox" checked={subsidiaries} onChange={(e) => setSubsidiaries(e.target.checked)} />
            <span>Include subsidiaries</span>
          </label>
        )}
      </div>
      {work && recordType === 'company' && (
        <p className="muted small">
          Work linked to {recordName}
          {work.scope.contacts > 0 ? `, its ${plural(work.scope.contacts, 'contact')}` : ''}
          {subsidiaries && work.scope.companies > 1 ? ` and ${plural(work.scope.companies - 1, 'subsidiary', 'subsidiaries')}` : ''}.
          {work.truncated ? ' Some records were left out: the group is larger than one view reads.' : ''}
        </p>
      )}
      {error && (
        <SectionMessage appearance="error" title="Linked work could not be loaded">
          <p>{error}</p>
          <Button onClick={reload}>Try again</Button>
        </SectionMessage>
      )}
      {!error && items.length === 0 && !loading && (
        <p className="muted">{total === 0 ? 'Nothing is linked yet.' : 'No linked work matches these filters.'}</p>
      )}
      {items.length > 0 && (
        <ul className="work-list" aria-label="Linked work items">
          {items.map((item) => (
            <WorkRow
              key={`${item.targetType}:${item.targetId}`}
              item={item}
              recordType={recordType}
              recordId={recordId}
              canUnlink={canWrite && item.via.some((v) => v.recordType === recordType && v.id === recordId)}
              onUnlinked={reload}
            />
          ))}
        </ul>
      )}
      {hidden > 0 && <p className="muted small">{plural(hidden, 'linked item')} you cannot see in Jira or Confluence {hidden === 1 ? 'is' : 'are'} not shown.</p>}
      {canWrite && missing > 0 && (
        <RemoveMissing
          count={missing}
          onRemove={async () => {
            const result = await call('links/remove-missing', { recordType, recordId, subsidiaries: recordType === 'company' && subsidiaries });
            setNotice(`Removed ${plural(result.removed, 'link')} to issues deleted in Jira.`);
            reload();
          }}
        />
      )}
      <div className="list-footer">
        {work?.next && (
          <Button onClick={() => void load(work.next)} isLoading={loading}>
            Load more
          </Button>
        )}
        {loading && !work?.next && <span className="muted small" role="status">Loading linked work…</span>}
      </div>
    </Card>
  );
}

function WorkRow({ item, recordType, recordId, canUnlink, onUnlinked }: { item: Item; recordType: RecordType; recordId: string; canUnlink: boolean; onUnlinked: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = item.via.filter((v) => !(v.recordType === recordType && v.id === recordId));
  const label = item.targetType === 'issue' ? item.key : item.title || item.key;
  const meta = [
    item.targetType === 'issue' ? item.issueType : KIND_LABELS[item.targetType as Kind][0],
    item.project ? item.project.name : item.targetType !== 'issue' && item.key ? `Space ${item.key}` : null,
    item.assignee ? `Assignee: ${item.assignee}` : item.targetType === 'issue' && item.state === 'available' ? 'Unassigned' : null,
    item.updated ? `Updated ${formatDate(item.updated)}` : null,
  ].filter((part): part is string => Boolean(part));
  return (
    <li className="work-item">
      <div className="work-main">
        <div className="work-title">
          {item.url ? (
            <a href={item.url} target="_blank" rel="noopener noreferrer" className="work-key">
              {label}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : (
            <span className="work-key">{label}</span>
          )}
          {item.targetType === 'issue' && item.title && <span className="work-summary">{item.title}</span>}
        </div>
        <div className="work-meta">
          {meta.map((part) => (
            <span key={part}>{part}</span>
          ))}
          {others.length > 0 && <span>Linked to {others.map((v) => v.name).join(', ')}</span>}
        </div>
        {error && <p className="field-error">{error}</p>}
      </div>
      <div className="work-side">
        {item.state === 'missing' ? (
          <span className="status-badge">
            <Lozenge appearance="removed">Deleted</Lozenge>
          </span>
        ) : item.status ? (
          <span className="status-badge">
            <Lozenge appearance={STATUS_APPEARANCE[item.status.category]} maxWidth={160}>
              {item.status.name}
            </Lozenge>
          </span>
        ) : null}
        {canUnlink && (
          <Button
            appearance="subtle"
            spacing="compact"
            isLoading={busy}
            aria-label={`Unlink ${label}`}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await call('links/remove', { recordType, recordId, targetType: item.targetType, targetId: item.targetId });
                onUnlinked();
              } catch (failure) {
                setError(failure instanceof Error ? failure.message : 'Unlinking failed. Try again.');
                setBusy(false);
              }
            }}
          >
            Unlink
          </Button>
        )}
      </div>
    </li>
  );
}

function RemoveMissing({ count, onRemove }: { count: number; onRemove: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="work-missing">
      <p className="small">
        {plural(count, 'linked issue')} shown here {count === 1 ? 'was' : 'were'} deleted in Jira.
      </p>
      <Button
        isLoading={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await onRemove();
          } catch (failure) {
            setError(failure instanceof Error ? failure.message : 'Removing failed. Try again.');
          } finally {
            setBusy(false);
          }
        }}
      >
        Remove links to deleted issues
      </Button>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function LinkForm({ recordType, recordId, onLinked }: { recordType: RecordType; recordId: string; onLinked: (message: string) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const reference = parseWorkReference(text);
    if (isWorkReferenceProblem(reference)) {
      setError(reference.problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const target =
        reference.type === 'issue'
          ? { type: 'issue' as const, issueKey: reference.issueKey, ...(reference.url ? { url: reference.url } : {}) }
          : { type: 'confluence' as const, url: reference.url };
      const result = await call('links/add', { recordType, recordId, target, alsoCompanyIds: [] });
      const made = result.created[0];
      setText('');
      onLinked(made ? `Linked ${made.targetKey || made.title}.` : 'Already linked: nothing changed.');
    } catch (failure) {
      setError(failure instanceof ApiCallError || failure instanceof Error ? failure.message : 'Linking failed. Try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="link-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={`link-${recordId}`}>Link an issue, request, page or space</label>
      <div className="link-form-row">
        <Textfield
          id={`link-${recordId}`}
          value={text}
          placeholder="SUP-42, or paste a Jira or Confluence link"
          onChange={(e) => setText((e.target as HTMLInputElement).value)}
          isInvalid={error !== null}
          aria-invalid={error !== null ? true : undefined}
          aria-describedby={error ? `link-${recordId}-error` : undefined}
        />
        <Button type="submit" appearance="primary" isLoading={busy}>
          Link
        </Button>
      </div>
      {error && (
        <p id={`link-${recordId}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
