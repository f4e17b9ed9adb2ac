// Every resolver key, called through the real Forge resolver as each role, with email, phone and custom fields readable
// from each role up: an answer never carries a value below the caller's role, and does carry it when the role may read it.
import { z } from 'zod';
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { createField } from '../../src/application/manage-custom-fields';
import { linkRecord } from '../../src/application/link-record';
import { setMembership } from '../../src/application/set-membership';
import { updateVisibilitySettings } from '../../src/application/visibility-settings';
import { api, RESOLVER_KEYS, type ApiInput, type ResolverKey } from '../../src/contracts/api';
import type { Company, Contact, CustomField, Note, Role } from '../../src/domain/records';
import { can, ROLE_RANK } from '../../src/domain/roles';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { makeForgeResolver } from '../../src/entry/resolvers/forge-resolver';
import { redactions } from '../../src/entry/resolvers/field-redaction';
import { importOptionsSchema } from '../../src/application/import/job-model';
import { startImport } from '../../src/application/import/start-import';
import { runImport } from '../support/import-harness';
import { makeFakeRequestDirectory } from '../../src/adapters/local/fake-request-directory';
import { matchRequest } from '../../src/application/matching/match-request';
import type { IssueMatch } from '../../src/domain/issue-matches';
import { candidateKey } from '../../src/domain/requester-match';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

const SECRET = {
  email: 'ada.secret@example.org',
  phone: '+44 20 7946 0999',
  tier: 'Platinum-Secret-Tier',
  account: 'Account-Secret-Value',
};
/** Every email the seed stores: none may show to a role below the email's level. */
const ALL_EMAILS = [SECRET.email, 'ada.lovelace@example.org', 'lin@initech.com', 'wile.coyote@acme.com'];

type Seed = { contact: Contact; company: Company; field: CustomField; note: Note; doneJobId: string; stagingJobId: string; duplicate: { contact: Contact; company: Company }; suggestion: IssueMatch };

/**
 * A valid payload per key. Kept apart from role-matrix.test.ts so either file can gain keys on its own; the first
 * test fails when a key of the contract has no fixture here.
 */
const fixtures: Partial<{ [K in ResolverKey]: (seed: Seed) => ApiInput<K> }> = {
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
  'fields/list': () => ({}),
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
  'directory/typeahead': () => ({ text: 'ada' }),
  'audit/record': (s) => ({ recordType: 'contact', recordId: s.contact.id }),
  'audit/list': () => ({}),
  'contacts/merge': (s) => ({ keepId: s.contact.id, mergeId: s.duplicate.contact.id, versions: { keep: s.contact.version, merge: s.duplicate.contact.version } }),
  'companies/merge': (s) => ({ keepId: s.company.id, mergeId: s.duplicate.company.id, versions: { keep: s.company.version, merge: s.duplicate.company.version } }),
  'contacts/erase': (s) => ({ id: s.contact.id, confirm: true }),
  'matches/get': (s) => ({ issueId: s.suggestion.issueId }),
  'matches/accept': (s) => ({ issueId: s.suggestion.issueId, version: s.suggestion.version, key: candidateKey(null, s.company.id) }),
  'matches/dismiss': (s) => ({ issueId: s.suggestion.issueId, version: s.suggestion.version }),
  'matches/backfill-start': () => ({}),
  'matches/backfill-status': () => ({}),
  'matches/notices': () => ({}),
  'duplicates/contacts': () => ({}),
  'duplicates/dismiss': (s) => ({ contactIds: [s.contact.id, s.duplicate.contact.id] }),
  'import/issues': (s) => ({ jobId: s.doneJobId }),
  'visibility/get': () => ({}),
  'visibility/update': () => ({ panelScope: { mode: 'service-projects' } }),
};

/** Keys whose answer shows the seeded values to a role that may read them: the matrix is not vacuous. */
const SHOWS: Partial<Record<ResolverKey, (keyof typeof SECRET)[]>> = {
  'contacts/get': ['email', 'phone', 'tier'],
  'contacts/search': ['email', 'phone', 'tier'],
  'companies/get': ['email', 'account'],
  'companies/search': ['account'],
  'export/csv': ['email', 'phone', 'tier', 'account'],
  'links/for-issue': ['email'],
  'directory/typeahead': ['email'],
  'audit/record': ['email', 'phone', 'tier'],
  'audit/list': ['email', 'phone', 'tier'],
};

const callers: { accountId: string; role: Role }[] = [
  { accountId: 'local-viewer', role: 'viewer' },
  { accountId: 'local-agent', role: 'editor' },
  { accountId: 'local-admin', role: 'admin' },
];
const LEVELS: Role[] = ['viewer', 'editor', 'admin'];

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

async function seed(world: TestWorld, callerId: string, level: Role): Promise<Seed> {
  const { deps } = world;
  const field = await createField(deps, admin, { entity: 'contact', name: 'Tier', type: 'text', options: [] });
  const account = await createField(deps, admin, { entity: 'company', name: 'Account', type: 'text', options: [] });
  const contact = await createContact(deps, admin, contactInputSchema.parse({ email: SECRET.email, firstName: 'Ada', phone: SECRET.phone, custom: { [field.id]: SECRET.tier } }));
  const company = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'], custom: { [account.id]: SECRET.account } }));
  await setMembership(deps, admin, { contactId: contact.id, companyId: company.id, role: 'User' });
  await linkRecord(deps, admin, { recordType: 'company', recordId: company.id, target: { type: 'issue', issueId: '10101' }, alsoCompanyIds: [] });
  await linkRecord(deps, admin, { recordType: 'contact', recordId: contact.id, target: { type: 'issue', issueId: '10101' }, alsoCompanyIds: [] });
  const note = await addNote(deps, { accountId: callerId, role: 'editor' }, { recordType: 'contact', recordId: contact.id, body: 'Met at the summit.' });
  const done = await runImport(deps, 'Email,Company\nlin@initech.com,Initech\n');
  const staging = await startImport(deps, 'local-admin', { fileName: 'more.csv', headers: ['Email'], options: importOptionsSchema.parse({}), dryRun: true });
  const duplicate = {
    contact: await createContact(deps, admin, contactInputSchema.parse({ email: 'ada.lovelace@example.org', lastName: 'Lovelace' })),
    company: await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme Inc', domains: ['acme.example'] })),
  };
  const suggestion = await seedSuggestion(world);
  await updateVisibilitySettings(deps, admin, { fields: { email: level, phone: level, custom: { [field.id]: level, [account.id]: level } } });
  return { contact, company, field, note, doneJobId: done.id, stagingJobId: staging.job.id, duplicate, suggestion };
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

describe('field visibility matrix', () => {
  it('has a fixture for every key of the contract', () => {
    expect(RESOLVER_KEYS.filter((key) => !Object.hasOwn(fixtures, key))).toEqual([]);
  });

  it('lets only admins call the keys whose answers are left unfiltered as admin-only', () => {
    const wrong = RESOLVER_KEYS.filter((key) => redactions[key] === 'admin-only' && api[key].action !== 'admin');
    expect(wrong).toEqual([]);
  });

  const cases = RESOLVER_KEYS.flatMap((key) =>
    LEVELS.flatMap((level) => callers.filter((c) => can(c.role, api[key].action)).map((caller) => ({ key, level, caller, reads: ROLE_RANK[caller.role] >= ROLE_RANK[level] }))),
  );

  it.each(cases)('$key as $caller.role, fields readable from $level: values shown=$reads', async ({ key, level, caller, reads }) => {
    const fixture = fixtures[key] as ((seed: Seed) => unknown) | undefined;
    if (fixture === undefined) throw new Error(`No fixture for the resolver key ${key}: add one to the fixtures in this file.`);
    const world = await openWorld();
    try {
      const handler = makeForgeResolver(world.deps);
      const payload = fixture(await seed(world, caller.accountId, level));
      const raw = await handler({ call: { functionKey: key, payload }, context: {} }, { principal: { accountId: caller.accountId } });
      const envelope = envelopeSchema.parse(raw);
      expect(envelope).toMatchObject({ ok: true });
      const text = JSON.stringify(envelope);
      if (!reads) {
        const leaked = [...ALL_EMAILS, SECRET.phone, SECRET.tier, SECRET.account].filter((value) => text.includes(value));
        expect(leaked).toEqual([]);
      } else {
        const shown = (SHOWS[key] ?? []).filter((name) => !text.includes(SECRET[name]));
        expect(shown).toEqual([]);
      }
    } finally {
      await world.deps.importQueue.idle();
      await world.deps.backfillQueue.idle();
      await world.close();
    }
  });
});
