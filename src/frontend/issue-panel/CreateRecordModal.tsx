// Creates a contact or company from the panel and links it; a taken email or domain offers the existing record instead.
import { useState } from 'react';
import {
  Button,
  ErrorMessage,
  Form,
  Label,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  RequiredAsterisk,
  SectionMessage,
  SectionMessageAction,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import { api as contract } from '../../contracts/api';
import { fieldProblems } from '../../contracts/validation';
import type { RecordKind } from './LinkedRecords';
import type { LinkRequest } from './LinkSearch';
import { call, existingCompanyOf, existingContactOf, fieldOf, messageOf, type PanelApi } from './panel-api';

type Field = { name: string; label: string; required?: boolean; placeholder?: string };

const FIELDS: Record<RecordKind, Field[]> = {
  contact: [
    { name: 'email', label: 'Email', required: true, placeholder: 'name@company.com' },
    { name: 'firstName', label: 'First name' },
    { name: 'lastName', label: 'Last name' },
    { name: 'jobTitle', label: 'Job title' },
  ],
  company: [
    { name: 'name', label: 'Company name', required: true },
    { name: 'domains', label: 'Domains', placeholder: 'acme.com, acme.io' },
  ],
};

/** What the user typed in the search box, put where it most likely belongs. */
export function prefill(kind: RecordKind, text: string): Record<string, string> {
  const value = text.trim();
  if (kind === 'company') return value.includes('.') && !value.includes(' ') ? { name: '', domains: value } : { name: value, domains: '' };
  if (value.includes('@')) return { email: value, firstName: '', lastName: '', jobTitle: '' };
  const [firstName = '', ...rest] = value.split(/\s+/);
  return { email: '', firstName, lastName: rest.join(' '), jobTitle: '' };
}

type Existing = { recordType: RecordKind; id: string; name: string; message: string };

type Props = {
  kind: RecordKind;
  initialText: string;
  api: PanelApi;
  /** Links the created (or existing) record to the issue; resolves true when it was linked. */
  onLink: (request: LinkRequest) => Promise<boolean>;
  onClose: () => void;
};

export function CreateRecordModal({ kind, initialText, api, onLink, onClose }: Props) {
  const [values, setValues] = useState<Record<string, string>>(() => prefill(kind, initialText));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [existing, setExisting] = useState<Existing | null>(null);
  const [saving, setSaving] = useState(false);
  const noun = kind === 'contact' ? 'contact' : 'company';

  const link = async (request: LinkRequest) => {
    setSaving(true);
    try {
      if (await onLink(request)) onClose();
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    setFormError(null);
    setExisting(null);
    const problems = validate(kind, values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      const request = kind === 'contact' ? await createContact(api, values) : await createCompany(api, values);
      if (await onLink(request)) onClose();
    } catch (error) {
      const contactId = existingContactOf(error);
      const company = existingCompanyOf(error);
      const field = fieldOf(error);
      if (contactId !== null) setExisting({ recordType: 'contact', id: contactId, name: values.email ?? '', message: messageOf(error) });
      else if (company !== null) setExisting({ recordType: 'company', id: company.id, name: company.name, message: messageOf(error) });
      else if (field !== null && FIELDS[kind].some((f) => f.name === field.split('.')[0])) setErrors({ [field.split('.')[0]!]: messageOf(error) });
      else setFormError(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal onClose={onClose} label={`New ${noun}`}>
      <Form onSubmit={submit}>
        <ModalHeader>
          <ModalTitle>{`New ${noun}`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            <Text>{`The new ${noun} is linked to this issue when it is created.`}</Text>
            {existing !== null && (
              <SectionMessage
                appearance="warning"
                title={existing.recordType === 'contact' ? 'This contact already exists' : `${existing.name} already has that domain`}
                actions={[
                  <SectionMessageAction key="link-existing" onClick={() => void link({ recordType: existing.recordType, id: existing.id, name: existing.name, alsoCompanyIds: [] })}>
                    {existing.recordType === 'contact' ? 'Link the existing contact' : `Link ${existing.name}`}
                  </SectionMessageAction>,
                ]}
              >
                <Text>{existing.message}</Text>
              </SectionMessage>
            )}
            {formError !== null && (
              <SectionMessage appearance="error" title={`The ${noun} was not created`}>
                <Text>{formError}</Text>
              </SectionMessage>
            )}
            {FIELDS[kind].map((field) => (
              <Stack key={field.name} space="space.050">
                <Label labelFor={`new-${kind}-${field.name}`}>
                  {field.label}
                  {field.required === true && <RequiredAsterisk />}
                </Label>
                <Textfield
                  id={`new-${kind}-${field.name}`}
                  name={field.name}
                  placeholder={field.placeholder}
                  isRequired={field.required === true}
                  isInvalid={errors[field.name] !== undefined}
                  value={values[field.name] ?? ''}
                  onChange={(event) => setValues((current) => ({ ...current, [field.name]: String(event.target.value ?? '') }))}
                />
                {errors[field.name] !== undefined && <ErrorMessage>{errors[field.name]}</ErrorMessage>}
              </Stack>
            ))}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
          <LoadingButton type="submit" appearance="primary" isLoading={saving}>
            {`Create and link ${noun}`}
          </LoadingButton>
        </ModalFooter>
      </Form>
    </Modal>
  );
}

/** The contract's own rules, checked before sending: field name -> the first problem with it. */
function validate(kind: RecordKind, values: Record<string, string>): Record<string, string> {
  const parsed = kind === 'contact' ? contract['contacts/create'].input.safeParse(values) : contract['companies/create'].input.safeParse(companyInput(values));
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const problem of fieldProblems(parsed.error)) {
    const field = problem.field.split('.')[0] ?? '';
    errors[field] ??= problem.message;
  }
  return errors;
}

function companyInput(values: Record<string, string>) {
  return { name: values.name ?? '', domains: (values.domains ?? '').split(/[\s,;]+/).filter((d) => d !== '') };
}

async function createContact(api: PanelApi, values: Record<string, string>): Promise<LinkRequest> {
  const contact = await call(api, 'contacts/create', {
    email: values.email ?? '',
    firstName: values.firstName ?? '',
    lastName: values.lastName ?? '',
    jobTitle: values.jobTitle ?? '',
  });
  return { recordType: 'contact', id: contact.id, name: contact.displayName, alsoCompanyIds: [] };
}

async function createCompany(api: PanelApi, values: Record<string, string>): Promise<LinkRequest> {
  const company = await call(api, 'companies/create', companyInput(values));
  return { recordType: 'company', id: company.id, name: company.name, alsoCompanyIds: [] };
}
