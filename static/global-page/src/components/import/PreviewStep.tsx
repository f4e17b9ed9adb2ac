// Step 3: the first rows as the import will read them, checked by the server, with each problem next to its cell.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useMemo } from 'react';
import type { ApiResult } from '../../api-types';
import { call } from '../../bridge';
import { plural } from '../../format';
import { useLoader } from '../../hooks/use-loader';
import { checkMapping, mappingOf, type Draft } from '../../import/draft';
import { targetGroups, targetLabel } from '../../import/targets';
import { toUploadRow } from '../../import/upload-rows';
import { columnLetter, mappingTargetName } from '../../../../../src/import/headers';
import { LoadError } from '../LoadError';
import { Loading } from '../Loading';
import { IgnoredColumnsNotice } from './IgnoredColumns';

type Issue = { message: string; severity: 'error' | 'warning'; column?: string };
type PreviewRow = { row: number; line: number; cells: string[] | null; issues: Issue[] };

export function PreviewStep({ draft, onBack, onNext }: { draft: Draft; onBack: () => void; onNext: () => void }) {
  const { headers } = draft.scan;
  // Rows the upload would turn into error rows (unreadable, too long) are shown as such, not sent for checking.
  const sampled = useMemo(() => draft.scan.sample.map((parsed) => toUploadRow(parsed, headers)), [draft.scan.sample, headers]);
  const checkable = sampled.filter((row) => 'cells' in row);
  const preview = useLoader(
    () =>
      call('import/preview', {
        headers,
        rows: checkable.map((row) => ('cells' in row ? row.cells : [])),
        mapping: mappingOf(draft),
        createFields: checkMapping(draft).createFields,
      }),
    [draft],
  );

  if (preview.error) {
    return (
      <section aria-labelledby="preview-heading" className="wizard-panel">
        <h3 id="preview-heading" tabIndex={-1}>Preview</h3>
        <LoadError title="The preview could not be loaded" message={preview.error} onRetry={preview.reload} />
        <div className="wizard-actions">
          <Button appearance="subtle" onClick={onBack}>
            Back
          </Button>
        </div>
      </section>
    );
  }
  if (preview.data === null) return <Loading label="Checking the first rows" />;

  const rows = previewRows(sampled, preview.data);
  const shownColumns = preview.data.columns.filter((c) => c.target.kind !== 'ignore');
  const rejected = rows.filter((r) => r.issues.some((i) => i.severity === 'error')).length;
  const warned = rows.filter((r) => r.issues.length > 0 && !r.issues.some((i) => i.severity === 'error')).length;
  const headerIssues = preview.data.issues.filter((i) => i.severity === 'error');

  return (
    <section aria-labelledby="preview-heading" className="wizard-panel">
      <div className="wizard-panel-header">
        <div>
          <h3 id="preview-heading" tabIndex={-1}>Preview the first rows</h3>
          <p className="muted" aria-live="polite">
            {rows.length === 0
              ? 'The file has no rows under its header.'
              : `${plural(rows.length, 'row')} checked: ${(rows.length - rejected).toLocaleString()} ready, ${rejected.toLocaleString()} rejected, ${warned.toLocaleString()} with warnings. The dry run checks every row of the file.`}
          </p>
        </div>
      </div>
      {headerIssues.length > 0 && (
        <SectionMessage appearance="error" title="The import cannot start" headingLevel="h4">
          <ul className="issue-list">
            {headerIssues.map((issue) => (
              <li key={issue.message}>{issue.message}</li>
            ))}
          </ul>
        </SectionMessage>
      )}
      <IgnoredColumnsNotice columns={preview.data.ignoredColumns}>
        <p>They are not shown below. To import one, go back and pick a field for it.</p>
      </IgnoredColumnsNotice>
      {rows.length > 0 && (
        <div className="table-scroll" role="region" aria-label="First rows of the file" tabIndex={0}>
          <table className="data-table preview-table">
            <caption className="visually-hidden">The first rows of the file with the problems found in them</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                {shownColumns.map((column) => (
                  <th scope="col" key={column.index}>
                    <span className="cell-text">{column.header.trim() || columnLetter(column.index)}</span>
                    <span className="cell-secondary">{targetLabel(mappingTargetName(column.target), targetGroups(column.header, draft.fields))}</span>
                  </th>
                ))}
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const hasError = row.issues.some((i) => i.severity === 'error');
                return (
                  <tr key={row.row} className={hasError ? 'row-rejected' : undefined}>
                    <th scope="row">
                      <span className="row-number">{row.row}</span>
                      <span className="cell-secondary">line {row.line}</span>
                    </th>
                    {row.cells === null ? (
                      <td colSpan={shownColumns.length} className="muted">
                        Rejected before upload; see the problem.
                      </td>
                    ) : (
                      shownColumns.map((column) => {
                        const name = column.header.trim() || columnLetter(column.index);
                        const issues = row.issues.filter((i) => i.column === name);
                        const severity = issues.some((i) => i.severity === 'error') ? 'error' : issues.length > 0 ? 'warning' : null;
                        return (
                          <td key={column.index} className={severity ? `cell-${severity}` : undefined}>
                            <span className="cell-text" title={row.cells?.[column.index] ?? ''}>
                              {row.cells?.[column.index] ?? ''}
                            </span>
                            {severity && <span className="visually-hidden"> ({severity === 'error' ? 'problem' : 'warning'} in this cell)</span>}
                          </td>
                        );
                      })
                    )}
                    <td className="problems-cell">
                      {row.issues.length === 0 ? (
                        <Lozenge appearance="success">Ready</Lozenge>
                      ) : (
                        <ul className="issue-list compact">
                          {row.issues.map((issue, i) => (
                            <li key={i} className={`issue-${issue.severity}`}>
                              <Lozenge appearance={issue.severity === 'error' ? 'removed' : 'moved'}>{issue.severity === 'error' ? 'Rejected' : 'Warning'}</Lozenge> {issue.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="wizard-actions">
        <Button appearance="subtle" onClick={onBack}>
          Back
        </Button>
        <Button appearance="primary" onClick={onNext} isDisabled={headerIssues.length > 0}>
          Next: options and dry run
        </Button>
      </div>
    </section>
  );
}

/** The sampled rows in file order, each with the server's findings or the reason it could not be sent. */
function previewRows(sampled: ReturnType<typeof toUploadRow>[], result: ApiResult<'import/preview'>): PreviewRow[] {
  let checked = 0;
  return sampled.map((row): PreviewRow => {
    if (!('cells' in row)) {
      const issue: Issue = { message: row.error, severity: 'error' };
      if (row.column !== undefined) issue.column = row.column;
      return { row: row.row, line: row.line, cells: null, issues: [issue] };
    }
    const answer = result.rows[checked++];
    return { row: row.row, line: row.line, cells: row.cells, issues: answer?.issues.map((i) => ({ message: i.message, severity: i.severity, column: i.column })) ?? [] };
  });
}
