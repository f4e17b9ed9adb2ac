// Deletes a note: its author may, and so may an app admin.
import type { NoteDeleted } from '../contracts/api';
import type { Id } from '../domain/records';
import { recordAudit } from './audit-trail';
import type { Actor, Deps } from './deps';
import { getNote, onlyAuthorOrAdminMayDelete } from './note-rules';

export async function deleteNote(deps: Deps, actor: Actor, command: { id: Id }): Promise<NoteDeleted> {
  const { store } = deps;
  const note = await getNote(store, command.id);
  if (note.authorId !== actor.accountId && actor.role !== 'admin') throw onlyAuthorOrAdminMayDelete();
  await store.notes.delete(note.id);
  await recordAudit(deps, actor, deps.clock().toISOString(), [
    {
      recordType: note.recordType,
      recordId: note.recordId,
      action: 'note-delete',
      changes: { noteId: [note.id, null], authorId: [note.authorId, null], body: [note.body, null] },
    },
  ]);
  return { id: note.id };
}
