// The companies directly below this one in the hierarchy.
import type { CompanyRef } from '../api-types';
import { plural } from '../format';
import type { OpenRecord } from '../navigation';
import { Card } from './Card';
import { RecordLink } from './RecordLink';

export function CompanySubsidiaries({ companies, total, onOpen }: { companies: CompanyRef[]; total: number; onOpen: OpenRecord }) {
  return (
    <Card title="Subsidiaries" actions={total > companies.length ? <span className="muted">Showing {companies.length} of {plural(total, 'company', 'companies')}</span> : undefined}>
      {companies.length === 0 ? (
        <p className="muted">No companies have this one as their parent.</p>
      ) : (
        <ul className="plain-list row-list" aria-label="Subsidiaries">
          {companies.map((child) => (
            <li key={child.id}>
              <RecordLink target={{ type: 'company', id: child.id, label: child.name }} onOpen={onOpen}>
                {child.name}
              </RecordLink>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
