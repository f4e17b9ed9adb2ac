// Adds a contact to a company, or changes the role and primary flag of an existing membership.
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { api } from '../../../../src/contracts/api';
import type { CompanyRef, ContactView, MembershipView } from '../api-types';
import { call } from '../bridge';
import { type FieldErrors, failureToFieldErrors, issuesToFieldErrors } from '../form-errors';
import { CompanyPicker } from './CompanyPicker';
import { FormField } from './FormField';
import { FormModal } from './FormModal';

export function MembershipModal({
  contact,
  membership,
  onClose,
  onSaved,
}: {
  contact: ContactView;
  /** The membership to edit; absent to add a new one. */
  membership?: MembershipView;
  onClose: () => void;
  onSaved: (contact: ContactView) => void;
}) {
  const [company, setCompany] = useState<CompanyRef | null>(membership ? { id: membership.companyId, name: membership.companyName } : null);
  const [role, setRole] = useState(membership?.role ?? '');
  // A first membership is primary by default: it is the company that stands for the contact anyway.
  const [isPrimary, setIsPrimary] = useState(membership?.isPrimary ?? contact.memberships.length === 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    if (company === null) {
      setErrors({ companyId: 'Choose the company the contact belongs to' });
      return;
    }
    const input = { contactId: contact.id, companyId: company.id, role, isPrimary };
    const checked = api['memberships/set'].input.safeParse(input);
    if (!checked.success) {
      setErrors(issuesToFieldErrors(checked.error.issues));
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      onSaved(await call('memberships/set', input));
    } catch (failure) {
      setErrors(failureToFieldErrors(failure));
    } finally {
      setSaving(false);
    }
  };

  const title = membership ? `Edit membership in ${membership.companyName}` : 'Add to company';
  const existing = contact.memberships.map((m) => m.companyId);
  return (
    <FormModal title={title} width="small" saving={saving} formError={errors['']} submitLabel={membership ? 'Save' : 'Add'} onClose={onClose} onSubmit={() => void save()}>
      {!membership && (
        <FormField id="membership-company" label="Company" error={errors.companyId}>
          {(control) => (
            <CompanyPicker inputId={control.id} describedBy={control['aria-describedby']} value={company} excludeIds={existing} isInvalid={control.isInvalid} onChange={setCompany} />
          )}
        </FormField>
      )}
      <FormField id="membership-role" label="Role" error={errors.role} helper="For example: Billing contact, Decision maker">
        {(control) => (
          <Textfield
            id={control.id}
            name="role"
            value={role}
            isInvalid={control.isInvalid}
            aria-describedby={control['aria-describedby']}
            onChange={(event) => setRole(event.currentTarget.value)}
          />
        )}
      </FormField>
      <label className="checkbox">
        <input type="checkbox" checked={isPrimary} onChange={(event) => setIsPrimary(event.currentTarget.checked)} />
        Primary company of this contact
      </label>
    </FormModal>
  );
}
