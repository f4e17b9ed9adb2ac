// Who may change a note: its author edits and deletes it, an admin may also delete it.
import { AppError, notFound } from '../domain/errors';
import type { Store } from '../domain/ports';
import type { Id, Note } from '../domain/records';

export async function getNote(store: Store, id: Id): Promise<Note> {
  const note = await store.notes.find(id);
  if (note === null) throw notFound('Note', id);
  return note;
}

export const onlyAuthorMayEdit = () => new AppError('FORBIDDEN', 'Only the author of a note can edit it; add a note of your own instead.');

export const onlyAuthorOrAdminMayDelete = () =>
  new AppError('FORBIDDEN', 'Only the author of a note or an app admin can delete it; ask one of them.');
