// Note use cases: authors edit and delete their own notes, admins may delete any, edits are versioned and audited.
import { addNote } from '../../src/application/add-note';
import { createContact } from '../../src/application/create-contact';
import { deleteNote } from '../../src/application/delete-note';
import { updateNote } from '../../src/application/update-note';
import type { Contact } from '../../src/domain/records';
import { contactInputSchema } from '../../src/domain/schemas';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { admin, agent, openWorld, otherAgent, type TestWorld } from '../support/use-case-deps';

describe('notes', () => {
  let world: TestWorld;
  let deps: ResolverDeps;
  let ada: Contact;
  beforeEach(async () => {
    world = await openWorld();
    deps = world.deps;
    ada = await createContact(deps, agent, contactInputSchema.parse({ email: 'ada@example.org' }));
  });
  afterEach(() => world.close());

  const history = async () => (await deps.store.audit.list({ recordType: 'contact', recordId: ada.id, limit: 50 })).items;
  const note = (body = 'Called about the renewal.') => addNote(deps, agent, { recordType: 'contact', recordId: ada.id, body });

  it('adds a note written by the acting user, which they may edit and delete', async () => {
    const n = await note();
    expect(n).toMatchObject({ authorId: 'local-agent', version: 1, canEdit: true, canDelete: true });
    expect((await history())[0]).toMatchObject({ action: 'note-add', changes: { noteId: [null, n.id], body: [null, 'Called about the renewal.'] } });
  });

  it('refuses a note on a record that does not exist', async () => {
    await expect(addNote(deps, agent, { recordType: 'company', recordId: ada.id, body: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets the author edit their note and audits the text before and after', async () => {
    const n = await note();
    const edited = await updateNote(deps, agent, { id: n.id, version: 1, body: 'Renewal agreed.' });
    expect(edited).toMatchObject({ body: 'Renewal agreed.', version: 2 });
    expect((await history())[0]).toMatchObject({ action: 'note-edit', changes: { body: ['Called about the renewal.', 'Renewal agreed.'] } });
  });

  it('does not let anyone else edit a note, not even an admin', async () => {
    const n = await note();
    await expect(updateNote(deps, otherAgent, { id: n.id, version: 1, body: 'Hijacked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateNote(deps, admin, { id: n.id, version: 1, body: 'Hijacked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await deps.store.notes.find(n.id))?.body).toBe('Called about the renewal.');
  });

  it('answers CONFLICT to an edit made from a stale version', async () => {
    const n = await note();
    await updateNote(deps, agent, { id: n.id, version: 1, body: 'Second' });
    await expect(updateNote(deps, agent, { id: n.id, version: 1, body: 'Third' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lets the author or an admin delete a note, but not another editor', async () => {
    const mine = await note('Mine');
    const theirs = await note('Theirs');
    await expect(deleteNote(deps, otherAgent, { id: mine.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await deleteNote(deps, agent, { id: mine.id });
    await deleteNote(deps, admin, { id: theirs.id });
    expect(await deps.store.notes.forRecord('contact', ada.id)).toEqual([]);
    expect((await history())[0]).toMatchObject({ action: 'note-delete', actor: 'local-admin', changes: { authorId: ['local-agent', null] } });
  });
});
