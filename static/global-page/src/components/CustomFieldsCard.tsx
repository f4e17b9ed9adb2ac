// A record's custom field values, in the order the fields are defined.
import type { CustomField, RecordType } from '../api-types';
import { formatCustomValue } from '../format';
import { useSession } from '../session';
import { Card } from './Card';
import { DetailList } from './DetailList';

export function CustomFieldsCard({ entity, values }: { entity: RecordType; values: Record<string, string> }) {
  const { fields } = useSession();
  const own = fields.filter((f) => f.entity === entity);
  return (
    <Card title="Custom fields">
      {own.length === 0 ? (
        <p className="muted">No custom fields are defined for {entity === 'contact' ? 'contacts' : 'companies'}.</p>
      ) : (
        <DetailList label="Custom fields" details={own.map((field) => ({ label: field.name, value: renderValue(field, values[field.id] ?? '') }))} />
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
