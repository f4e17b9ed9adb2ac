// The Contacts tab's list: search as you type, total count, keyset "Load more", and an empty state.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { ModalTransition } from '@atlaskit/modal-dialog';
import { useState } from 'react';
import { call } from '../bridge';
import { contactName, plural, primaryCompanyName } from '../format';
import { useDirectorySearch } from '../hooks/use-directory-search';
import type { OpenRecord } from '../navigation';
import { useSession } from '../session';
import { ContactEditModal } from './ContactEditModal';
import { EmptyState } from './EmptyState';
import { ExportButton } from './ExportButton';
import { ListFooter } from './ListFooter';
import { LoadError } from './LoadError';
import { RecordLink } from './RecordLink';
import { SearchField } from './SearchField';

const HEAD = {
  cells: [
    { key: 'name', content: 'Name', width: 32 },
    { key: 'title', content: 'Job title', width: 22 },
    { key: 'company', content: 'Company', width: 26 },
    { key: 'phone', content: 'Phone', width: 20 },
  ],
};

export function ContactList({ onOpen, refreshKey }: { onOpen: OpenRecord; refreshKey: number }) {
  const { canWrite } = useSession();
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const search = useDirectorySearch((request) => call('contacts/search', request), text, refreshKey);

  const rows = search.items.map((contact) => ({
    key: contact.id,
    cells: [
      {
        key: 'name',
        content: (
          <div className="cell-primary">
            <RecordLink target={{ type: 'contact', id: contact.id, label: contactName(contact) }} onOpen={onOpen}>
              {contactName(contact)}
            </RecordLink>
            <span className="cell-secondary">{contact.email}</span>
          </div>
        ),
      },
      { key: 'title', content: contact.jobTitle },
      { key: 'company', content: primaryCompanyName(contact) },
      { key: 'phone', content: contact.phone },
    ],
  }));

  return (
    <div className="section">
      <div className="toolbar">
        <SearchField id="contact-search" label="Search contacts" placeholder="Search by name or email" value={text} onChange={setText} />
        <div className="inline">
          <span className="result-count" aria-live="polite">
            {search.status === 'loading' && search.items.length === 0 ? 'Searching...' : plural(search.total, 'contact')}
          </span>
          <ExportButton label={search.query ? 'Export these contacts' : 'Export CSV'} filter={{ text: search.query || undefined }} fileStem={search.query ? 'contacts-search' : 'customer-directory'} />
          {canWrite && (
            <Button appearance="primary" onClick={() => setCreating(true)}>
              Add contact
            </Button>
          )}
        </div>
      </div>
      {search.error ? (
        <LoadError title="Contacts could not be loaded" message={search.error} onRetry={search.reload} />
      ) : (
        <DynamicTable
          label="Contacts"
          head={HEAD}
          rows={rows}
          isLoading={search.status === 'loading'}
          loadingLabel="Loading contacts"
          emptyView={
            search.query ? (
              <EmptyState title="No matching contacts">No contact has a name or email starting with "{search.query}". Check the spelling or search for fewer words.</EmptyState>
            ) : (
              <EmptyState title="No contacts yet">{canWrite ? 'Add a contact, or import a CSV file to fill the directory.' : 'Contacts appear here once an editor adds them.'}</EmptyState>
            )
          }
        />
      )}
      <ListFooter hasMore={search.hasMore} loading={search.status === 'more'} onLoadMore={search.loadMore} />
      <ModalTransition>
        {creating && (
          <ContactEditModal
            onClose={() => setCreating(false)}
            onSaved={(contact) => {
              setCreating(false);
              search.reload();
              onOpen({ type: 'contact', id: contact.id, label: contactName(contact) });
            }}
          />
        )}
      </ModalTransition>
    </div>
  );
}
