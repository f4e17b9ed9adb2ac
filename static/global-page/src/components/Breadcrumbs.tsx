// Where the user is inside a section: the list, then each record opened from it.
import type { RecordRef } from '../navigation';

export function Breadcrumbs({ rootLabel, trail, onNavigate }: { rootLabel: string; trail: RecordRef[]; onNavigate: (depth: number) => void }) {
  return (
    <nav aria-label="Breadcrumbs">
      <ol className="breadcrumbs">
        <li>
          <button type="button" className="link-button" onClick={() => onNavigate(0)}>
            {rootLabel}
          </button>
        </li>
        {trail.map((ref, index) =>
          index === trail.length - 1 ? (
            <li key={`${ref.type}:${ref.id}:${index}`} aria-current="page">
              {ref.label}
            </li>
          ) : (
            <li key={`${ref.type}:${ref.id}:${index}`}>
              <button type="button" className="link-button" onClick={() => onNavigate(index + 1)}>
                {ref.label}
              </button>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
