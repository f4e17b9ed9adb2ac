// Picks a company by typing part of its name or domain; used for a parent company and for memberships.
import { AsyncSelect } from '@atlaskit/select';
import type { CompanyRef } from '../api-types';
import { call } from '../bridge';

type Option = { label: string; value: string };

const PICKER_PAGE_SIZE = 20;

export function CompanyPicker({
  inputId,
  describedBy,
  value,
  excludeIds = [],
  isInvalid,
  isDisabled,
  onChange,
}: {
  inputId: string;
  describedBy?: string;
  value: CompanyRef | null;
  excludeIds?: readonly string[];
  isInvalid?: boolean;
  isDisabled?: boolean;
  onChange: (company: CompanyRef | null) => void;
}) {
  const loadOptions = async (text: string): Promise<Option[]> => {
    const page = await call('companies/search', { text: text.trim() || undefined, limit: PICKER_PAGE_SIZE });
    return page.items.filter((c) => !excludeIds.includes(c.id)).map((c) => ({ label: c.name, value: c.id }));
  };
  return (
    <AsyncSelect<Option, false>
      inputId={inputId}
      aria-describedby={describedBy}
      loadOptions={loadOptions}
      defaultOptions
      cacheOptions
      isClearable
      isDisabled={isDisabled}
      value={value ? { label: value.name, value: value.id } : null}
      onChange={(option) => onChange(option ? { id: option.value, name: option.label } : null)}
      placeholder="Type a company name"
      noOptionsMessage={({ inputValue }) => (inputValue ? `No company matches "${inputValue}"` : 'No companies yet')}
      loadingMessage={() => 'Searching companies...'}
      validationState={isInvalid ? 'error' : 'default'}
      menuPortalTarget={document.body}
      styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
    />
  );
}
