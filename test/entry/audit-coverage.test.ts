// Every resolver that changes directory data leaves an audit entry saying what changed; reads leave none.
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { importOptionsSchema } from '../../src/application/import/job-model';
import { stageImportRows, startImport } from '../../src/application/import/start-import';
import { linkRecord } from '../../src/application/link-record';
import { createField } from '../../src/application/manage-custom-fields';
import { setMembership } from '../../src/application/set-membership';
import { RESOLVER_KEYS, type ApiInput, type ResolverKey } from '../../src/contracts/api';
import type { AuditAction } from '../../src/domain/ports';
import type { Company, Contact, CustomField, Note } from '../../src/domain/records';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { runImport } from '../support/import-harness';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

type Seed = { contact: Contact; other: Contact; company: Company; otherCompany: Company; field: CustomField; note: Note; doneJobId: string };
type Mutation<K extends ResolverKey> = { action: AuditAction | AuditAction[]; payload: (seed: Seed, world: TestWorld) => Promise<ApiInput<K>> | ApiInput<K> };

/** Each mutating key, a valid call of it, and the action its entry must carry. */
const mutations: { [K in ResolverKey]?: Mutation<K> } = {
  'contacts/create': { action: 'create', payload: () => ({ email: 'new@example.org' }) },
  'contacts/update': { action: 'update', payload: (s) => ({ id: s.contact.id, version: s.contact.version, jobTitle: 'CTO' }) },
  'contacts/delete': { action: 'delete', payload: (s) => ({ id: s.contact.id }) },
  'contacts/merge': { action: 'merge', payload: (s) => ({ keepId: s.contact.id, mergeId: s.other.id, versions: { keep: s.contact.version, merge: s.other.version } }) },
  'contacts/erase': { action: 'erase', payload: (s) => ({ id: s.contact.id, confirm: true }) },
  'companies/create': { action: 'create', payload: () => ({ name: 'Initech' }) },
  'companies/update': { action: 'update', payload: (s) => ({ id: s.company.id, version: s.company.version, name: 'Acme Corp' }) },
  'companies/delete': { action: 'delete', payload: (s) => ({ id: s.company.id }) },
  'companies/merge': {
    action: 'merge',
    payload: (s) => ({ keepId: s.company.id, mergeId: s.otherCompany.id, versions: { keep: s.company.version, merge: s.otherCompany.version } }),
  },
  'memberships/set': { action: 'membership-update', payload: (s) => ({ contactId: s.contact.id, companyId: s.company.id, role: 'Buyer' }) },
  'memberships/remove': { action: 'membership-remove', payload: (s) => ({ contactId: s.contact.id, companyId: s.company.id }) },
  'notes/add': { action: 'note-add', payload: (s) => ({ recordType: 'company', recordId: s.company.id, body: 'Renewal in May.' }) },
  'notes/update': { action: 'note-edit', payload: (s) => ({ id: s.note.id, version: s.note.version, body: 'Renewal in June.' }) },
  'notes/delete': { action: 'note-delete', payload: (s) => ({ id: s.note.id }) },
  'fields/create': { action: 'create', payload: () => ({ entity: 'company', name: 'Industry', type: 'text' }) },
  'fields/update': { action: 'update', payload: (s) => ({ id: s.field.id, name: 'Support tier' }) },
  'fields/delete': { action: 'delete', payload: (s) => ({ id: s.field.id, confirm: true }) },
  'settings/update': { action: 'update', payload: () => ({ auditRetentionDays: 90 }) },
  'visibility/update': { action: 'update', payload: () => ({ fields: { email: 'editor', phone: 'viewer', custom: {} } }) },
  'links/add': { action: 'link', payload: (s) => ({ recordType: 'contact', recordId: s.contact.id, target: { type: 'issue', issueId: '10102' }, alsoCompanyIds: [] }) },
  'links/remove': { action: 'unlink', payload: (s) => ({ recordType: 'contact', recordId: s.contact.id, targetType: 'issue', targetId: '10100' }) },
  'links/remove-missing': {
    action: 'unlink',
    payload: (s, world) => {
      world.site.deleteIssue('10100');
      return { recordType: 'contact', recordId: s.contact.id };
    },
  },
  // The import's records are written in the background. The job writes one entry for itself (the records it creates
  // have none of their own: their creator, "import:<job>", and time say it); its updates carry the job id.
  'import/queue': {
    action: 'import',
    payload: async (_s, world) => {
      const { job } = await startImport(world.deps, 'local-admin', { fileName: 'more.csv', headers: ['Email'], options: importOptionsSchema.parse({}), dryRun: false });
      await stageImportRows(world.deps, job.id, [{ row: 1, line: 2, cells: ['grace@navy.mil'] }]);
      return { jobId: job.id, totalRows: 1 };
    },
  },
  'import/undo': { action: ['delete', 'update'], payload: (s) => ({ jobId: s.doneJobId }) },
};

/** Keys that change no directory record, and why. */
const notMutating: Partial<Record<ResolverKey, string>> = {
  'contacts/search': 'read',
  'contacts/get': 'read',
  'companies/search': 'read',
  'companies/get': 'read',
  'fields/list': 'read',
  'settings/get': 'read',
  'visibility/get': 'read',
  me: 'read',
  'audit/record': 'read',
  'audit/list': 'read',
  'import/preview': 'read: checks rows without storing them',
  'import/status': 'read',
  'import/list': 'read',
  'import/errors': 'read',
  'import/mappings': 'read',
  'export/csv': 'read',
  'links/for-issue': 'read',
  'links/work': 'read',
  'directory/typeahead': 'read',
  'duplicates/contacts': 'read',
  'import/issues': 'read',
  'duplicates/dismiss': 'hides a pair from the possible-duplicates list (a setting); no contact changes',
  'import/start': 'opens a job (its own record of who and when); the records it changes are audited when it runs (import/queue)',
  'import/cancel': 'stops the job; the records it already wrote keep their import entries',
  'import/rows': 'stages file rows for the job; nothing in the directory changes until import/queue',
  'matches/get': 'read',
  'matches/backfill-status': 'read',
  'matches/notices': 'read',
  'matches/backfill-start': 'starts a background job; what it links is audited by the links it writes',
  'matches/dismiss': "hides a suggestion on the issue's match record; no contact, company or link changes",
  // Mutating, but only through createContact, createCompany and link-issue, which write their entries; its payload needs
  // a stored suggestion, which the matching suite builds.
  'matches/accept': 'changes records only through the audited create and link use cases (see the matching tests)',
};

async function seed(world: TestWorld): Promise<Seed> {
  const { deps } = world;
  const contact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@example.org' }));
  const other = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada.l@example.org', lastName: 'Lovelace' }));
  const company = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme' }));
  const otherCompany = await createCompany(deps, admin, companyInputSchema.parse({ name: 'ACME Inc' }));
  await setMembership(deps, admin, { contactId: contact.id, companyId: company.id, role: 'User' });
  const field = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'text', options: [] });
  const note = await addNote(deps, admin, { recordType: 'company', recordId: company.id, body: 'Met at the summit.' });
  await linkRecord(deps, admin, { recordType: 'contact', recordId: contact.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: [] });
  const done = await runImport(deps, 'Email,Company\nlin@initech.com,Initech\n');
  await world.deps.propertySync.idle();
  return { contact, other, company, otherCompany, field, note, doneJobId: done.id };
}

describe('audit coverage', () => {
  it('classifies every resolver key as mutating (with a call) or not (with a reason)', () => {
    const unclassified = RESOLVER_KEYS.filter((key) => !Object.hasOwn(mutations, key) && !Object.hasOwn(notMutating, key));
    const both = RESOLVER_KEYS.filter((key) => Object.hasOwn(mutations, key) && Object.hasOwn(notMutating, key));
    expect({ unclassified, both }).toEqual({ unclassified: [], both: [] });
  });

  const keys = RESOLVER_KEYS.filter((key) => Object.hasOwn(mutations, key));

  it.each(keys)('%s writes an audit entry for what it changed', async (key) => {
    const world = await openWorld();
    try {
      const mutation = mutations[key];
      if (mutation === undefined) throw new Error(`No call for ${key}`);
      const payload = await mutation.payload(await seed(world), world);
      const since = new Date(world.deps.clock().getTime()).toISOString();
      const envelope = await defineResolvers(world.deps)[key]({ payload, context: { accountId: 'local-admin' } });
      await world.deps.importQueue.idle();
      await world.deps.propertySync.idle();

      expect(envelope).toMatchObject({ ok: true });
      const entries = (await world.deps.store.audit.list({ from: since, limit: 100 })).items;
      const wanted = Array.isArray(mutation.action) ? mutation.action : [mutation.action];
      const actions = entries.map((e) => e.action);
      expect(actions.filter((action) => wanted.includes(action))).not.toEqual([]);
    } finally {
      await world.deps.importQueue.idle();
      await world.close();
    }
  });
});
