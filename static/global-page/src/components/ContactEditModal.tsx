// Adds a contact or edits one: the contract's schema checks the form first, the backend's problems land on their fields.
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { api } from '../../../../src/contracts/api';
import type { ContactView } from '../api-types';
import { call } from '../bridge';
import { type FieldErrors, failureToFieldErrors, issuesToFieldErrors } from '../form-errors';
import { useSession } from '../session';
import { CustomFieldInput } from './CustomFieldInput';
import { FormField } from './FormField';
import { FormModal } from './FormModal';

const TEXT_FIELDS = [
  { key: 'firstName', label: 'First name', type: 'text', autoComplete: 'given-name' },
  { key: 'lastName', label: 'Last name', type: 'text', autoComplete: 'family-name' },
  { key: 'email', label: 'Email', type: 'email', autoComplete: 'email' },
  { key: 'phone', label: 'Phone', type: 'tel', autoComplete: 'tel' },
  { key: 'jobTitle', label: 'Job title', type: 'text', autoComplete: 'organization-title' },
  { key: 'displayName', label: 'Display name', type: 'text', autoComplete: 'off' },
] as const;

type TextKey = (typeof TEXT_FIELDS)[number]['key'];
type Draft = Record<TextKey, string> & { custom: Record<string, string> };

export function ContactEditModal({ contact, onClose, onSaved }: { contact?: ContactView; onClose: () => void; onSaved: (contact: ContactView) => void }) {
  const { fields } = useSession();
  const contactFields = fields.filter((f) => f.entity === 'contact');
  // What the form started with: only fields that differ from it are sent, so a concurrent edit of another field survives.
  const [initial] = useState<Draft>(() => initialDraft(contact));
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const setText = (key: TextKey, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const setCustom = (fieldId: string, value: string) => setDraft((d) => ({ ...d, custom: { ...d.custom, [fieldId]: value } }));

  const save = async () => {
    const custom = changedCustom(contactFields.map((f) => f.id), draft, initial);
    const text = changedText(draft, initial);
    const checked = contact
      ? api['contacts/update'].input.safeParse({ id: contact.id, version: contact.version, ...text, custom })
      : api['contacts/create'].input.safeParse({ ...draft, custom });
    if (!checked.success) {
      setErrors(issuesToFieldErrors(checked.error.issues));
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const saved = contact
        ? await call('contacts/update', { id: contact.id, version: contact.version, ...text, custom })
        : await call('contacts/create', { ...draft, custom });
      onSaved(saved);
    } catch (failure) {
      setErrors(failureToFieldErrors(failure));
    } finally {
      setSaving(false);
    }
  };

  const title = contact ? 'Edit contact' : 'Add contact';
  return (
    <FormModal title={title} width="medium" saving={saving} formError={errors['']} submitLabel={contact ? 'Save' : 'Add contact'} onClose={onClose} onSubmit={() => void save()}>
      <div className="form-grid">
        {TEXT_FIELDS.map((field) => (
          <FormField key={field.key} id={`contact-${field.key}`} label={field.label} error={errors[field.key]} helper={field.key === 'displayName' ? 'Leave empty to use the first and last name' : undefined}>
            {(control) => (
              <Textfield
                id={control.id}
                name={field.key}
                type={field.type}
                autoComplete={field.autoComplete}
                value={draft[field.key]}
                placeholder={field.key === 'displayName' ? [draft.firstName, draft.lastName].filter(Boolean).join(' ') : undefined}
                isInvalid={control.isInvalid}
                isRequired={field.key === 'email'}
                aria-describedby={control['aria-describedby']}
                onChange={(event) => setText(field.key, event.currentTarget.value)}
              />
            )}
          </FormField>
        ))}
        {contactFields.length > 0 && <h4 className="form-section-title">Custom fields</h4>}
        {contactFields.map((field) => (
          <CustomFieldInput key={field.id} field={field} value={draft.custom[field.id] ?? ''} error={errors[`custom.${field.id}`]} onChange={(value) => setCustom(field.id, value)} />
        ))}
      </div>
    </FormModal>
  );
}

function initialDraft(contact: ContactView | undefined): Draft {
  if (contact === undefined) return { firstName: '', lastName: '', email: '', phone: '', jobTitle: '', displayName: '', custom: {} };
  // A display name that is just first + last name is shown empty: it then follows the names when they change.
  const derived = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email;
  const { firstName, lastName, email, phone, jobTitle } = contact;
  return { firstName, lastName, email, phone, jobTitle, displayName: contact.displayName === derived ? '' : contact.displayName, custom: { ...contact.custom } };
}

function changedText(draft: Draft, initial: Draft): Partial<Record<TextKey, string>> {
  const changed: Partial<Record<TextKey, string>> = {};
  for (const { key } of TEXT_FIELDS) if (draft[key] !== initial[key]) changed[key] = draft[key];
  return changed;
}

/** Custom values that changed; '' clears a value. */
function changedCustom(fieldIds: string[], draft: Draft, initial: Draft): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const id of fieldIds) {
    const value = (draft.custom[id] ?? '').trim();
    if (value !== (initial.custom[id] ?? '')) changed[id] = value;
  }
  return changed;
}
