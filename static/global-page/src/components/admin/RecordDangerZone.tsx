// The destructive actions on a profile, by role: delete a contact or company (editors), erase a contact (admins, typed
// confirmation). Each dialog says what goes and what stays before anything happens.
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useState, type ReactNode } from 'react';
import type { CompanyView, ContactView } from '../../api-types';
import { call } from '../../bridge';
import { contactName, plural } from '../../format';
import { useSession } from '../../session';
import { Card } from '../Card';

type Dialog = 'delete' | 'erase' | null;

export function ContactDangerZone({ contact, noteCount, onGone }: { contact: ContactView; noteCount: number; onGone: (message: string) => void }) {
  const { canWrite, canAdmin } = useSession();
  const [open, setOpen] = useState<Dialog>(null);
  if (!canWrite) return null;
  const name = contactName(contact);
  const memberships = plural(contact.memberships.length, 'company membership');
  return (
    <Card title="Delete or erase" wide>
      <div className="danger-zone-body">
        <p className="muted">Deleting keeps the history of this contact; erasing removes the person's data for good, for privacy requests.</p>
        <div className="row-actions wrap">
          <Button appearance="danger" onClick={() => setOpen('delete')}>
            Delete contact
          </Button>
          {canAdmin && (
            <Button appearance="danger" onClick={() => setOpen('erase')}>
              Erase contact
            </Button>
          )}
        </div>
      </div>
      <ActionDialog
        isOpen={open === 'delete'}
        title={`Delete ${name}?`}
        confirmLabel="Delete contact"
        onClose={() => setOpen(null)}
        onConfirm={async () => {
          const result = await call('contacts/delete', { id: contact.id });
          const { memberships: m, links, notes } = result.removed;
          onGone(`Deleted ${name}, with ${plural(m, 'membership')}, ${plural(links, 'link')} and ${plural(notes, 'note')}.`);
        }}
      >
        <p>This removes the contact {name} with:</p>
        <ul>
          <li>its {memberships} (the companies stay),</li>
          <li>its links to issues and pages (the issues and pages stay),</li>
          <li>its {plural(noteCount, 'note')}.</li>
        </ul>
        <p>Its history stays readable in the audit trail. To remove the person's data for good, erase the contact instead.</p>
      </ActionDialog>
      <ActionDialog
        isOpen={open === 'erase'}
        title={`Erase ${name}?`}
        confirmLabel="Erase contact"
        typed={{ label: `Type ${contact.email} to confirm`, expected: contact.email }}
        onClose={() => setOpen(null)}
        onConfirm={async () => {
          const result = await call('contacts/erase', { id: contact.id, confirm: true });
          onGone(`Erased ${name}: ${plural(result.redactedEntries, 'history entry', 'history entries')} blanked.`);
        }}
      >
        <p>Erasing is for privacy requests and cannot be undone. It removes:</p>
        <ul>
          <li>the contact, its name, email, phone, job title and custom field values,</li>
          <li>its {memberships}, its links to issues and pages, and its {plural(noteCount, 'note')},</li>
          <li>rows of import files still waiting that hold its data,</li>
          <li>the values in its history, which keeps only a note of when and by whom it was erased.</li>
        </ul>
      </ActionDialog>
    </Card>
  );
}

export function CompanyDangerZone({ company, onGone }: { company: CompanyView; onGone: (message: string) => void }) {
  const { canWrite } = useSession();
  const [open, setOpen] = useState(false);
  if (!canWrite) return null;
  return (
    <Card title="Delete company" wide>
      <div className="danger-zone-body">
        <p className="muted">Contacts and subsidiaries are kept when a company is deleted.</p>
        <Button appearance="danger" onClick={() => setOpen(true)}>
          Delete company
        </Button>
      </div>
      <ActionDialog
        isOpen={open}
        title={`Delete ${company.name}?`}
        confirmLabel="Delete company"
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const result = await call('companies/delete', { id: company.id });
          onGone(
            `Deleted ${company.name}: ${plural(result.removed.memberships, 'membership')} removed, ${plural(result.detachedChildren, 'subsidiary', 'subsidiaries')} now without a parent.`,
          );
        }}
      >
        <p>This removes the company {company.name} with:</p>
        <ul>
          <li>
            its {plural(company.memberCount, 'membership')}: the {plural(company.memberCount, 'contact')} stay in the directory, without this company,
          </li>
          <li>its links to issues and pages, and its notes.</li>
        </ul>
        <p>
          {company.childCount > 0
            ? `Its ${plural(company.childCount, 'subsidiary', 'subsidiaries')} stay and become top-level companies${company.parent ? ` (they do not move under ${company.parent.name})` : ''}.`
            : 'It has no subsidiaries.'}{' '}
          Its history stays readable in the audit trail.
        </p>
      </ActionDialog>
    </Card>
  );
}

function ActionDialog({
  isOpen,
  title,
  confirmLabel,
  typed,
  children,
  onConfirm,
  onClose,
}: {
  isOpen: boolean;
  title: string;
  confirmLabel: string;
  /** Asks for a value to be typed before the action is allowed. */
  typed?: { label: string; expected: string };
  children: ReactNode;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const allowed = typed === undefined || text.trim().toLowerCase() === typed.expected.trim().toLowerCase();
  const close = () => {
    setText('');
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'That did not work. Try again.');
      setBusy(false);
    }
  };
  return (
    <ModalTransition>
      {isOpen && (
        <Modal onClose={busy ? undefined : close} width="medium" label={title}>
          <ModalHeader hasCloseButton>
            <ModalTitle appearance="danger">{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            {children}
            {typed && (
              <div className="form-field typed-confirmation">
                <label htmlFor="typed-confirmation">{typed.label}</label>
                <Textfield id="typed-confirmation" autoComplete="off" value={text} onChange={(e) => setText((e.target as HTMLInputElement).value)} />
              </div>
            )}
            {error && (
              <SectionMessage appearance="error">
                <p>{error}</p>
              </SectionMessage>
            )}
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={close} isDisabled={busy}>
              Cancel
            </Button>
            <Button appearance="danger" onClick={() => void confirm()} isLoading={busy} isDisabled={!allowed}>
              {confirmLabel}
            </Button>
          </ModalFooter>
        </Modal>
      )}
    </ModalTransition>
  );
}
