// A record's custom field values, in the order the fields are defined.
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { CustomField, RecordType } from '../api-types';
import { formatCustomValue } from '../format';
import { useSession } from '../session';
import { Card } from './Card';
import { DetailList } from './DetailList';

/** Filled fields first-class; empty ones are folded behind "Show N empty fields" so a profile stays short. */
export function CustomFieldsCard({ entity, values }: { entity: RecordType; values: Record<string, string> }) {
  const { fields } = useSession();
  const [showEmpty, setShowEmpty] = useState(false);
  const own = fields.filter((f) => f.entity === entity);
  const filled = own.filter((f) => (values[f.id] ?? '').trim() !== '');
  const empty = own.length - filled.length;
  const shown = showEmpty ? own : filled;
  return (
    <Card title="Custom fields">
      {own.length === 0 ? (
        <p className="muted">No custom fields are defined for {entity === 'contact' ? 'contacts' : 'companies'}.</p>
      ) : (
        <>
          {shown.length > 0 ? (
            <DetailList label="Custom fields" details={shown.map((field) => ({ label: field.name, value: renderValue(field, values[field.id] ?? '') }))} />
          ) : (
            <p className="muted">No custom field has a value yet.</p>
          )}
          {empty > 0 && (
            <div className="empty-fields-toggle">
              <Button appearance="subtle" spacing="compact" aria-expanded={showEmpty} onClick={() => setShowEmpty((v) => !v)}>
                {showEmpty ? 'Hide empty fields' : `Show ${empty} empty ${empty === 1 ? 'field' : 'fields'}`}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function renderValue(field: CustomField, value: string): React.ReactNode {
  if (!value) return '';
  // Only http(s) links are stored (the backend refuses other schemes), so the href cannot run script.
  if (field.type === 'url' && /^https?:\/\//i.test(value)) {
    return (
      <a href={value} target="_blank" rel="noopener noreferrer">
        {value}
      </a>
    );
  }
  return formatCustomValue(field, value);
}
