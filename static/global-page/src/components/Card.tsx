// A titled panel on a profile, with optional actions beside the title.
import type { ReactNode } from 'react';

export function Card({ title, actions, wide, children }: { title: string; actions?: ReactNode; wide?: boolean; children: ReactNode }) {
  const headingId = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={wide ? 'card wide' : 'card'} aria-labelledby={headingId}>
      <div className="card-header">
        <h3 id={headingId}>{title}</h3>
        {actions && <div className="row-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
