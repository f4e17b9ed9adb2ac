// Adds a company or edits one: name, domains, parent company and custom fields, with problems shown by each field.
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { api } from '../../../../src/contracts/api';
import type { CompanyRef, CompanyView } from '../api-types';
import { call } from '../bridge';
import { type FieldErrors, failureToFieldErrors, issuesToFieldErrors } from '../form-errors';
import { useSession } from '../session';
import { CompanyPicker } from './CompanyPicker';
import { CustomFieldInput } from './CustomFieldInput';
import { FormField } from './FormField';
import { FormModal } from './FormModal';

type Draft = { name: string; domains: string; parent: CompanyRef | null; custom: Record<string, string> };

export function CompanyEditModal({ company, onClose, onSaved }: { company?: CompanyView; onClose: () => void; onSaved: (company: CompanyView) => void }) {
  const { fields } = useSession();
  const companyFields = fields.filter((f) => f.entity === 'company');
  const [initial] = useState<Draft>(() => ({
    name: company?.name ?? '',
    domains: company?.domains.join(', ') ?? '',
    parent: company?.parent ?? null,
    custom: { ...(company?.custom ?? {}) },
  }));
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    // Only changed custom values are sent ('' clears one), so a concurrent edit of another value survives.
    const custom: Record<string, string> = {};
    for (const { id } of companyFields) {
      const value = (draft.custom[id] ?? '').trim();
      if (value !== (initial.custom[id] ?? '')) custom[id] = value;
    }
    const fieldsToSend = {
      name: draft.name,
      domains: draft.domains.split(/[,\s]+/).filter(Boolean),
      parentId: draft.parent?.id ?? null,
      custom,
    };
    const checked = company
      ? api['companies/update'].input.safeParse({ id: company.id, version: company.version, ...fieldsToSend })
      : api['companies/create'].input.safeParse(fieldsToSend);
    if (!checked.success) {
      setErrors(issuesToFieldErrors(checked.error.issues));
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const saved = company
        ? await call('companies/update', { id: company.id, version: company.version, ...fieldsToSend })
        : await call('companies/create', fieldsToSend);
      onSaved(saved);
    } catch (failure) {
      setErrors(failureToFieldErrors(failure));
    } finally {
      setSaving(false);
    }
  };

  const title = company ? 'Edit company' : 'Add company';
  return (
    <FormModal title={title} width="medium" saving={saving} formError={errors['']} submitLabel={company ? 'Save' : 'Add company'} onClose={onClose} onSubmit={() => void save()}>
      <div className="form-grid">
        <FormField id="company-name" label="Name" error={errors.name} wide>
          {(control) => (
            <Textfield
              id={control.id}
              name="name"
              value={draft.name}
              isRequired
              isInvalid={control.isInvalid}
              aria-describedby={control['aria-describedby']}
              onChange={(event) => {
                const name = event.currentTarget.value;
                setDraft((d) => ({ ...d, name }));
              }}
            />
          )}
        </FormField>
        <FormField id="company-domains" label="Domains" error={errors.domains} helper="Separate several with commas, like acme.com, acme.io" wide>
          {(control) => (
            <Textfield
              id={control.id}
              name="domains"
              value={draft.domains}
              isInvalid={control.isInvalid}
              aria-describedby={control['aria-describedby']}
              onChange={(event) => {
                const domains = event.currentTarget.value;
                setDraft((d) => ({ ...d, domains }));
              }}
            />
          )}
        </FormField>
        <FormField id="company-parent" label="Parent company" error={errors.parentId} wide>
          {(control) => (
            <CompanyPicker
              inputId={control.id}
              describedBy={control['aria-describedby']}
              value={draft.parent}
              excludeIds={company ? [company.id] : []}
              isInvalid={control.isInvalid}
              onChange={(parent) => setDraft((d) => ({ ...d, parent }))}
            />
          )}
        </FormField>
        {companyFields.length > 0 && <h4 className="form-section-title">Custom fields</h4>}
        {companyFields.map((field) => (
          <CustomFieldInput
            key={field.id}
            field={field}
            value={draft.custom[field.id] ?? ''}
            error={errors[`custom.${field.id}`]}
            onChange={(value) => setDraft((d) => ({ ...d, custom: { ...d.custom, [field.id]: value } }))}
          />
        ))}
      </div>
    </FormModal>
  );
}
