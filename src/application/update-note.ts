// Edits the text of a note; only its author may, and only from the version they read.
import type { NoteView } from '../contracts/api';
import { conflict } from '../domain/errors';
import type { Id, Note } from '../domain/records';
import { recordAudit } from './audit-trail';
import type { Actor, Deps } from './deps';
import { getNote, onlyAuthorMayEdit } from './note-rules';
import { noteView } from './views';

export type UpdateNoteCommand = { id: Id; version: number; body: string };

export async function updateNote(deps: Deps, actor: Actor, command: UpdateNoteCommand): Promise<NoteView> {
  const { store } = deps;
  const note = await getNote(store, command.id);
  if (note.authorId !== actor.accountId) throw onlyAuthorMayEdit();
  if (note.version !== command.version) throw conflict('The note');
  if (note.body === command.body) return noteView(note, actor);
  const now = deps.clock().toISOString();
  const saved: Note = { ...note, body: command.body, version: note.version + 1, updatedAt: now };
  await store.notes.update(saved);
  await recordAudit(deps, actor, now, [
    { recordType: note.recordType, recordId: note.recordId, action: 'note-edit', changes: { noteId: [note.id, note.id], body: [note.body, saved.body] } },
  ]);
  return noteView(saved, actor);
}
