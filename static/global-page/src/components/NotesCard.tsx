// The notes on a contact or company, newest first; editors write new ones.
import type { NoteView, RecordType } from '../api-types';
import { useSession } from '../session';
import { Card } from './Card';
import { NoteComposer } from './NoteComposer';
import { NoteItem } from './NoteItem';

export function NotesCard({
  recordType,
  recordId,
  notes,
  onChange,
}: {
  recordType: RecordType;
  recordId: string;
  notes: NoteView[];
  onChange: (notes: NoteView[]) => void;
}) {
  const { canWrite } = useSession();
  return (
    <Card title="Notes" wide>
      {canWrite && <NoteComposer recordType={recordType} recordId={recordId} onAdded={(note) => onChange([note, ...notes])} />}
      {notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="plain-list" aria-label="Notes">
          {notes.map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              onUpdated={(updated) => onChange(notes.map((n) => (n.id === updated.id ? updated : n)))}
              onDeleted={(id) => onChange(notes.filter((n) => n.id !== id))}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}
