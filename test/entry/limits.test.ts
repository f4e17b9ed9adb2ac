// Every size limit, called through the resolvers: past it the answer is INVALID_INPUT or LIMIT_EXCEEDED naming the limit.
import { addNote } from '../../src/application/add-note';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { createField } from '../../src/application/manage-custom-fields';
import { IMPORT_ROWS_PER_CALL } from '../../src/contracts/import';
import { MAX_ALSO_COMPANIES } from '../../src/contracts/links';
import type { ResolverKey } from '../../src/contracts/api';
import { MAX_AUDIT_RETENTION_DAYS, MAX_AUTO_MATCH_PROJECTS, MAX_EXTRA_FREE_MAIL_DOMAINS, MAX_ROLE_MAPPINGS, MIN_AUDIT_RETENTION_DAYS } from '../../src/domain/app-settings';
import {
  MAX_COMPANY_NAME_LENGTH,
  MAX_CUSTOM_FIELDS_PER_ENTITY,
  MAX_CUSTOM_VALUE_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_DOMAINS_PER_COMPANY,
  MAX_EMAIL_LENGTH,
  MAX_FIELD_NAME_LENGTH,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_PAGE_SIZE,
  MAX_PHONE_LENGTH,
  MAX_ROLE_LENGTH,
  MAX_SEARCH_LENGTH,
  MAX_SELECT_OPTIONS,
} from '../../src/domain/limits';
import type { Company, Contact, CustomField, Note } from '../../src/domain/records';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { defineResolvers, type ResolverHandlers } from '../../src/entry/resolvers/define-resolvers';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

type Seed = { contact: Contact; company: Company; note: Note; select: CustomField; text: CustomField };
type LimitCase = { name: string; limit: number; key: ResolverKey; payload: (s: Seed) => unknown };

const long = (length: number) => 'x'.repeat(length);
const many = <T>(count: number, item: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => item(i));
const page = (key: ResolverKey, extra: (s: Seed) => Record<string, unknown> = () => ({})): LimitCase => ({
  name: `${key} page size`,
  limit: MAX_PAGE_SIZE,
  key,
  payload: (s) => ({ ...extra(s), limit: MAX_PAGE_SIZE + 1 }),
});

const cases: LimitCase[] = [
  page('contacts/search'),
  page('companies/search'),
  page('import/list'),
  page('audit/list'),
  page('audit/record', (s) => ({ recordType: 'contact', recordId: s.contact.id })),
  { name: 'search text', limit: MAX_SEARCH_LENGTH, key: 'contacts/search', payload: () => ({ text: long(MAX_SEARCH_LENGTH + 1) }) },
  { name: 'typeahead text', limit: MAX_SEARCH_LENGTH, key: 'directory/typeahead', payload: () => ({ text: long(MAX_SEARCH_LENGTH + 1) }) },
  { name: 'email', limit: MAX_EMAIL_LENGTH, key: 'contacts/create', payload: () => ({ email: `${long(MAX_EMAIL_LENGTH)}@acme.com` }) },
  { name: 'first name', limit: MAX_NAME_LENGTH, key: 'contacts/create', payload: () => ({ email: 'a@acme.com', firstName: long(MAX_NAME_LENGTH + 1) }) },
  { name: 'last name', limit: MAX_NAME_LENGTH, key: 'contacts/update', payload: (s) => ({ id: s.contact.id, version: 1, lastName: long(MAX_NAME_LENGTH + 1) }) },
  { name: 'display name', limit: MAX_DISPLAY_NAME_LENGTH, key: 'contacts/create', payload: () => ({ email: 'a@acme.com', displayName: long(MAX_DISPLAY_NAME_LENGTH + 1) }) },
  { name: 'phone', limit: MAX_PHONE_LENGTH, key: 'contacts/create', payload: () => ({ email: 'a@acme.com', phone: '1'.repeat(MAX_PHONE_LENGTH + 1) }) },
  { name: 'job title', limit: MAX_NAME_LENGTH, key: 'contacts/create', payload: () => ({ email: 'a@acme.com', jobTitle: long(MAX_NAME_LENGTH + 1) }) },
  { name: 'custom value', limit: MAX_CUSTOM_VALUE_LENGTH, key: 'contacts/create', payload: (s) => ({ email: 'a@acme.com', custom: { [s.text.id]: long(MAX_CUSTOM_VALUE_LENGTH + 1) } }) },
  {
    name: 'custom values per record',
    limit: MAX_CUSTOM_FIELDS_PER_ENTITY,
    key: 'contacts/create',
    payload: () => ({ email: 'a@acme.com', custom: Object.fromEntries(many(MAX_CUSTOM_FIELDS_PER_ENTITY + 1, (i) => [`f${i}`, 'v'])) }),
  },
  { name: 'company name', limit: MAX_COMPANY_NAME_LENGTH, key: 'companies/create', payload: () => ({ name: long(MAX_COMPANY_NAME_LENGTH + 1) }) },
  { name: 'domains', limit: MAX_DOMAINS_PER_COMPANY, key: 'companies/create', payload: () => ({ name: 'Acme', domains: many(MAX_DOMAINS_PER_COMPANY + 1, (i) => `d${i}.com`) }) },
  { name: 'role', limit: MAX_ROLE_LENGTH, key: 'memberships/set', payload: (s) => ({ contactId: s.contact.id, companyId: s.company.id, role: long(MAX_ROLE_LENGTH + 1) }) },
  { name: 'new note', limit: MAX_NOTE_LENGTH, key: 'notes/add', payload: (s) => ({ recordType: 'contact', recordId: s.contact.id, body: long(MAX_NOTE_LENGTH + 1) }) },
  { name: 'edited note', limit: MAX_NOTE_LENGTH, key: 'notes/update', payload: (s) => ({ id: s.note.id, version: 1, body: long(MAX_NOTE_LENGTH + 1) }) },
  { name: 'field name', limit: MAX_FIELD_NAME_LENGTH, key: 'fields/create', payload: () => ({ entity: 'contact', name: long(MAX_FIELD_NAME_LENGTH + 1), type: 'text' }) },
  {
    name: 'select options',
    limit: MAX_SELECT_OPTIONS,
    key: 'fields/create',
    payload: () => ({ entity: 'contact', name: 'Plan', type: 'select', options: many(MAX_SELECT_OPTIONS + 1, (i) => `Option ${i}`) }),
  },
  { name: 'select options on edit', limit: MAX_SELECT_OPTIONS, key: 'fields/update', payload: (s) => ({ id: s.select.id, options: many(MAX_SELECT_OPTIONS + 1, (i) => `Option ${i}`) }) },
  { name: 'option length', limit: MAX_FIELD_NAME_LENGTH, key: 'fields/update', payload: (s) => ({ id: s.select.id, options: [long(MAX_FIELD_NAME_LENGTH + 1)] }) },
  { name: 'role mappings', limit: MAX_ROLE_MAPPINGS, key: 'settings/update', payload: () => ({ roleMapping: many(MAX_ROLE_MAPPINGS + 1, (i) => ({ group: `g${i}`, role: 'viewer' })) }) },
  {
    name: 'extra free-mail domains',
    limit: MAX_EXTRA_FREE_MAIL_DOMAINS,
    key: 'settings/update',
    payload: () => ({ autoMatch: { autoLink: true, projectKeys: [], extraFreeMailDomains: many(MAX_EXTRA_FREE_MAIL_DOMAINS + 1, (i) => `m${i}.com`) } }),
  },
  {
    name: 'auto-match projects',
    limit: MAX_AUTO_MATCH_PROJECTS,
    key: 'settings/update',
    payload: () => ({ autoMatch: { autoLink: true, extraFreeMailDomains: [], projectKeys: many(MAX_AUTO_MATCH_PROJECTS + 1, (i) => `P${i}`) } }),
  },
  { name: 'longest retention', limit: MAX_AUDIT_RETENTION_DAYS, key: 'settings/update', payload: () => ({ auditRetentionDays: MAX_AUDIT_RETENTION_DAYS + 1 }) },
  { name: 'shortest retention', limit: MIN_AUDIT_RETENTION_DAYS, key: 'settings/update', payload: () => ({ auditRetentionDays: MIN_AUDIT_RETENTION_DAYS - 1 }) },
  {
    name: 'rows per upload',
    limit: IMPORT_ROWS_PER_CALL,
    key: 'import/rows',
    payload: () => ({ jobId: 'job-1', rows: many(IMPORT_ROWS_PER_CALL + 1, (i) => ({ row: i + 1, line: i + 2, cells: ['a'] })) }),
  },
  { name: 'columns', limit: 200, key: 'import/start', payload: () => ({ fileName: 'a.csv', headers: many(201, (i) => `H${i}`) }) },
  {
    name: 'companies linked along',
    limit: MAX_ALSO_COMPANIES,
    key: 'links/add',
    payload: (s) => ({ recordType: 'contact', recordId: s.contact.id, target: { type: 'issue', issueId: '10100' }, alsoCompanyIds: many(MAX_ALSO_COMPANIES + 1, (i) => `c${i}`) }),
  },
];

describe('limits', () => {
  let world: TestWorld;
  let handlers: ResolverHandlers;
  let seed: Seed;
  beforeAll(async () => {
    world = await openWorld();
    const { deps } = world;
    handlers = defineResolvers(deps);
    const contact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@acme.com' }));
    const company = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme' }));
    const note = await addNote(deps, admin, { recordType: 'contact', recordId: contact.id, body: 'Hello' });
    const select = await createField(deps, admin, { entity: 'company', name: 'Plan', type: 'select', options: ['Free'] });
    const text = await createField(deps, admin, { entity: 'contact', name: 'Notes', type: 'text', options: [] });
    seed = { contact, company, note, select, text };
  });
  afterAll(() => world.close());

  it.each(cases)('$name: refused past $limit, naming the limit', async ({ key, payload, limit }) => {
    const answer = await handlers[key]({ payload: payload(seed), context: { accountId: 'local-admin' } });
    expect(answer).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(INVALID_INPUT|LIMIT_EXCEEDED)$/), message: expect.stringContaining(String(limit)) } });
  });

  it(`refuses custom field number ${MAX_CUSTOM_FIELDS_PER_ENTITY + 1} of an entity with LIMIT_EXCEEDED`, async () => {
    const fresh = await openWorld();
    try {
      const at = new Date().toISOString();
      await fresh.deps.store.fields.insertMany(
        many(MAX_CUSTOM_FIELDS_PER_ENTITY, (i) => ({ id: `f-${i}`, entity: 'contact', name: `Field ${i}`, nameKey: `field ${i}`, type: 'text', options: [], createdAt: at })),
      );
      const answer = await defineResolvers(fresh.deps)['fields/create']({ payload: { entity: 'contact', name: 'One more', type: 'text' }, context: { accountId: 'local-admin' } });
      expect(answer).toMatchObject({ ok: false, error: { code: 'LIMIT_EXCEEDED', message: expect.stringContaining(String(MAX_CUSTOM_FIELDS_PER_ENTITY)) } });
    } finally {
      await fresh.close();
    }
  });
});
