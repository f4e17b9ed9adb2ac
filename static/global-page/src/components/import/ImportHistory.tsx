// The Import history tab (admins): past imports and dry runs with their results, error files, and undo.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../api-types';
import { call } from '../../bridge';
import { notify, usePageEvent } from '../../events';
import { formatDateTime, plural } from '../../format';
import { hasEnded, type ImportJobStatus, type ImportStatus } from '../../hooks/use-import-status';
import { downloadErrorFile } from '../../import/error-file';
import { useRouter, useViewHeading } from '../../router';
import { personName, useSession } from '../../session';
import { AsyncButton } from '../AsyncButton';
import { ConfirmDialog } from '../ConfirmDialog';
import { EmptyState } from '../EmptyState';
import { ListFooter } from '../ListFooter';
import { LoadError } from '../LoadError';
import { ImportReport } from './ImportReport';

type Job = ApiResult<'import/list'>[number];
type Report = NonNullable<ImportStatus['report']>;

const PAGE_SIZE = 25;
const ACTIVE_POLL_MS = 2000;

const STATUS_LABELS: Record<ImportJobStatus, { label: string; appearance: 'default' | 'inprogress' | 'success' | 'removed' | 'moved' }> = {
  staging: { label: 'Uploading', appearance: 'inprogress' },
  queued: { label: 'Queued', appearance: 'inprogress' },
  running: { label: 'Running', appearance: 'inprogress' },
  done: { label: 'Done', appearance: 'success' },
  failed: { label: 'Failed', appearance: 'removed' },
  undoing: { label: 'Undoing', appearance: 'inprogress' },
  undone: { label: 'Undone', appearance: 'default' },
};

const HEAD = {
  cells: [
    { key: 'when', content: 'Started', width: 13 },
    { key: 'who', content: 'By', width: 9 },
    { key: 'file', content: 'File', width: 17 },
    { key: 'kind', content: 'Type', width: 8 },
    { key: 'rows', content: 'Rows', width: 6 },
    { key: 'status', content: 'Status', width: 8 },
    { key: 'result', content: 'Result', width: 21 },
    { key: 'actions', content: <span className="visually-hidden">Actions</span>, width: 18 },
  ],
};

export function ImportHistory() {
  const session = useSession();
  const [jobs, setJobs] = useState<Job[]>([]);
  const [reports, setReports] = useState<Record<string, Report | null>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [undoing, setUndoing] = useState<Job | null>(null);
  // The open report is part of the address (imports/<job id>), so a link or a reload shows it again.
  const { route, navigate } = useRouter();
  const details = route.section === 'import-history' ? (route.jobId ?? null) : null;
  const setDetails = (jobId: string | null) => navigate(jobId ? { section: 'import-history', jobId } : { section: 'import-history' });
  const reportHeading = useViewHeading<HTMLHeadingElement>({ section: 'import-history', ...(details ? { jobId: details } : {}) }, details !== null && Boolean(reports[details ?? '']));
  const [undoJobId, setUndoJobId] = useState<string | null>(null);
  // Custom fields the import being undone created (from its audit entries), and whether to delete them once it is undone.
  const [createdFields, setCreatedFields] = useState<{ id: string; name: string }[]>([]);
  const [removeFields, setRemoveFields] = useState(false);
  const fieldRemoval = useRef<{ jobId: string; fieldIds: string[] } | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const [fieldsNotice, setFieldsNotice] = useState<string | null>(null);
  useEffect(() => {
    setCreatedFields([]);
    setRemoveFields(false);
    if (!undoing) return;
    call('audit/list', { jobId: undoing.jobId, recordType: 'field', action: 'create', limit: 100 }).then(
      (page) => {
        const still = new Set(session.fields.map((f) => f.id));
        setCreatedFields(
          page.items
            .filter((entry) => still.has(entry.recordId))
            .map((entry) => ({ id: entry.recordId, name: session.fields.find((f) => f.id === entry.recordId)?.name ?? entry.recordId })),
        );
      },
      () => setCreatedFields([]),
    );
  }, [undoing, session.fields]);
  const latest = useRef(0);
  // The undo started here: when it ends, the directory lists are stale.
  const undoWatch = useRef<string | null>(null);

  // The list has progress only; each finished job's counts come from its status (at most one page of calls).
  const fetchReports = useCallback(async (list: Job[]): Promise<Record<string, Report | null>> => {
    const ended = list.filter((job) => hasEnded(job.status));
    const answers = await Promise.all(ended.map((job) => call('import/status', { jobId: job.jobId }).then((s) => [job.jobId, s.report] as const, () => [job.jobId, null] as const)));
    return Object.fromEntries(answers);
  }, []);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setError(null);
    try {
      const list = await call('import/list', { limit: PAGE_SIZE });
      // Rows appear with their results, so the table does not grow under the reader as counts arrive.
      const found = await fetchReports(list);
      if (request !== latest.current) return;
      setReports((current) => ({ ...current, ...found }));
      setJobs(list);
      setHasMore(list.length === PAGE_SIZE);
      if (list.some((job) => job.jobId === undoWatch.current && hasEnded(job.status))) {
        undoWatch.current = null;
        notify('directory-changed');
      }
      // Fields are deleted after the undo has put the records back, so it never writes values of a field that is gone.
      const removal = fieldRemoval.current;
      if (removal && list.some((job) => job.jobId === removal.jobId && job.status === 'undone')) {
        fieldRemoval.current = null;
        for (const id of removal.fieldIds) await call('fields/delete', { id, confirm: true });
        await sessionRef.current.refreshFields();
        setFieldsNotice(`Deleted ${plural(removal.fieldIds.length, 'custom field')} the undone import had created.`);
      }
    } catch (failure) {
      if (request === latest.current) setError(failure instanceof Error ? failure.message : 'The import history could not be loaded.');
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [fetchReports]);

  useEffect(() => {
    void load();
  }, [load]);
  usePageEvent('imports-changed', () => void load());

  // While a job runs or undoes, its row follows it.
  const anyActive = jobs.some((job) => !hasEnded(job.status));
  useEffect(() => {
    if (!anyActive) return;
    const timer = setTimeout(() => void load(), ACTIVE_POLL_MS);
    return () => clearTimeout(timer);
  }, [anyActive, jobs, load]);

  const loadMore = async () => {
    const last = jobs[jobs.length - 1];
    if (!last) return;
    setLoadingMore(true);
    try {
      const more = await call('import/list', { limit: PAGE_SIZE, before: last.jobId });
      const found = await fetchReports(more);
      setReports((current) => ({ ...current, ...found }));
      setJobs((current) => [...current, ...more]);
      setHasMore(more.length === PAGE_SIZE);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'More imports could not be loaded.');
    } finally {
      setLoadingMore(false);
    }
  };

  const shown = jobs.find((job) => job.jobId === details);
  const shownReport = details ? reports[details] : null;
  const undoJob = jobs.find((job) => job.jobId === undoJobId);
  const undoReport = undoJobId ? reports[undoJobId] : null;

  const rows = jobs.map((job) => {
    const report = reports[job.jobId] ?? null;
    const status = STATUS_LABELS[job.status];
    return {
      key: job.jobId,
      cells: [
        { key: 'when', content: formatDateTime(job.createdAt) },
        { key: 'who', content: personName(session, job.createdBy) },
        { key: 'file', content: <span className="cell-text break">{job.fileName}</span> },
        { key: 'kind', content: <span className="status-badge">{job.dryRun ? <Lozenge>Dry run</Lozenge> : <Lozenge appearance="new">Import</Lozenge>}</span> },
        { key: 'rows', content: job.totalRows.toLocaleString() },
        {
          key: 'status',
          content: (
            <span className="cell-primary">
              <span className="status-badge">
                <Lozenge appearance={status.appearance}>{status.label}</Lozenge>
              </span>
              {!hasEnded(job.status) && job.status !== 'staging' && <span className="cell-secondary">{job.percent}%</span>}
            </span>
          ),
        },
        { key: 'result', content: report ? <ResultSummary report={report} /> : job.error ? <span className="cell-secondary">{job.error}</span> : '' },
        {
          key: 'actions',
          content: (
            <div className="row-actions wrap">
              {report && (
                <Button appearance="subtle" spacing="compact" onClick={() => setDetails(details === job.jobId ? null : job.jobId)} aria-expanded={details === job.jobId}>
                  {details === job.jobId ? 'Hide report' : 'Report'}
                </Button>
              )}
              {report && report.rejected > 0 && <AsyncButton label="Error file" appearance="subtle" onClick={() => downloadErrorFile(job.jobId, job.fileName)} />}
              {(job.status === 'staging' || job.status === 'queued' || job.status === 'running') && (
                <AsyncButton
                  label="Cancel"
                  appearance="subtle"
                  onClick={async () => {
                    await call('import/cancel', { jobId: job.jobId });
                    notify('imports-changed');
                  }}
                />
              )}
              {!job.dryRun && (job.status === 'done' || job.status === 'failed') && (
                <Button appearance="subtle" spacing="compact" onClick={() => setUndoing(job)}>
                  Undo
                </Button>
              )}
            </div>
          ),
        },
      ],
    };
  });

  return (
    <div className="section">
      <div className="toolbar">
        <div className="section-intro">
          <h2 className="section-title">Import history</h2>
          <p className="muted">Every import and dry run, newest first. Undo reverses an import unless a record was edited after it.</p>
        </div>
        <Button onClick={() => void load()}>Refresh</Button>
      </div>
      {undoJob && <UndoBanner job={undoJob} report={undoReport ?? null} onDismiss={() => setUndoJobId(null)} />}
      {fieldsNotice && (
        <SectionMessage appearance="success" isDismissible onDismiss={() => setFieldsNotice(null)}>
          <p>{fieldsNotice}</p>
        </SectionMessage>
      )}
      {error ? (
        <LoadError title="The import history could not be loaded" message={error} onRetry={() => void load()} />
      ) : (
        <DynamicTable
          label="Import history"
          head={HEAD}
          rows={rows}
          isLoading={loading}
          loadingLabel="Loading the import history"
          emptyView={<EmptyState title="No imports yet">Imports and dry runs show here once an admin starts one from the Import tab.</EmptyState>}
        />
      )}
      <ListFooter hasMore={hasMore} loading={loadingMore} onLoadMore={() => void loadMore()} />
      {shown && shownReport && (
        <section className="card history-report" aria-labelledby="history-report-heading">
          <div className="card-header">
            <h3 id="history-report-heading" ref={reportHeading} tabIndex={-1}>
              {shown.dryRun ? 'Dry run' : 'Import'} of {shown.fileName}
            </h3>
            <Button appearance="subtle" onClick={() => setDetails(null)}>
              Close
            </Button>
          </div>
          <ImportReport report={shownReport} warnings={[]} />
        </section>
      )}
      <ConfirmDialog
        isOpen={undoing !== null}
        title="Undo this import?"
        confirmLabel="Undo import"
        onClose={() => setUndoing(null)}
        onConfirm={async () => {
          if (!undoing) return;
          await call('import/undo', { jobId: undoing.jobId });
          if (removeFields && createdFields.length > 0) fieldRemoval.current = { jobId: undoing.jobId, fieldIds: createdFields.map((f) => f.id) };
          undoWatch.current = undoing.jobId;
          setUndoJobId(undoing.jobId);
          notify('imports-changed');
        }}
      >
        {undoing && (
          <>
            <p>
              Undo the import of <strong>{undoing.fileName}</strong> started {formatDateTime(undoing.createdAt)}?
            </p>
            <ul>
              <li>Contacts, companies and memberships it created are removed.</li>
              <li>Records it changed get their earlier values back.</li>
              <li>Records edited after the import are left as they are, and listed.</li>
            </ul>
            {createdFields.length > 0 && (
              <label className="inline-check">
                <input type="checkbox" checked={removeFields} onChange={(e) => setRemoveFields(e.target.checked)} />
                <span>
                  Also delete the {plural(createdFields.length, 'custom field')} it created ({createdFields.map((f) => f.name).join(', ')}), with their values on every record
                </span>
              </label>
            )}
            <p>An undo cannot be undone.</p>
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** The undo started from this page: running, then what it restored, removed and left alone. */
function UndoBanner({ job, report, onDismiss }: { job: Job; report: Report | null; onDismiss: () => void }) {
  if (job.status === 'undone' && report?.undo) {
    const { restored, removed, skipped } = report.undo;
    return (
      <SectionMessage appearance="success" title={`Import of ${job.fileName} undone`} headingLevel="h3" isDismissible onDismiss={onDismiss}>
        <p>
          {plural(restored, 'record')} restored, {plural(removed, 'record')} removed, {plural(skipped.length, 'record')} skipped.
        </p>
        {skipped.length > 0 && (
          <>
            <p>Skipped because they were edited after the import:</p>
            <ul className="compact-list" aria-label="Records skipped by the undo">
              {skipped.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )}
      </SectionMessage>
    );
  }
  if (job.status === 'failed' && job.phase === 'undo') {
    return (
      <SectionMessage appearance="error" title={`Undoing ${job.fileName} stopped`} headingLevel="h3" isDismissible onDismiss={onDismiss}>
        <p>{job.error ?? 'It stopped without saying why.'} Try the undo again.</p>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="information" title={`Undoing the import of ${job.fileName}`} headingLevel="h3">
      <p>Restoring the records it changed and removing the ones it created. This takes a moment for large imports; you can leave the page.</p>
    </SectionMessage>
  );
}

function ResultSummary({ report }: { report: Report }) {
  if (report.undo) {
    return (
      <span className="cell-secondary">
        Undone: {report.undo.restored.toLocaleString()} restored, {report.undo.removed.toLocaleString()} removed, {report.undo.skipped.length.toLocaleString()} skipped
      </span>
    );
  }
  const parts = [
    countsLine(report.contacts, 'contact', 'contacts'),
    countsLine(report.companies, 'company', 'companies'),
    countsLine(report.memberships, 'membership', 'memberships'),
  ].filter((line): line is string => line !== null);
  return (
    <span className="cell-primary">
      {parts.length === 0 ? <span>{report.dryRun ? 'Nothing to change' : 'Nothing changed'}</span> : parts.map((part) => <span key={part}>{part}</span>)}
      {report.rejected > 0 && <span className="cell-secondary">{plural(report.rejected, 'row')} rejected</span>}
    </span>
  );
}

/** "3 new contacts, 1 updated" for one record type; null when the import did not touch it. */
function countsLine(counts: Report['contacts'], one: string, many: string): string | null {
  const parts: string[] = [];
  if (counts.created > 0) parts.push(`${counts.created.toLocaleString()} new ${counts.created === 1 ? one : many}`);
  if (counts.updated > 0) parts.push(`${counts.updated.toLocaleString()} ${parts.length ? '' : `${counts.updated === 1 ? one : many} `}updated`);
  if (counts.removed > 0) parts.push(`${counts.removed.toLocaleString()} ${parts.length ? '' : `${counts.removed === 1 ? one : many} `}removed`);
  return parts.length > 0 ? parts.join(', ') : null;
}
