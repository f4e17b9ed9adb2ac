// One note: author, time and text; its author can edit or delete it in place.
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { NoteView } from '../api-types';
import { call } from '../bridge';
import { failureToFieldErrors } from '../form-errors';
import { formatDateTime } from '../format';
import { personName, useSession } from '../session';
import { ConfirmDialog } from './ConfirmDialog';
import { FormField } from './FormField';

export function NoteItem({ note, onUpdated, onDeleted }: { note: NoteView; onUpdated: (note: NoteView) => void; onDeleted: (id: string) => void }) {
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const edited = note.updatedAt !== note.createdAt;
  // The backend decides per note; a viewer never gets controls even if an older answer said otherwise.
  const canEdit = session.canWrite && note.canEdit;
  const canDelete = session.canWrite && note.canDelete;

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      onUpdated(await call('notes/update', { id: note.id, version: note.version, body }));
      setEditing(false);
    } catch (failure) {
      const errors = failureToFieldErrors(failure);
      setError(errors.body ?? errors[''] ?? Object.values(errors)[0]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <li className="note">
      <div className="note-meta">
        <span>
          <strong>{personName(session, note.authorId)}</strong> · {formatDateTime(note.createdAt)}
          {edited && ` · edited ${formatDateTime(note.updatedAt)}`}
        </span>
        {!editing && (canEdit || canDelete) && (
          <span className="row-actions">
            {canEdit && (
              <Button spacing="compact" appearance="subtle" onClick={() => setEditing(true)} aria-label="Edit note">
                Edit
              </Button>
            )}
            {canDelete && (
              <Button spacing="compact" appearance="subtle" onClick={() => setConfirmDelete(true)} aria-label="Delete note">
                Delete
              </Button>
            )}
          </span>
        )}
      </div>
      {editing ? (
        <form
          className="note-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <FormField id={`note-${note.id}`} label="Note" error={error}>
            {(control) => (
              <TextArea
                id={control.id}
                value={body}
                minimumRows={3}
                resize="vertical"
                isInvalid={control.isInvalid}
                aria-describedby={control['aria-describedby']}
                onChange={(event) => setBody(event.currentTarget.value)}
              />
            )}
          </FormField>
          <div className="actions">
            <Button
              appearance="subtle"
              onClick={() => {
                setEditing(false);
                setBody(note.body);
                setError(undefined);
              }}
              isDisabled={saving}
            >
              Cancel
            </Button>
            <Button type="submit" appearance="primary" isLoading={saving}>
              Save note
            </Button>
          </div>
        </form>
      ) : (
        <p className="note-body">{note.body}</p>
      )}
      <ConfirmDialog
        isOpen={confirmDelete}
        title="Delete this note?"
        confirmLabel="Delete"
        onClose={() => setConfirmDelete(false)}
        onConfirm={async () => {
          await call('notes/delete', { id: note.id });
          onDeleted(note.id);
        }}
      >
        <p>The note is removed for everyone. This cannot be undone.</p>
      </ConfirmDialog>
    </li>
  );
}
