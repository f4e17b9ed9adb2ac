// A contact's companies with role and primary flag; editors add, change and remove memberships here.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { ModalTransition } from '@atlaskit/modal-dialog';
import { useState } from 'react';
import type { ContactView, MembershipView } from '../api-types';
import { call } from '../bridge';
import { contactName } from '../format';
import type { OpenRecord } from '../navigation';
import { useSession } from '../session';
import { Card } from './Card';
import { ConfirmDialog } from './ConfirmDialog';
import { MembershipModal } from './MembershipModal';
import { RecordLink } from './RecordLink';

type Editing = { kind: 'add' } | { kind: 'edit'; membership: MembershipView } | { kind: 'remove'; membership: MembershipView } | null;

export function MembershipList({ contact, onOpen, onChanged }: { contact: ContactView; onOpen: OpenRecord; onChanged: (contact: ContactView) => void }) {
  const { canWrite } = useSession();
  const [editing, setEditing] = useState<Editing>(null);
  const close = () => setEditing(null);
  const saved = (updated: ContactView) => {
    setEditing(null);
    onChanged(updated);
  };

  return (
    <Card
      title="Companies"
      actions={
        canWrite && (
          <Button spacing="compact" onClick={() => setEditing({ kind: 'add' })}>
            Add to company
          </Button>
        )
      }
    >
      {contact.memberships.length === 0 ? (
        <p className="muted">{contactName(contact)} is not a member of any company yet.</p>
      ) : (
        <ul className="plain-list row-list" aria-label="Company memberships">
          {contact.memberships.map((membership) => (
            <li key={membership.companyId}>
              <div className="row-main">
                <span className="inline">
                  <RecordLink target={{ type: 'company', id: membership.companyId, label: membership.companyName }} onOpen={onOpen}>
                    {membership.companyName}
                  </RecordLink>
                  {membership.isPrimary && <Lozenge appearance="inprogress">Primary</Lozenge>}
                </span>
                <span className="cell-secondary">{membership.role || 'No role given'}</span>
              </div>
              {canWrite && (
                <div className="row-actions">
                  <Button spacing="compact" appearance="subtle" onClick={() => setEditing({ kind: 'edit', membership })} aria-label={`Edit membership in ${membership.companyName}`}>
                    Edit
                  </Button>
                  <Button spacing="compact" appearance="subtle" onClick={() => setEditing({ kind: 'remove', membership })} aria-label={`Remove from ${membership.companyName}`}>
                    Remove
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ModalTransition>
        {(editing?.kind === 'add' || editing?.kind === 'edit') && (
          <MembershipModal contact={contact} membership={editing.kind === 'edit' ? editing.membership : undefined} onClose={close} onSaved={saved} />
        )}
      </ModalTransition>
      <ConfirmDialog
        isOpen={editing?.kind === 'remove'}
        title="Remove from company?"
        confirmLabel="Remove"
        onClose={close}
        onConfirm={async () => {
          if (editing?.kind !== 'remove') return;
          onChanged(await call('memberships/remove', { contactId: contact.id, companyId: editing.membership.companyId }));
        }}
      >
        <p>
          {contactName(contact)} will no longer be listed as a contact of {editing?.kind === 'remove' ? editing.membership.companyName : 'this company'}. The contact and the
          company stay in the directory.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
