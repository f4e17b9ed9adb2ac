// What an import (or its dry run) did: counts per record type, rejected rows, warnings, sampled changes, the error file.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../api-types';
import { call } from '../../bridge';
import { changeLines } from '../../change-format';
import { plural } from '../../format';
import { downloadErrorFile } from '../../import/error-file';
import { useSession } from '../../session';
import { AsyncButton } from '../AsyncButton';
import { ChangeValues } from '../ChangeValues';
import { IgnoredColumnsBlock } from './IgnoredColumns';

export type ImportReportView = NonNullable<ApiResult<'import/status'>['report']>;
export type RowIssueView = ApiResult<'import/status'>['warningsSample'][number];

const COUNT_KEYS = ['created', 'updated', 'unchanged', 'removed'] as const;
const COUNT_LABELS: Record<(typeof COUNT_KEYS)[number], string> = { created: 'Created', updated: 'Updated', unchanged: 'Unchanged', removed: 'Removed' };
const DRY_RUN_LABELS: Record<(typeof COUNT_KEYS)[number], string> = { created: 'Would create', updated: 'Would update', unchanged: 'Unchanged', removed: 'Would remove' };

export function ImportReport({ report, warnings }: { report: ImportReportView; warnings: RowIssueView[] }) {
  const { fields } = useSession();
  const labels = report.dryRun ? DRY_RUN_LABELS : COUNT_LABELS;
  const rowsOk = report.rows - report.rejected;
  return (
    <div className="import-report">
      <dl className="report-facts" aria-label="Rows">
        <div>
          <dt>Rows in the file</dt>
          <dd>{report.rows.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{report.dryRun ? 'Rows that would import' : 'Rows imported'}</dt>
          <dd>{rowsOk.toLocaleString()}</dd>
        </div>
        <div className={report.rejected > 0 ? 'fact-error' : undefined}>
          <dt>Rows rejected</dt>
          <dd>{report.rejected.toLocaleString()}</dd>
        </div>
        <div className={report.warnings > 0 ? 'fact-warning' : undefined}>
          <dt>Warnings</dt>
          <dd>{report.warnings.toLocaleString()}</dd>
        </div>
      </dl>
      <div className="table-scroll">
        <table className="data-table counts-table">
          <caption>{report.dryRun ? 'What the import would change' : 'What the import changed'}</caption>
          <thead>
            <tr>
              <th scope="col">Records</th>
              {COUNT_KEYS.map((key) => (
                <th scope="col" key={key} className="numeric">
                  {labels[key]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['Contacts', report.contacts],
                ['Companies', report.companies],
                ['Memberships', report.memberships],
              ] as const
            ).map(([label, counts]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {COUNT_KEYS.map((key) => (
                  <td key={key} className="numeric">
                    {counts[key].toLocaleString()}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.rejected > 0 && (
        <SectionMessage appearance="warning" title={`${plural(report.rejected, 'row')} ${report.rejected === 1 ? 'was' : 'were'} rejected`} headingLevel="h4">
          <p>The error file has these rows as they were in your file, with an Error column saying what to fix. Correct them and import the error file.</p>
          <p>
            <AsyncButton label="Download error file" onClick={() => downloadErrorFile(report.jobId, report.fileName)} />
          </p>
        </SectionMessage>
      )}
      {report.fieldsCreated.length > 0 && (
        <p>
          {report.dryRun ? 'Custom fields to create: ' : 'Custom fields created: '}
          <span className="quoted-list">{report.fieldsCreated.join(', ')}</span>
        </p>
      )}
      <IgnoredColumnsBlock columns={report.ignoredColumns} when={report.dryRun ? 'would' : 'were'} />
      {report.missing && (
        <div className="report-block">
          <h4>Not in the file</h4>
          <p>
            {plural(report.missing.contacts, 'stored contact')} and {plural(report.missing.companies, 'stored company', 'stored companies')} are not listed in the file. Nothing was deleted.
          </p>
          {report.missing.sample.length > 0 && (
            <ul className="plain-list compact-list" aria-label="Examples of records not in the file">
              {report.missing.sample.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {report.undo && (
        <div className="report-block">
          <h4>Undone</h4>
          <p>
            {plural(report.undo.restored, 'record')} restored, {plural(report.undo.removed, 'record')} removed, {plural(report.undo.skipped.length, 'record')} left as{' '}
            {report.undo.skipped.length === 1 ? 'it was' : 'they were'} because {report.undo.skipped.length === 1 ? 'it was' : 'they were'} edited after the import.
          </p>
          {report.undo.skipped.length > 0 && (
            <ul className="plain-list compact-list" aria-label="Records left as they were">
              {report.undo.skipped.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {report.samples.length > 0 && (
        <div className="report-block">
          <h4>{report.dryRun ? 'Examples of changes it would make' : 'Examples of changes'}</h4>
          <ul className="plain-list change-list" aria-label="Examples of changes">
            {report.samples.map((sample, index) => {
              const lines = changeLines(sample.changes, fields);
              return (
                <li key={index}>
                  <div className="change-title">
                    <span className="change-action">{sentenceCase(sample.action)}</span> <span className="cell-text">{sample.record}</span>
                    {sample.reason && <span className="muted"> (matched by {sample.reason})</span>}
                  </div>
                  {lines.length > 0 && (
                    <ul className="plain-list change-fields">
                      {lines.map((line, i) => (
                        <li key={i}>
                          <span className="change-field">{line.field}:</span> <ChangeValues before={line.before} after={line.after} summary={line.summary} />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {(report.rejected > 0 || report.warnings > 0 || warnings.length > 0) && <ImportProblems jobId={report.jobId} total={{ error: report.rejected, warning: report.warnings }} />}
    </div>
  );
}

type Problem = ApiResult<'import/issues'>['items'][number];
type Kind = 'all' | 'error' | 'warning';

/** Every rejected row and warning, a page at a time, filtered by kind: the whole report, not a sample. */
function ImportProblems({ jobId, total }: { jobId: string; total: { error: number; warning: number } }) {
  const [kind, setKind] = useState<Kind>('all');
  const [items, setItems] = useState<Problem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async (after: string | null) => {
    const request = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const page = await call('import/issues', { jobId, ...(kind === 'all' ? {} : { severity: kind }), after, limit: PROBLEMS_PAGE_SIZE });
      if (request !== latest.current) return;
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setNext(page.next);
    } catch (failure) {
      if (request === latest.current) setError(failure instanceof Error ? failure.message : 'The problems could not be loaded.');
    } finally {
      if (request === latest.current) setLoading(false);
    }
  };
  useEffect(() => {
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, kind]);

  return (
    <div className="report-block">
      <h4>Problems found in rows</h4>
      <div className="segmented" role="group" aria-label="Show problems">
        {(
          [
            ['all', 'All'],
            ['error', `Rejected rows ${total.error.toLocaleString()}`],
            ['warning', `Warnings ${total.warning.toLocaleString()}`],
          ] as const
        ).map(([value, label]) => (
          <button key={value} type="button" aria-pressed={kind === value} onClick={() => setKind(value)}>
            {label}
          </button>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
      {items.length === 0 && !loading && !error && <p className="muted">No problems of this kind.</p>}
      <ul className="plain-list compact-list issue-lines" aria-label="Problems found in rows">
        {items.map((issue, index) => (
          <li key={`${issue.row}:${index}`}>
            <span className="status-badge">
              <Lozenge appearance={issue.severity === 'error' ? 'removed' : 'moved'}>{issue.severity === 'error' ? 'Rejected' : 'Warning'}</Lozenge>
            </span>{' '}
            <span className="muted">
              Row {issue.row.toLocaleString()}
              {issue.column ? `, ${issue.column}` : ''}:
            </span>{' '}
            {issue.message}
          </li>
        ))}
      </ul>
      {next !== null && (
        <div className="list-footer">
          <Button onClick={() => void load(next)} isLoading={loading}>
            Show more problems
          </Button>
        </div>
      )}
    </div>
  );
}

const PROBLEMS_PAGE_SIZE = 50;

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
