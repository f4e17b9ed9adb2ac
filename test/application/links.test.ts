// Linking records to Jira issues and Confluence pages on the real SQL store, with a fake Atlassian site behind the
// WorkItems port: idempotent links, who may link, the JQL issue property after every change, and linked-work roll-ups.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { deleteCompany } from '../../src/application/delete-company';
import { deleteContact } from '../../src/application/delete-contact';
import { getIssueLinks } from '../../src/application/get-issue-links';
import { getLinkedWork } from '../../src/application/get-linked-work';
import { linkRecord, type LinkRecordCommand } from '../../src/application/link-record';
import { removeMissingLinks } from '../../src/application/remove-missing-links';
import { searchTypeahead } from '../../src/application/search-typeahead';
import { setMembership } from '../../src/application/set-membership';
import { unlinkRecord } from '../../src/application/unlink-record';
import { updateCompany } from '../../src/application/update-company';
import type { CompanyView, ContactView } from '../../src/contracts/api';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { engines } from '../support/engines';
import { admin, agent, openWorld, viewer, type TestWorld } from '../support/use-case-deps';

// Sample issues of the fake site (src/adapters/local/sample-jira.ts).
const SUP_1 = { id: '10100', key: 'SUP-1' };
const SUP_2 = { id: '10101', key: 'SUP-2' };
const SUP_3 = { id: '10102', key: 'SUP-3' };
const ENG_12 = { id: '10200', key: 'ENG-12' };

const onIssue = (issue: { id: string; key: string }) => ({ type: 'issue' as const, issueId: issue.id, issueKey: issue.key });

describe.each(engines())('links on $name', (factory) => {
  let world: TestWorld;
  let ada: ContactView;
  let grace: ContactView;
  let acme: CompanyView;
  beforeEach(async () => {
    world = await openWorld(factory);
    const { deps } = world;
    acme = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    ada = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'CTO' }));
    grace = await createContact(deps, admin, contactInputSchema.parse({ email: 'grace@navy.mil', firstName: 'Grace', lastName: 'Hopper' }));
    await setMembership(world.deps, admin, { contactId: ada.id, companyId: acme.id, role: 'Buyer', isPrimary: true });
  });
  afterEach(() => world.close());

  const link = (command: Partial<LinkRecordCommand> & Pick<LinkRecordCommand, 'recordType' | 'recordId'>) =>
    linkRecord(world.deps, agent, { target: onIssue(SUP_1), alsoCompanyIds: [], ...command });
  const auditOf = async (action: 'link' | 'unlink') => (await world.deps.store.audit.list({ action, limit: 50 })).items;
  const property = (issue: { id: string }) => world.site.issueProperty(issue.id);

  describe('linking and unlinking', () => {
    it('links a contact and its primary company to an issue, audits both, and writes the issue property', async () => {
      const result = await link({ recordType: 'contact', recordId: ada.id, alsoCompanyIds: [acme.id] });

      expect(result.created.map((l) => [l.recordType, l.recordId, l.targetKey, l.title])).toEqual([
        ['contact', ada.id, 'SUP-1', 'Invoices for March show the wrong VAT number'],
        ['company', acme.id, 'SUP-1', 'Invoices for March show the wrong VAT number'],
      ]);
      expect(result.created[0]?.url).toBe('https://customer-directory.example.atlassian.net/browse/SUP-1');
      expect(result.issue).toMatchObject({
        issue: { id: SUP_1.id, key: 'SUP-1' },
        contacts: [{ id: ada.id, displayName: 'Ada Lovelace', email: 'ada@acme.com', companies: [{ companyId: acme.id, companyName: 'Acme', role: 'Buyer', isPrimary: true }] }],
        companies: [{ id: acme.id, name: 'Acme', domains: ['acme.com'] }],
        canEdit: true,
      });
      expect((await auditOf('link')).map((e) => [e.recordType, e.recordId, e.actor, e.changes])).toEqual(
        expect.arrayContaining([
          ['contact', ada.id, agent.accountId, { issue: [null, 'SUP-1'] }],
          ['company', acme.id, agent.accountId, { issue: [null, 'SUP-1'] }],
        ]),
      );
      expect(property(SUP_1)).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [ada.id] });
    });

    it('keeps one link when the same record is linked twice, and audits only the first time', async () => {
      await link({ recordType: 'contact', recordId: ada.id });
      const again = await link({ recordType: 'contact', recordId: ada.id });
      expect(again).toMatchObject({ created: [], alreadyLinked: 1 });
      expect(await world.deps.store.links.forTarget('issue', SUP_1.id)).toHaveLength(1);
      expect(await auditOf('link')).toHaveLength(1);
    });

    it('puts no email or person name into the issue property, only company names and ids', async () => {
      await link({ recordType: 'contact', recordId: ada.id, alsoCompanyIds: [acme.id] });
      await link({ recordType: 'contact', recordId: grace.id });
      const stored = JSON.stringify(property(SUP_1));
      for (const personal of ['ada@acme.com', 'grace@navy.mil', 'Ada', 'Lovelace', 'Grace', 'Hopper', '@']) expect(stored).not.toContain(personal);
      expect(property(SUP_1)).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [ada.id, grace.id].sort() });
    });

    it('unlinks in one step, audits it, keeps the property in step, and deletes it when nothing is left', async () => {
      await link({ recordType: 'contact', recordId: ada.id, alsoCompanyIds: [acme.id] });

      const first = await unlinkRecord(world.deps, agent, { recordType: 'contact', recordId: ada.id, targetType: 'issue', targetId: SUP_1.id });
      expect(first.removed).toBe(true);
      expect(first.issue?.contacts).toEqual([]);
      expect(property(SUP_1)).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [] });
      expect((await auditOf('unlink')).map((e) => [e.recordId, e.changes])).toEqual([[ada.id, { issue: ['SUP-1', null] }]]);

      await unlinkRecord(world.deps, agent, { recordType: 'company', recordId: acme.id, targetType: 'issue', targetId: SUP_1.id });
      expect(property(SUP_1)).toBeUndefined();

      const again = await unlinkRecord(world.deps, agent, { recordType: 'company', recordId: acme.id, targetType: 'issue', targetId: SUP_1.id });
      expect(again.removed).toBe(false);
      expect(await auditOf('unlink')).toHaveLength(2);
    });

    it('refuses to link an issue the user may not see, and to unlink one that still exists', async () => {
      await link({ recordType: 'contact', recordId: ada.id, target: onIssue(SUP_2) });
      world.site.hideFromUser(SUP_2.id);
      world.site.hideFromUser(SUP_3.id);

      await expect(link({ recordType: 'company', recordId: acme.id, target: onIssue(SUP_3) })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'Issue SUP-3 does not exist or you do not have permission to see it in Jira.',
      });
      await expect(unlinkRecord(world.deps, agent, { recordType: 'contact', recordId: ada.id, targetType: 'issue', targetId: SUP_2.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await world.deps.store.links.forRecord('contact', ada.id)).toHaveLength(1);
    });

    it('lets an issue deleted in Jira be unlinked', async () => {
      await link({ recordType: 'contact', recordId: ada.id, target: onIssue(SUP_2) });
      world.site.deleteIssue(SUP_2.id);
      const result = await unlinkRecord(world.deps, agent, { recordType: 'contact', recordId: ada.id, targetType: 'issue', targetId: SUP_2.id });
      expect(result).toEqual({ removed: true, issue: null });
    });

    it('names a company that does not exist instead of linking part of the request', async () => {
      await expect(link({ recordType: 'contact', recordId: ada.id, alsoCompanyIds: ['no-such-company'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await world.deps.store.links.forTarget('issue', SUP_1.id)).toEqual([]);
    });

    it('queues the property write when Jira fails it, and the queue writes it', async () => {
      world.site.failPropertyWrites(1);
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        // The link stands although Jira refused the write; the write is handed to the queue.
        expect((await link({ recordType: 'company', recordId: acme.id })).created).toHaveLength(1);
        expect(world.deps.propertySync.enqueued).toEqual([[SUP_1.id]]);
        await world.deps.propertySync.idle();
        expect(property(SUP_1)).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [] });
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('who may link', () => {
    const as = (accountId: string) => ({ context: { accountId } });

    it('refuses a viewer every change, writes nothing, and still shows them the issue read-only', async () => {
      await link({ recordType: 'contact', recordId: ada.id });
      const handlers = defineResolvers(world.deps);
      const before = await world.deps.store.links.forTarget('issue', SUP_1.id);

      const refused = [
        await handlers['links/add']({ payload: { recordType: 'company', recordId: acme.id, target: onIssue(SUP_1) }, ...as(viewer.accountId) }),
        await handlers['links/remove']({ payload: { recordType: 'contact', recordId: ada.id, targetType: 'issue', targetId: SUP_1.id }, ...as(viewer.accountId) }),
        await handlers['links/remove-missing']({ payload: { recordType: 'contact', recordId: ada.id }, ...as(viewer.accountId) }),
      ];
      for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await world.deps.store.links.forTarget('issue', SUP_1.id)).toEqual(before);
      expect(property(SUP_1)).toEqual({ companyIds: [], companyNames: [], contactIds: [ada.id] });

      const read = await handlers['links/for-issue']({ payload: { issueId: SUP_1.id }, ...as(viewer.accountId) });
      expect(read).toMatchObject({ ok: true, data: { canEdit: false, contacts: [{ id: ada.id }] } });
    });

    it('shows an issue’s customers only to someone who can see the issue', async () => {
      await link({ recordType: 'contact', recordId: ada.id });
      expect((await getIssueLinks(world.deps, viewer, { issueId: SUP_1.id })).contacts).toHaveLength(1);
      world.site.hideFromUser(SUP_1.id);
      await expect(getIssueLinks(world.deps, viewer, { issueId: SUP_1.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('the issue property after directory changes', () => {
    it('is rewritten in the background when a linked company is renamed', async () => {
      await link({ recordType: 'company', recordId: acme.id, target: onIssue(SUP_1) });
      await link({ recordType: 'company', recordId: acme.id, target: onIssue(SUP_2) });
      await updateCompany(world.deps, agent, { id: acme.id, version: acme.version, name: 'Acme Corporation' });
      expect(world.deps.propertySync.enqueued).toEqual([[SUP_1.id, SUP_2.id].sort()]);
      await world.deps.propertySync.idle();
      expect(property(SUP_1)).toEqual({ companyIds: [acme.id], companyNames: ['Acme Corporation'], contactIds: [] });
      expect(property(SUP_2)).toEqual({ companyIds: [acme.id], companyNames: ['Acme Corporation'], contactIds: [] });
    });

    it('is not touched by an edit that keeps the name', async () => {
      await link({ recordType: 'company', recordId: acme.id });
      await updateCompany(world.deps, agent, { id: acme.id, version: acme.version, domains: ['acme.com', 'acme.io'] });
      expect(world.deps.propertySync.enqueued).toEqual([]);
    });

    it('drops a deleted contact and a deleted company from their issues', async () => {
      await link({ recordType: 'contact', recordId: ada.id, alsoCompanyIds: [acme.id] });
      await link({ recordType: 'contact', recordId: grace.id });

      await deleteContact(world.deps, admin, { id: ada.id });
      await world.deps.propertySync.idle();
      expect(property(SUP_1)).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [grace.id] });

      await deleteCompany(world.deps, admin, { id: acme.id });
      await world.deps.propertySync.idle();
      expect(property(SUP_1)).toEqual({ companyIds: [], companyNames: [], contactIds: [grace.id] });
    });
  });

  describe('linked work', () => {
    it('rolls a company up over its subsidiaries and their contacts when asked, each issue once with who links it', async () => {
      const labs = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme Labs', parentId: acme.id }));
      const lab2 = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme Labs Berlin', parentId: labs.id }));
      await setMembership(world.deps, admin, { contactId: grace.id, companyId: lab2.id, role: 'Engineer' });
      await link({ recordType: 'company', recordId: acme.id, target: onIssue(SUP_1) });
      await link({ recordType: 'company', recordId: labs.id, target: onIssue(SUP_2) });
      await link({ recordType: 'contact', recordId: grace.id, target: onIssue(SUP_2) });
      await link({ recordType: 'contact', recordId: grace.id, target: onIssue(ENG_12) });

      const work = await getLinkedWork(world.deps, viewer, { recordType: 'company', recordId: acme.id, subsidiaries: true });

      expect(work.scope).toEqual({ contacts: 2, companies: 3 });
      expect(work.items.map((i) => [i.key, i.state, i.via.map((v) => v.name).sort()])).toEqual([
        ['ENG-12', 'available', ['Grace Hopper']],
        ['SUP-2', 'available', ['Acme Labs', 'Grace Hopper']],
        ['SUP-1', 'available', ['Acme']],
      ]);
      expect(work.items[0]).toMatchObject({
        title: 'Retry webhook deliveries with exponential back-off',
        status: { name: 'In Progress', category: 'indeterminate' },
        issueType: 'Story',
        assignee: 'Local Agent',
        project: { key: 'ENG', name: 'Engineering' },
        url: 'https://customer-directory.example.atlassian.net/browse/ENG-12',
      });
      expect(work).toMatchObject({ missing: 0, hidden: 0, truncated: false, next: null, counts: { issue: 3, page: 0, space: 0 }, projects: ['ENG', 'SUP'] });

      // Without subsidiaries the company shows its own links and its own contacts' (Ada's, none here).
      const own = await getLinkedWork(world.deps, viewer, { recordType: 'company', recordId: acme.id });
      expect(own.scope).toEqual({ contacts: 1, companies: 1 });
      expect(own.items.map((i) => i.key)).toEqual(['SUP-1']);

      // A contact's own view has its own links only.
      const graces = await getLinkedWork(world.deps, viewer, { recordType: 'contact', recordId: grace.id });
      expect(graces.items.map((i) => i.key)).toEqual(['ENG-12', 'SUP-2']);
    });

    it('marks deleted issues missing, hides issues the user may not see, and cleans up only the deleted ones', async () => {
      await link({ recordType: 'company', recordId: acme.id, target: onIssue(SUP_1) });
      await link({ recordType: 'company', recordId: acme.id, target: onIssue(SUP_2) });
      await link({ recordType: 'contact', recordId: ada.id, target: onIssue(SUP_2) });
      await link({ recordType: 'company', recordId: acme.id, target: onIssue(SUP_3) });
      world.site.deleteIssue(SUP_2.id);
      world.site.hideFromUser(SUP_3.id);

      const work = await getLinkedWork(world.deps, viewer, { recordType: 'company', recordId: acme.id });
      expect(work.items.map((i) => [i.key, i.state, i.title])).toEqual([
        ['SUP-2', 'missing', ''],
        ['SUP-1', 'available', 'Invoices for March show the wrong VAT number'],
      ]);
      expect(work).toMatchObject({ missing: 1, hidden: 1 });

      expect(await removeMissingLinks(world.deps, agent, { recordType: 'company', recordId: acme.id })).toEqual({ removed: 2 });
      expect((await world.deps.store.links.forRecord('company', acme.id)).map((l) => l.targetKey).sort()).toEqual(['SUP-1', 'SUP-3']);
      expect(await world.deps.store.links.forRecord('contact', ada.id)).toEqual([]);
      expect((await auditOf('unlink')).map((e) => [e.recordType, e.changes])).toEqual(
        expect.arrayContaining([
          ['company', { issue: ['SUP-2', null] }],
          ['contact', { issue: ['SUP-2', null] }],
        ]),
      );
    });

    it('links Confluence pages with their title read as the user, and spaces by key', async () => {
      const page = await linkRecord(world.deps, agent, {
        recordType: 'company',
        recordId: acme.id,
        target: { type: 'confluence', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/65541/Old+title?focusedCommentId=1#x' },
        alsoCompanyIds: [],
      });
      expect(page.created[0]).toMatchObject({
        targetType: 'page',
        targetId: '65541',
        title: 'Contoso renewal plan 2026',
        url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/65541/Contoso+renewal+plan+2026',
      });
      expect(page.issue).toBeNull();

      const unknownPage = await linkRecord(world.deps, agent, {
        recordType: 'company',
        recordId: acme.id,
        target: { type: 'confluence', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/99999/Draft+pricing' },
        alsoCompanyIds: [],
      });
      expect(unknownPage.created[0]).toMatchObject({ title: 'Draft pricing', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/99999' });

      const space = await linkRecord(world.deps, agent, {
        recordType: 'company',
        recordId: acme.id,
        target: { type: 'confluence', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/overview' },
        alsoCompanyIds: [],
      });
      expect(space.created[0]).toMatchObject({ targetType: 'space', targetId: 'CS', targetKey: 'CS', title: 'Confluence space CS' });

      await expect(
        linkRecord(world.deps, agent, { recordType: 'company', recordId: acme.id, target: { type: 'confluence', url: 'javascript:alert(1)' }, alsoCompanyIds: [] }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'target.url' } });

      const work = await getLinkedWork(world.deps, viewer, { recordType: 'company', recordId: acme.id });
      expect(work.items.map((i) => [i.targetType, i.state, i.title])).toEqual(
        expect.arrayContaining([
          ['page', 'available', 'Contoso renewal plan 2026'],
          ['space', 'unchecked', 'Confluence space CS'],
        ]),
      );
      // The page Confluence will not show is counted, not listed under its stored title.
      expect(work.hidden).toBe(1);
    });

    // manifest.yml declares Confluence optional (app.compatibility.confluence.required: false): on a site without it,
    // or while it does not answer, pages keep the title stored when they were linked.
    it('shows the stored title of a page, unchecked, when Confluence does not answer, and still links pages by address', async () => {
      await linkRecord(world.deps, agent, {
        recordType: 'company',
        recordId: acme.id,
        target: { type: 'confluence', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/65541/Old+title' },
        alsoCompanyIds: [],
      });
      world.site.takeConfluenceDown();
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const work = await getLinkedWork(world.deps, viewer, { recordType: 'company', recordId: acme.id });
        expect(work.items.filter((i) => i.targetType === 'page').map((i) => [i.state, i.title])).toEqual([['unchecked', 'Contoso renewal plan 2026']]);
        expect(work.hidden).toBe(0);
        const offline = await linkRecord(world.deps, agent, {
          recordType: 'company',
          recordId: acme.id,
          target: { type: 'confluence', url: 'https://customer-directory.example.atlassian.net/wiki/spaces/CS/pages/77777/Pricing+notes' },
          alsoCompanyIds: [],
        });
        expect(offline.created[0]).toMatchObject({ targetType: 'page', targetId: '77777', title: 'Pricing notes' });
      } finally {
        warn.mockRestore();
      }
    });
  });

  describe('typeahead', () => {
    it('finds contacts (with their primary company) and companies by prefix', async () => {
      const found = await searchTypeahead(world.deps, viewer, { text: 'ac' });
      expect(found.companies.map((c) => c.name)).toEqual(['Acme']);
      const byName = await searchTypeahead(world.deps, viewer, { text: 'ada' });
      expect(byName.contacts).toEqual([{ id: ada.id, displayName: 'Ada Lovelace', email: 'ada@acme.com', jobTitle: 'CTO', primaryCompany: { id: acme.id, name: 'Acme' } }]);
    });

    it('answers at most eight of each', async () => {
      for (let n = 0; n < 10; n++) {
        await createContact(world.deps, admin, contactInputSchema.parse({ email: `sam${n}@example.org`, firstName: 'Sam' }));
        await createCompany(world.deps, admin, companyInputSchema.parse({ name: `Samsonite ${n}` }));
      }
      const found = await searchTypeahead(world.deps, viewer, { text: 'sam' });
      expect([found.contacts.length, found.companies.length]).toEqual([8, 8]);
    });
  });
});
