// The Companies tab's list: search as you type, total count, keyset "Load more", and an empty state.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { ModalTransition } from '@atlaskit/modal-dialog';
import { useState } from 'react';
import { call } from '../bridge';
import { plural } from '../format';
import { useDirectorySearch } from '../hooks/use-directory-search';
import type { OpenRecord } from '../navigation';
import { useSession } from '../session';
import { CompanyEditModal } from './CompanyEditModal';
import { EmptyState } from './EmptyState';
import { ExportButton } from './ExportButton';
import { ListFooter } from './ListFooter';
import { LoadError } from './LoadError';
import { RecordLink } from './RecordLink';
import { SearchField } from './SearchField';

const HEAD = {
  cells: [
    { key: 'name', content: 'Name', width: 30 },
    { key: 'domains', content: 'Domains', width: 28 },
    { key: 'parent', content: 'Parent company', width: 22 },
    { key: 'members', content: 'Contacts', width: 10 },
    { key: 'children', content: 'Subsidiaries', width: 10 },
  ],
};

export function CompanyList({ onOpen, refreshKey }: { onOpen: OpenRecord; refreshKey: number }) {
  const { canWrite } = useSession();
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const search = useDirectorySearch((request) => call('companies/search', request), text, refreshKey);

  const rows = search.items.map((company) => ({
    key: company.id,
    cells: [
      {
        key: 'name',
        content: (
          <RecordLink target={{ type: 'company', id: company.id, label: company.name }} onOpen={onOpen}>
            {company.name}
          </RecordLink>
        ),
      },
      { key: 'domains', content: company.domains.join(', ') },
      {
        key: 'parent',
        content: company.parent && (
          <RecordLink target={{ type: 'company', id: company.parent.id, label: company.parent.name }} onOpen={onOpen}>
            {company.parent.name}
          </RecordLink>
        ),
      },
      { key: 'members', content: company.memberCount.toLocaleString() },
      { key: 'children', content: company.childCount.toLocaleString() },
    ],
  }));

  return (
    <div className="section">
      <div className="toolbar">
        <SearchField id="company-search" label="Search companies" placeholder="Search by name or domain" value={text} onChange={setText} />
        <div className="inline">
          <span className="result-count" aria-live="polite">
            {search.status === 'loading' && search.items.length === 0 ? 'Searching...' : plural(search.total, 'company', 'companies')}
          </span>
          <ExportButton label="Export CSV" filter={{}} fileStem="customer-directory" />
          {canWrite && (
            <Button appearance="primary" onClick={() => setCreating(true)}>
              Add company
            </Button>
          )}
        </div>
      </div>
      {search.error ? (
        <LoadError title="Companies could not be loaded" message={search.error} onRetry={search.reload} />
      ) : (
        <DynamicTable
          label="Companies"
          head={HEAD}
          rows={rows}
          isLoading={search.status === 'loading'}
          loadingLabel="Loading companies"
          emptyView={
            search.query ? (
              <EmptyState title="No matching companies">No company has a name or domain starting with "{search.query}". Check the spelling or search for fewer words.</EmptyState>
            ) : (
              <EmptyState title="No companies yet">{canWrite ? 'Add a company, or import a CSV file to fill the directory.' : 'Companies appear here once an editor adds them.'}</EmptyState>
            )
          }
        />
      )}
      <ListFooter hasMore={search.hasMore} loading={search.status === 'more'} onLoadMore={search.loadMore} />
      <ModalTransition>
        {creating && (
          <CompanyEditModal
            onClose={() => setCreating(false)}
            onSaved={(company) => {
              setCreating(false);
              search.reload();
              onOpen({ type: 'company', id: company.id, label: company.name });
            }}
          />
        )}
      </ModalTransition>
    </div>
  );
}
