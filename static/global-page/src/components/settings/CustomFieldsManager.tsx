// Custom fields for contacts and companies: add one with its type and options, rename it, edit options, delete it.
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { api } from '../../../../../src/contracts/api';
import type { CustomField, RecordType } from '../../api-types';
import { call } from '../../bridge';
import { plural } from '../../format';
import { useSession } from '../../session';
import { Card } from '../Card';
import { ConfirmDialog } from '../ConfirmDialog';
import { errorAt, failurePathErrors, unplaced, zodPathErrors, type PathErrors } from './problems';

type FieldType = CustomField['type'];
type TypeOption = { label: string; value: FieldType };

const TYPE_LABEL: Record<FieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  url: 'Web address',
  email: 'Email',
  phone: 'Phone',
  select: 'Select',
};
const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'date', 'url', 'email', 'phone', 'select'];
const TYPE_OPTIONS: TypeOption[] = FIELD_TYPES.map((value) => ({
  value,
  label: value === 'select' ? 'Select (a list of options)' : TYPE_LABEL[value],
}));
const ENTITY_LABEL: Record<RecordType, { one: string; many: string }> = { contact: { one: 'contact', many: 'contacts' }, company: { one: 'company', many: 'companies' } };

const splitOptions = (text: string) =>
  text
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);

export function CustomFieldsManager() {
  const session = useSession();
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const changed = async (message: string) => {
    setNotice(message);
    await session.refreshFields();
  };

  return (
    <Card
      title="Custom fields"
      wide
      actions={
        <Button appearance="primary" onClick={() => setEditing('new')}>
          Add field
        </Button>
      }
    >
      <p className="muted">Extra details kept on each contact or company. They show on profiles, in the edit forms, and as columns in imports and exports.</p>
      <div className="save-status" role="status">
        {notice}
      </div>
      <div className="fields-columns">
        {(['contact', 'company'] as const).map((entity) => {
          const fields = session.fields.filter((f) => f.entity === entity);
          return (
            <section key={entity} aria-labelledby={`fields-${entity}`}>
              <h4 id={`fields-${entity}`} className="subheading">
                {entity === 'contact' ? 'Contact fields' : 'Company fields'}
              </h4>
              {fields.length === 0 ? (
                <p className="empty-note">No {ENTITY_LABEL[entity].one} fields yet.</p>
              ) : (
                <ul className="plain-list row-list" aria-label={entity === 'contact' ? 'Contact fields' : 'Company fields'}>
                  {fields.map((field) => (
                    <li key={field.id}>
                      <div className="row-main">
                        <span className="inline">
                          <span className="cell-text">{field.name}</span>
                          <Lozenge>{TYPE_LABEL[field.type]}</Lozenge>
                        </span>
                        {field.type === 'select' && <span className="cell-secondary">{field.options.join(', ')}</span>}
                      </div>
                      <div className="row-actions">
                        <Button appearance="subtle" spacing="compact" aria-label={`Edit field ${field.name}`} onClick={() => setEditing(field)}>
                          Edit
                        </Button>
                        <Button appearance="subtle" spacing="compact" aria-label={`Delete field ${field.name}`} onClick={() => setDeleting(field)}>
                          Delete
                        </Button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      <ModalTransition>
        {editing !== null && (
          <FieldModal
            field={editing === 'new' ? null : editing}
            onClose={() => setEditing(null)}
            onSaved={(field, created) => {
              setEditing(null);
              void changed(created ? `Field "${field.name}" added.` : `Field "${field.name}" saved.`);
            }}
          />
        )}
      </ModalTransition>
      <ConfirmDialog
        isOpen={deleting !== null}
        title="Delete this field?"
        confirmLabel="Delete field"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          const result = await call('fields/delete', { id: deleting.id, confirm: true });
          await changed(`Field "${deleting.name}" deleted; ${plural(result.valuesRemoved, 'stored value')} removed.`);
        }}
      >
        {deleting && (
          <>
            <p>
              Deleting <strong>{deleting.name}</strong> removes its value from every {ENTITY_LABEL[deleting.entity].one} that has one, for good. This cannot be undone,
              not even from the history.
            </p>
            <p>Imports stop filling it and exports no longer have its column. Export the directory first if you may need the values.</p>
          </>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function FieldModal({ field, onClose, onSaved }: { field: CustomField | null; onClose: () => void; onSaved: (field: CustomField, created: boolean) => void }) {
  const [entity, setEntity] = useState<RecordType>(field?.entity ?? 'contact');
  const [name, setName] = useState(field?.name ?? '');
  const [type, setType] = useState<FieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState(field?.options.join('\n') ?? '');
  const [errors, setErrors] = useState<PathErrors>({});
  const [saving, setSaving] = useState(false);
  const title = field ? `Edit field ${field.name}` : 'Add a custom field';

  const save = async () => {
    const optionList = type === 'select' ? splitOptions(options) : [];
    const input = field ? { id: field.id, name, options: field.type === 'select' ? optionList : undefined } : { entity, name, type, options: optionList };
    const checked = field ? api['fields/update'].input.safeParse(input) : api['fields/create'].input.safeParse(input);
    if (!checked.success) {
      setErrors(zodPathErrors(checked.error));
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const saved = field ? await call('fields/update', { id: field.id, name, options: field.type === 'select' ? optionList : undefined }) : await call('fields/create', { entity, name, type, options: optionList });
      onSaved(saved, field === null);
    } catch (failure) {
      setErrors(failurePathErrors(failure));
    } finally {
      setSaving(false);
    }
  };
  const nameError = errorAt(errors, 'name');
  const optionsError = errorAt(errors, 'options');
  const rest = unplaced(errors, ['name', 'options', 'entity', 'type']);

  return (
    <Modal onClose={saving ? undefined : onClose} width="medium" label={title}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ModalHeader hasCloseButton>
          <ModalTitle>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          {rest.length > 0 && (
            <SectionMessage appearance="error">
              {rest.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </SectionMessage>
          )}
          <fieldset className="radio-group inline-radios" disabled={field !== null}>
            <legend>Field for</legend>
            {(['contact', 'company'] as const).map((value) => (
              <span key={value} className="radio-choice">
                <input id={`field-entity-${value}`} type="radio" name="field-entity" checked={entity === value} onChange={() => setEntity(value)} />
                <label htmlFor={`field-entity-${value}`}>{value === 'contact' ? 'Contacts' : 'Companies'}</label>
              </span>
            ))}
          </fieldset>
          <div className="form-field">
            <Label htmlFor="field-name">Name</Label>
            <Textfield
              id="field-name"
              value={name}
              isRequired
              isInvalid={nameError !== undefined}
              aria-describedby="field-name-message"
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <div id="field-name-message">
              {nameError ? <ErrorMessage>{nameError}</ErrorMessage> : <HelperMessage>Also the column name in imports and exports.</HelperMessage>}
            </div>
          </div>
          <div className="form-field">
            <Label htmlFor="field-type">Type</Label>
            <Select<TypeOption, false>
              inputId="field-type"
              options={TYPE_OPTIONS}
              value={TYPE_OPTIONS.find((o) => o.value === type) ?? null}
              onChange={(option) => option && setType(option.value)}
              isDisabled={field !== null}
              isSearchable={false}
              aria-describedby="field-type-message"
              menuPortalTarget={document.body}
              styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
            />
            <div id="field-type-message">
              <HelperMessage>{field ? 'The type cannot change: stored values were checked against it.' : 'Values are checked against the type when saved or imported.'}</HelperMessage>
            </div>
          </div>
          {type === 'select' && (
            <div className="form-field">
              <Label htmlFor="field-options">Options</Label>
              <TextArea
                id="field-options"
                value={options}
                minimumRows={4}
                resize="vertical"
                isInvalid={optionsError !== undefined}
                aria-describedby="field-options-message"
                onChange={(event) => setOptions(event.currentTarget.value)}
              />
              <div id="field-options-message">
                {optionsError ? (
                  <ErrorMessage>{optionsError}</ErrorMessage>
                ) : (
                  <HelperMessage>{field ? 'One per line. Records that hold a removed option keep their value.' : 'One per line.'}</HelperMessage>
                )}
              </div>
            </div>
          )}
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={saving}>
            Cancel
          </Button>
          <Button appearance="primary" type="submit" isLoading={saving}>
            {field ? 'Save' : 'Add field'}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
