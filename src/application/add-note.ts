// Adds a note to a contact or company, written by the acting user.
import type { NoteView } from '../contracts/api';
import type { Note } from '../domain/records';
import type { NoteInput } from '../domain/schemas';
import { recordAudit } from './audit-trail';
import { getCompany } from './company-rules';
import { getContact } from './contact-rules';
import type { Actor, Deps } from './deps';
import { noteView } from './views';

export async function addNote(deps: Deps, actor: Actor, input: NoteInput): Promise<NoteView> {
  const { store } = deps;
  if (input.recordType === 'contact') await getContact(store, input.recordId);
  else await getCompany(store, input.recordId);
  const now = deps.clock().toISOString();
  const note: Note = {
    id: deps.ids(),
    recordType: input.recordType,
    recordId: input.recordId,
    authorId: actor.accountId,
    body: input.body,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await store.notes.insert(note);
  await recordAudit(deps, actor, now, [
    { recordType: note.recordType, recordId: note.recordId, action: 'note-add', changes: { noteId: [null, note.id], body: [null, note.body] } },
  ]);
  return noteView(note, actor);
}
