// The columns an import leaves out, by letter and header ("D · Lead Owner"): while mapping, in the preview and in the report.
import SectionMessage from '@atlaskit/section-message';
import type { ComponentProps, ReactNode } from 'react';
import type { IgnoredColumnView } from '../../../../../src/contracts/import';
import { plural } from '../../format';

/** When the columns are left out: by the import being prepared, by the one a dry run tried, by one that ran. */
export type IgnoredWhen = 'will' | 'would' | 'were';

/** The list's accessible name, the same wherever it is shown. */
export const IGNORED_COLUMNS_LABEL = 'Columns not imported';

/** "3 columns will not be imported", with the count in words a reader scans first. */
export function ignoredColumnsTitle(count: number, when: IgnoredWhen): string {
  const verb = when === 'will' ? 'will not be' : when === 'would' ? 'would not be' : count === 1 ? 'was not' : 'were not';
  return `${plural(count, 'column')} ${verb} imported`;
}

/**
 * One item per column, its letter then its header. `unrecognised` holds the letters of columns whose header matched no
 * field; they say so in words, as the mapping table does.
 */
export function IgnoredColumnList({ columns, unrecognised }: { columns: readonly IgnoredColumnView[]; unrecognised?: ReadonlySet<string> }) {
  return (
    <ul className="plain-list ignored-columns" aria-label={IGNORED_COLUMNS_LABEL}>
      {columns.map((column) => (
        <li key={column.column}>
          <span className="column-letter">{column.column}</span> · <span className="cell-text">{column.name || '(no header)'}</span>
          {unrecognised?.has(column.column) && <span className="muted"> (not recognised)</span>}
        </li>
      ))}
    </ul>
  );
}

/** The report's block: heading and list, or nothing when every column was imported. */
export function IgnoredColumnsBlock({ columns, when }: { columns: readonly IgnoredColumnView[]; when: IgnoredWhen }) {
  if (columns.length === 0) return null;
  return (
    <div className="report-block">
      <h4>{ignoredColumnsTitle(columns.length, when)}</h4>
      <IgnoredColumnList columns={columns} />
    </div>
  );
}

/**
 * The notice the wizard's steps show before a run: "2 columns will not be imported", the list, and what to do about it
 * (`children`); nothing when every column is imported.
 */
export function IgnoredColumnsNotice({ columns, unrecognised, actions, children }: { columns: readonly IgnoredColumnView[]; unrecognised?: ReadonlySet<string>; actions?: ComponentProps<typeof SectionMessage>['actions']; children: ReactNode }) {
  if (columns.length === 0) return null;
  return (
    <SectionMessage appearance="information" title={ignoredColumnsTitle(columns.length, 'will')} headingLevel="h4" actions={actions}>
      <IgnoredColumnList columns={columns} unrecognised={unrecognised} />
      {children}
    </SectionMessage>
  );
}
