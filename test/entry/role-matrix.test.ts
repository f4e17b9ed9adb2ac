// Every resolver key, called through the real Forge resolver as each role: who may call it, and that refusals write nothing.
import { sql } from 'kysely';
import { z } from 'zod';
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { createField } from '../../src/application/manage-custom-fields';
import { linkRecord } from '../../src/application/link-record';
import { setMembership } from '../../src/application/set-membership';
import { api, RESOLVER_KEYS, type ApiInput, type ResolverKey } from '../../src/contracts/api';
import type { CustomField, Role } from '../../src/domain/records';
import type { Company, Contact, Note } from '../../src/domain/records';
import { can } from '../../src/domain/roles';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { makeForgeResolver } from '../../src/entry/resolvers/forge-resolver';
import { importOptionsSchema } from '../../src/application/import/job-model';
import { startImport } from '../../src/application/import/start-import';
import { runImport } from '../support/import-harness';
import { makeFakeRequestDirectory } from '../../src/adapters/local/fake-request-directory';
import { matchRequest } from '../../src/application/matching/match-request';
import type { IssueMatch } from '../../src/domain/issue-matches';
import { candidateKey } from '../../src/domain/requester-match';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

type Seed = { contact: Contact; company: Company; field: CustomField; note: Note; doneJobId: string; stagingJobId: string; duplicate: { contact: Contact; company: Company }; suggestion: IssueMatch };

/** A valid payload per key, built from the seeded records; a key added to the contract must get one here. */
const fixtures: { [K in ResolverKey]: (seed: Seed) => ApiInput<K> } = {
  'contacts/search': () => ({ text: 'ada' }),
  'contacts/get': (s) => ({ id: s.contact.id }),
  'contacts/create': () => ({ email: 'new.person@example.org', firstName: 'New' }),
  'contacts/update': (s) => ({ id: s.contact.id, version: s.contact.version, jobTitle: 'CTO' }),
  'contacts/delete': (s) => ({ id: s.contact.id }),
  'companies/search': () => ({ text: 'acme' }),
  'companies/get': (s) => ({ id: s.company.id }),
  'companies/create': () => ({ name: 'Initech', domains: ['initech.com'] }),
  'companies/update': (s) => ({ id: s.company.id, version: s.company.version, name: 'Acme Corp' }),
  'companies/delete': (s) => ({ id: s.company.id }),
  'memberships/set': (s) => ({ contactId: s.contact.id, companyId: s.company.id, role: 'Buyer', isPrimary: true }),
  'memberships/remove': (s) => ({ contactId: s.contact.id, companyId: s.company.id }),
  'notes/add': (s) => ({ recordType: 'company', recordId: s.company.id, body: 'Renewal in May.' }),
  'notes/update': (s) => ({ id: s.note.id, version: s.note.version, body: 'Renewal moved to June.' }),
  'notes/delete': (s) => ({ id: s.note.id }),
  'fields/list': () => ({ entity: 'contact' }),
  'fields/create': () => ({ entity: 'company', name: 'Industry', type: 'text' }),
  'fields/update': (s) => ({ id: s.field.id, name: 'Support tier' }),
  'fields/delete': (s) => ({ id: s.field.id, confirm: true }),
  'settings/get': () => ({}),
  'settings/update': () => ({ auditRetentionDays: 90 }),
  me: () => ({}),
  'import/start': () => ({ fileName: 'contacts.csv', headers: ['Email', 'Company'], dryRun: true }),
  'import/preview': () => ({ headers: ['Email', 'Name'], rows: [['grace@navy.mil', 'Grace Hopper']] }),
  'import/rows': (s) => ({ jobId: s.stagingJobId, rows: [{ row: 1, line: 2, cells: ['grace@navy.mil'] }] }),
  'import/queue': (s) => ({ jobId: s.stagingJobId, totalRows: 0 }),
  'import/status': (s) => ({ jobId: s.doneJobId }),
  'import/list': () => ({}),
  'import/errors': (s) => ({ jobId: s.doneJobId }),
  'import/undo': (s) => ({ jobId: s.doneJobId }),
  'import/cancel': (s) => ({ jobId: s.stagingJobId }),
  'import/mappings': () => ({}),
  'export/csv': () => ({}),
  'links/for-issue': () => ({ issueId: '10101' }),
  'links/add': (s) => ({ recordType: 'contact', recordId: s.contact.id, target: { type: 'issue', issueId: '10100', issueKey: 'SUP-1' }, alsoCompanyIds: [s.company.id] }),
  'links/remove': (s) => ({ recordType: 'company', recordId: s.company.id, targetType: 'issue', targetId: '10101' }),
  'links/work': (s) => ({ recordType: 'company', recordId: s.company.id }),
  'links/remove-missing': (s) => ({ recordType: 'company', recordId: s.company.id }),
  'directory/typeahead': () => ({ text: 'ac' }),
  'duplicates/contacts': () => ({}),
  'import/issues': (s) => ({ jobId: s.doneJobId }),
  'duplicates/dismiss': (s) => ({ contactIds: [s.contact.id, s.duplicate.contact.id] }),
  'audit/record': (s) => ({ recordType: 'contact', recordId: s.contact.id }),
  'audit/list': () => ({ action: 'create' }),
  'contacts/merge': (s) => ({ keepId: s.contact.id, mergeId: s.duplicate.contact.id, versions: { keep: s.contact.version, merge: s.duplicate.contact.version } }),
  'companies/merge': (s) => ({ keepId: s.company.id, mergeId: s.duplicate.company.id, versions: { keep: s.company.version, merge: s.duplicate.company.version } }),
  'contacts/erase': (s) => ({ id: s.contact.id, confirm: true }),
  'matches/get': (s) => ({ issueId: s.suggestion.issueId }),
  'matches/accept': (s) => ({ issueId: s.suggestion.issueId, version: s.suggestion.version, key: candidateKey(null, s.company.id) }),
  'matches/dismiss': (s) => ({ issueId: s.suggestion.issueId, version: s.suggestion.version }),
  'matches/backfill-start': () => ({}),
  'matches/backfill-status': () => ({}),
  'matches/notices': () => ({}),
  'visibility/get': () => ({}),
  'visibility/update': () => ({ panelScope: { mode: 'service-projects' } }),
};

/** The callers: the three local users, and a signed-in Jira user the app gives no role. */
const callers: { label: string; accountId: string; role: Role | null }[] = [
  { label: 'viewer', accountId: 'local-viewer', role: 'viewer' },
  { label: 'editor', accountId: 'local-agent', role: 'editor' },
  { label: 'admin', accountId: 'local-admin', role: 'admin' },
  { label: 'no access', accountId: 'someone-else', role: null },
];

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** The caller's own note, so that editing and deleting it is a question of role alone. */
async function seed(world: TestWorld, callerId: string): Promise<Seed> {
  const { deps } = world;
  const contact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@example.org', firstName: 'Ada' }));
  const company = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
  await setMembership(deps, admin, { contactId: contact.id, companyId: company.id, role: 'User' });
  const field = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'text', options: [] });
  await linkRecord(deps, admin, { recordType: 'company', recordId: company.id, target: { type: 'issue', issueId: '10101' }, alsoCompanyIds: [] });
  const note = await addNote(deps, { accountId: callerId, role: 'editor' }, { recordType: 'contact', recordId: contact.id, body: 'Met at the summit.' });
  const done = await runImport(deps, 'Email,Company\nlin@initech.com,Initech\n');
  const staging = await startImport(deps, 'local-admin', { fileName: 'more.csv', headers: ['Email'], options: importOptionsSchema.parse({}), dryRun: true });
  const duplicate = {
    contact: await createContact(deps, admin, contactInputSchema.parse({ email: 'ada.lovelace@example.org', lastName: 'Lovelace' })),
    company: await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme Inc', domains: ['acme.example'] })),
  };
  return { contact, company, field, note, doneJobId: done.id, stagingJobId: staging.job.id, duplicate, suggestion: await seedSuggestion(world) };
}

/** SUP-4 raised by someone at acme.com who is not a contact yet: matching suggests creating them in Acme. */
async function seedSuggestion(world: TestWorld): Promise<IssueMatch> {
  const requests = makeFakeRequestDirectory({
    projects: [{ id: '10000', key: 'SUP', name: 'Customer Support', projectTypeKey: 'service_desk' }],
    users: [{ accountId: 'qm:wile', displayName: 'Wile Coyote', email: 'wile.coyote@acme.com', accountType: 'customer' }],
    issues: [{ id: '10103', key: 'SUP-4', summary: 'Export of the audit log times out', projectKey: 'SUP', reporterAccountId: 'qm:wile' }],
  });
  await matchRequest({ ...world.deps, requests }, await requests.getIssue('10103'), { source: 'trigger' });
  const match = await world.deps.store.issueMatches.find('10103');
  if (match === null) throw new Error('The seeded suggestion was not stored.');
  return match;
}

/** Every row of every table, so a refused call that wrote anything at all shows up. */
async function snapshot(world: TestWorld): Promise<Record<string, string[]>> {
  const { db } = world.engine;
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
  const out: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
    out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe('role matrix', () => {
  it('has a fixture for every key of the contract', () => {
    const missing = RESOLVER_KEYS.filter((key) => !Object.hasOwn(fixtures, key));
    expect(missing).toEqual([]);
  });

  const cases = RESOLVER_KEYS.flatMap((key) => callers.map((caller) => ({ key, caller, allowed: caller.role !== null && can(caller.role, api[key].action) })));

  it.each(cases)('$key as $caller.label: allowed=$allowed', async ({ key, caller, allowed }) => {
    const fixture = Object.hasOwn(fixtures, key) ? fixtures[key] : undefined;
    if (fixture === undefined) throw new Error(`No fixture for the resolver key ${key}: add one to the fixtures in this file.`);
    const world = await openWorld();
    try {
      const handler = makeForgeResolver(world.deps);
      const payload = fixture(await seed(world, caller.accountId));
      const before = await snapshot(world);
      const raw = await handler({ call: { functionKey: key, payload }, context: {} }, { principal: { accountId: caller.accountId } });
      const envelope = envelopeSchema.parse(raw);
      if (allowed) {
        expect(envelope).toMatchObject({ ok: true });
      } else {
        expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(await snapshot(world)).toEqual(before);
      }
    } finally {
      await world.deps.importQueue.idle();
      await world.deps.backfillQueue.idle();
      await world.close();
    }
  });
});
