// A contact's profile: details, custom fields, companies with role and primary flag, and notes.
import Button from '@atlaskit/button/new';
import { ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import type { ContactProfile, ContactView } from '../api-types';
import { call } from '../bridge';
import { contactName, formatDate, primaryCompanyName } from '../format';
import { useLoader } from '../hooks/use-loader';
import type { OpenRecord } from '../navigation';
import { useViewHeading } from '../router';
import { useSession } from '../session';
import { Card } from './Card';
import { ContactEditModal } from './ContactEditModal';
import { CustomFieldsCard } from './CustomFieldsCard';
import { DetailList } from './DetailList';
import { HistoryCard } from './HistoryCard';
import { ContactDangerZone } from './admin/RecordDangerZone';
import { LinkedWorkCard } from './LinkedWorkCard';
import { LoadError } from './LoadError';
import { Loading } from './Loading';
import { MembershipList } from './MembershipList';
import { MergeDialog, mergeSummary } from './MergeDialog';
import { NotesCard } from './NotesCard';

export function ContactPage({
  id,
  onOpen,
  onChanged,
  onNamed,
  onGone,
}: {
  id: string;
  onOpen: OpenRecord;
  onChanged: () => void;
  onNamed?: (name: string) => void;
  /** The record was deleted or erased here; the message says what went. */
  onGone?: (message: string) => void;
}) {
  const { canWrite } = useSession();
  const profile = useLoader(() => call('contacts/get', { id }), [id]);
  const heading = useViewHeading<HTMLHeadingElement>({ section: 'contacts', id }, profile.data !== null);
  const loadedName = profile.data ? contactName(profile.data.contact) : null;
  useEffect(() => {
    if (loadedName !== null) onNamed?.(loadedName);
  }, [loadedName, onNamed]);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [mergeNotice, setMergeNotice] = useState<string | null>(null);

  if (profile.error) return <LoadError title="This contact could not be loaded" message={profile.error} onRetry={profile.reload} />;
  if (profile.data === null) return <Loading label="Loading contact" />;
  const { contact, notes } = profile.data;

  const update = (change: (current: ContactProfile) => ContactProfile) => {
    profile.replace(change);
    onChanged();
  };
  const setContact = (updated: ContactView) => update((current) => ({ ...current, contact: updated }));
  const subtitle = [contact.jobTitle, primaryCompanyName(contact)].filter(Boolean).join(' at ');

  return (
    <article aria-labelledby="contact-heading">
      <header className="profile-header">
        <div>
          <h2 id="contact-heading" ref={heading} tabIndex={-1}>{contactName(contact)}</h2>
          <p className="profile-subtitle">{subtitle || contact.email}</p>
        </div>
        {canWrite && (
          <div className="row-actions">
            <Button onClick={() => setMerging(true)}>Merge with...</Button>
            <Button appearance="primary" onClick={() => setEditing(true)}>
              Edit contact
            </Button>
          </div>
        )}
      </header>
      {mergeNotice && (
        <div className="profile-notice">
          <SectionMessage appearance="success" isDismissible onDismiss={() => setMergeNotice(null)}>
            <p>{mergeNotice}</p>
          </SectionMessage>
        </div>
      )}
      <div className="profile-grid">
        <Card title="Details">
          <DetailList
            label="Contact details"
            details={[
              { label: 'Email', value: <a href={`mailto:${contact.email}`}>{contact.email}</a> },
              { label: 'Phone', value: contact.phone },
              { label: 'Job title', value: contact.jobTitle },
              { label: 'First name', value: contact.firstName },
              { label: 'Last name', value: contact.lastName },
              { label: 'Added', value: formatDate(contact.createdAt) },
              { label: 'Last updated', value: formatDate(contact.updatedAt) },
            ]}
          />
        </Card>
        <div className="stack">
          <MembershipList contact={contact} onOpen={onOpen} onChanged={setContact} />
          <CustomFieldsCard entity="contact" values={contact.custom} />
        </div>
        <LinkedWorkCard recordType="contact" recordId={contact.id} recordName={contactName(contact)} />
        <NotesCard recordType="contact" recordId={contact.id} notes={notes} onChange={(next) => profile.replace((current) => ({ ...current, notes: next }))} />
        <HistoryCard
          recordType="contact"
          recordId={contact.id}
          refreshKey={`${contact.version}:${contact.memberships.length}:${notes.length}`}
          names={new Map(contact.memberships.map((m) => [m.companyId, m.companyName]))}
        />
        <ContactDangerZone contact={contact} noteCount={notes.length} onGone={(message) => onGone?.(message)} />
      </div>
      <ModalTransition>
        {editing && (
          <ContactEditModal
            contact={contact}
            onClose={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              setContact(saved);
            }}
          />
        )}
        {merging && (
          <MergeDialog
            keep={{ type: 'contact', record: contact }}
            onClose={() => setMerging(false)}
            onMerged={(result, merged) => {
              setMerging(false);
              setMergeNotice(mergeSummary(result, merged));
              profile.reload();
              onChanged();
            }}
          />
        )}
      </ModalTransition>
    </article>
  );
}
