// The control for one custom field: a picker for select fields, a typed text box for the rest.
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { CustomField } from '../api-types';
import { FormField } from './FormField';

const INPUT_TYPES: Record<CustomField['type'], string> = {
  text: 'text',
  number: 'text', // "1,234.5" is accepted, which a number input would refuse
  date: 'date',
  url: 'url',
  email: 'email',
  phone: 'tel',
  select: 'text',
};

const HELP: Partial<Record<CustomField['type'], string>> = {
  url: 'A link starting with https://',
  number: 'Digits with an optional decimal point',
};

type Option = { label: string; value: string };

export function CustomFieldInput({ field, value, error, onChange }: { field: CustomField; value: string; error?: string; onChange: (value: string) => void }) {
  const id = `custom-${field.id}`;
  if (field.type === 'select') {
    const options: Option[] = field.options.map((option) => ({ label: option, value: option }));
    return (
      <FormField id={id} label={field.name} error={error}>
        {(control) => (
          <Select<Option, false>
            inputId={control.id}
            aria-describedby={control['aria-describedby']}
            options={options}
            value={options.find((o) => o.value === value) ?? null}
            onChange={(option) => onChange(option?.value ?? '')}
            isClearable
            placeholder="Choose an option"
            validationState={control.isInvalid ? 'error' : 'default'}
            menuPortalTarget={document.body}
            styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
          />
        )}
      </FormField>
    );
  }
  return (
    <FormField id={id} label={field.name} error={error} helper={HELP[field.type]}>
      {(control) => (
        <Textfield
          id={control.id}
          name={id}
          type={INPUT_TYPES[field.type]}
          value={value}
          isInvalid={control.isInvalid}
          aria-describedby={control['aria-describedby']}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </FormField>
  );
}
