// Label/value pairs of a record; empty values show a dash so the layout stays aligned.
import type { ReactNode } from 'react';

export type Detail = { label: string; value: ReactNode };

export function DetailList({ details, label }: { details: Detail[]; label: string }) {
  return (
    <dl className="details" aria-label={label}>
      {details.map((detail) => (
        <div key={detail.label} className="detail-row">
          <dt>{detail.label}</dt>
          <dd>{isEmpty(detail.value) ? <span className="muted">-</span> : detail.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function isEmpty(value: ReactNode): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
