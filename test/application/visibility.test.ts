// Visibility settings through the real resolvers: the projects whose issues show customer data, and the lowest role
// that reads email, phone and each custom field, in searches, exports, history and edits.
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { createField, deleteField } from '../../src/application/manage-custom-fields';
import { linkRecord } from '../../src/application/link-record';
import { matchRequest } from '../../src/application/matching/match-request';
import { setMembership } from '../../src/application/set-membership';
import { updateContact } from '../../src/application/update-contact';
import { loadVisibility, updateVisibilitySettings, VISIBILITY_SETTINGS_KEY } from '../../src/application/visibility-settings';
import type { ApiInput, ApiResult, Envelope, ResolverKey } from '../../src/contracts/api';
import type { Contact, CustomField } from '../../src/domain/records';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { DEFAULT_VISIBILITY } from '../../src/domain/visibility';
import { defineResolvers, type ResolverHandlers } from '../../src/entry/resolvers/define-resolvers';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

const SUP_1 = { id: '10100', key: 'SUP-1' }; // Customer Support, a service project
const ENG_12 = { id: '10200', key: 'ENG-12' }; // Engineering, a software project

describe('visibility', () => {
  let world: TestWorld;
  let handlers: ResolverHandlers;
  let ada: Contact;
  let tier: CustomField;

  const call = <K extends ResolverKey>(key: K, payload: ApiInput<K>, accountId = 'local-agent'): Promise<Envelope<ApiResult<K>>> =>
    handlers[key]({ payload, context: { accountId } });
  const data = async <K extends ResolverKey>(key: K, payload: ApiInput<K>, accountId = 'local-agent'): Promise<ApiResult<K>> => {
    const answer = await call(key, payload, accountId);
    if (!answer.ok) throw new Error(`${key}: ${answer.error.code} ${answer.error.message}`);
    return answer.data;
  };

  beforeEach(async () => {
    world = await openWorld();
    handlers = defineResolvers(world.deps);
    tier = await createField(world.deps, admin, { entity: 'contact', name: 'Tier', type: 'text', options: [] });
    const northwind = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Northwind', domains: ['northwind.example'] }));
    ada = await createContact(
      world.deps,
      admin,
      contactInputSchema.parse({ email: 'ada.lovelace@northwind.example', firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0101', custom: { [tier.id]: 'Gold' } }),
    );
    await setMembership(world.deps, admin, { contactId: ada.id, companyId: northwind.id, isPrimary: true });
  });
  afterEach(() => world.close());

  describe('settings', () => {
    it('shows the panel everywhere and every field to every role until an admin says otherwise', async () => {
      expect(await data('visibility/get', {}, 'local-admin')).toEqual(DEFAULT_VISIBILITY);
    });

    it('reads a damaged stored part as its default and keeps the part that is fine', async () => {
      await world.deps.settings.set(VISIBILITY_SETTINGS_KEY, { panelScope: { mode: 'projects', projectKeys: [] }, fields: { email: 'admin', phone: 'viewer', custom: {} } });
      expect(await loadVisibility(world.deps.settings)).toEqual({ panelScope: { mode: 'all' }, fields: { email: 'admin', phone: 'viewer', custom: {} } });
    });

    it('stores a change in KVS next to the other settings, audited with before and after', async () => {
      const saved = await data('visibility/update', { panelScope: { mode: 'projects', projectKeys: ['sup', 'SUP'] } }, 'local-admin');
      expect(saved).toEqual({ ...DEFAULT_VISIBILITY, panelScope: { mode: 'projects', projectKeys: ['SUP'] } });
      const history = await data('audit/list', { recordType: 'settings', recordId: VISIBILITY_SETTINGS_KEY }, 'local-admin');
      expect(history.items).toHaveLength(1);
      expect(history.items[0]).toMatchObject({ action: 'update', actor: 'local-admin', changes: { panelScope: [{ mode: 'all' }, { mode: 'projects', projectKeys: ['SUP'] }] } });
      // Saving the same again changes and audits nothing.
      await data('visibility/update', { panelScope: { mode: 'projects', projectKeys: ['SUP'] } }, 'local-admin');
      expect((await data('audit/list', { recordType: 'settings', recordId: VISIBILITY_SETTINGS_KEY }, 'local-admin')).items).toHaveLength(1);
    });

    it('refuses an empty project list and a rule for a custom field that does not exist, naming the field', async () => {
      const empty = await call('visibility/update', { panelScope: { mode: 'projects', projectKeys: [] } }, 'local-admin');
      expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('Pick at least one project') } });
      const unknown = await call('visibility/update', { fields: { email: 'viewer', phone: 'viewer', custom: { 'no-such-field': 'admin' } } }, 'local-admin');
      expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'fields.custom.no-such-field' } } });
    });

    it('drops the rule of a custom field deleted since, when the settings are saved again', async () => {
      await updateVisibilitySettings(world.deps, admin, { fields: { email: 'viewer', phone: 'viewer', custom: { [tier.id]: 'admin' } } });
      await deleteField(world.deps, admin, { id: tier.id, confirm: true });
      const saved = await data('visibility/update', { fields: { email: 'editor', phone: 'viewer', custom: { [tier.id]: 'admin' } } }, 'local-admin');
      expect(saved.fields).toEqual({ email: 'editor', phone: 'viewer', custom: {} });
    });
  });

  describe('projects that show the panel', () => {
    const restrictTo = (projectKeys: string[]) => updateVisibilitySettings(world.deps, admin, { panelScope: { mode: 'projects', projectKeys } });

    it('answers NOT_ENABLED outside the chosen projects: with where to change it for admins, and only that for others', async () => {
      await restrictTo(['ENG']);
      expect(await call('links/for-issue', { issueId: SUP_1.id }, 'local-agent')).toEqual({
        ok: false,
        error: { code: 'NOT_ENABLED', message: 'The customer panel is not enabled for project SUP.', details: { projectKey: 'SUP', canConfigure: false } },
      });
      expect(await call('links/for-issue', { issueId: SUP_1.id }, 'local-admin')).toMatchObject({
        ok: false,
        error: { code: 'NOT_ENABLED', message: expect.stringContaining('Settings → Visibility'), details: { canConfigure: true } },
      });
      expect(await call('links/for-issue', { issueId: ENG_12.id }, 'local-viewer')).toMatchObject({ ok: true, data: { issue: { key: 'ENG-12' } } });
    });

    it('with the service-projects preset, shows the panel on Jira Service Management requests only', async () => {
      await updateVisibilitySettings(world.deps, admin, { panelScope: { mode: 'service-projects' } });
      expect(await call('links/for-issue', { issueId: SUP_1.id })).toMatchObject({ ok: true });
      expect(await call('links/for-issue', { issueId: ENG_12.id })).toMatchObject({ ok: false, error: { code: 'NOT_ENABLED', details: { projectKey: 'ENG' } } });
    });

    it('refuses every panel write on an issue outside the scope, and writes nothing', async () => {
      await linkRecord(world.deps, admin, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: SUP_1.id }, alsoCompanyIds: [] });
      await restrictTo(['ENG']);
      const added = await call('links/add', { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: '10101' } });
      const removed = await call('links/remove', { recordType: 'contact', recordId: ada.id, targetType: 'issue', targetId: SUP_1.id });
      expect([added, removed].map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['NOT_ENABLED', 'NOT_ENABLED']);
      expect((await world.deps.store.links.forRecord('contact', ada.id)).map((l) => l.targetKey)).toEqual(['SUP-1']);
    });

    it('keeps requester matching off issues outside the scope, and the suggestion resolvers refuse them', async () => {
      await restrictTo(['ENG']);
      const issue = await world.deps.requests.getIssue(SUP_1.id);
      expect(await matchRequest(world.deps, issue, { source: 'trigger' })).toEqual({ kind: 'skipped', status: 'skipped', linksMade: 0 });
      expect(await world.deps.store.issueMatches.find(SUP_1.id)).toBeNull();
      expect(await world.deps.store.links.forTarget('issue', SUP_1.id)).toEqual([]);

      await restrictTo(['SUP']);
      await matchRequest(world.deps, issue, { source: 'trigger' });
      const match = await world.deps.store.issueMatches.find(SUP_1.id);
      expect(match).not.toBeNull();
      await restrictTo(['ENG']);
      const answers = [
        await call('matches/get', { issueId: SUP_1.id }),
        await call('matches/dismiss', { issueId: SUP_1.id, version: match!.version }),
        await call('matches/accept', { issueId: SUP_1.id, version: match!.version, key: 'anything' }),
      ];
      expect(answers.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual(['NOT_ENABLED', 'NOT_ENABLED', 'NOT_ENABLED']);
    });
  });

  describe('fields by role', () => {
    const hide = (fields: { email?: 'viewer' | 'editor' | 'admin'; phone?: 'viewer' | 'editor' | 'admin'; tier?: 'viewer' | 'editor' | 'admin' }) =>
      updateVisibilitySettings(world.deps, admin, { fields: { email: fields.email ?? 'viewer', phone: fields.phone ?? 'viewer', custom: fields.tier ? { [tier.id]: fields.tier } : {} } });

    it('finds a contact by name for a viewer who may not read emails, but not by the email or its domain', async () => {
      await hide({ email: 'editor' });
      const byName = await data('contacts/search', { text: 'lovelace' }, 'local-viewer');
      expect(byName).toMatchObject({ total: 1, items: [{ displayName: 'Ada Lovelace', email: '' }] });
      expect(await data('contacts/search', { text: 'ada.lovelace@northwind' }, 'local-viewer')).toMatchObject({ total: 0, items: [] });
      expect(await data('contacts/search', { text: 'northwind' }, 'local-viewer')).toMatchObject({ total: 0, items: [] });
      expect((await data('directory/typeahead', { text: 'northwind' }, 'local-viewer')).contacts).toEqual([]);
      // An editor may read emails here, so the domain finds her.
      expect(await data('contacts/search', { text: 'northwind' }, 'local-agent')).toMatchObject({ total: 1, items: [{ email: 'ada.lovelace@northwind.example' }] });
    });

    it('fills a page past contacts that matched only on a hidden email, with a cursor to the rest', async () => {
      await hide({ email: 'admin' });
      for (let i = 0; i < 6; i++) {
        await createContact(world.deps, admin, contactInputSchema.parse({ email: `zed${i}@zed.example`, firstName: `Someone${i}` }));
        await createContact(world.deps, admin, contactInputSchema.parse({ email: `other${i}@other.example`, firstName: `Zed${i}` }));
      }
      // "zed" prefixes the hidden emails of six contacts and the first names of six others.
      const first = await data('contacts/search', { text: 'zed', limit: 4, sort: 'name' }, 'local-agent');
      expect(first.items.map((c) => c.displayName)).toEqual(['Zed0', 'Zed1', 'Zed2', 'Zed3']);
      expect(first.total).toBe(6);
      const second = await data('contacts/search', { text: 'zed', limit: 4, sort: 'name', after: first.next }, 'local-agent');
      expect(second.items.map((c) => c.displayName)).toEqual(['Zed4', 'Zed5']);
    });

    it('does not let a role search by a custom field it may not read, nor list it', async () => {
      await hide({ tier: 'editor' });
      expect(await call('contacts/search', { custom: { fieldId: tier.id, value: 'Gold' } }, 'local-viewer')).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { field: 'custom.fieldId' } },
      });
      expect((await data('fields/list', {}, 'local-viewer')).map((f) => f.name)).toEqual([]);
      expect((await data('fields/list', {}, 'local-agent')).map((f) => f.name)).toEqual(['Tier']);
      expect(await data('contacts/search', { custom: { fieldId: tier.id, value: 'Gold' } }, 'local-agent')).toMatchObject({ total: 1 });
    });

    it('finds a contact or a company by a hidden custom value only for the roles that may read it', async () => {
      const account = await createField(world.deps, admin, { entity: 'company', name: 'Account', type: 'text', options: [] });
      await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Globex', domains: ['globex.example'], custom: { [account.id]: 'Platinumplus' } }));
      await updateVisibilitySettings(world.deps, admin, { fields: { email: 'viewer', phone: 'viewer', custom: { [tier.id]: 'editor', [account.id]: 'editor' } } });
      // The values are in the search text; a viewer must not learn who holds them by searching.
      expect(await data('contacts/search', { text: 'gold' }, 'local-viewer')).toMatchObject({ total: 0, items: [] });
      expect(await data('companies/search', { text: 'platinumplus' }, 'local-viewer')).toMatchObject({ total: 0, items: [] });
      expect(await data('directory/typeahead', { text: 'platinumplus' }, 'local-viewer')).toMatchObject({ contacts: [], companies: [] });
      expect(await data('directory/typeahead', { text: 'gold' }, 'local-viewer')).toMatchObject({ contacts: [], companies: [] });
      // The same searches by what they may read still work, and editors find the values.
      expect(await data('companies/search', { text: 'globex' }, 'local-viewer')).toMatchObject({ total: 1, items: [{ name: 'Globex' }] });
      expect(await data('companies/search', { text: 'platinumplus' }, 'local-agent')).toMatchObject({ total: 1, items: [{ name: 'Globex' }] });
      expect((await data('directory/typeahead', { text: 'platinumplus' }, 'local-agent')).companies.map((c) => c.name)).toEqual(['Globex']);
      expect(await data('contacts/search', { text: 'gold' }, 'local-agent')).toMatchObject({ total: 1 });
    });

    it('exports without the columns the caller may not read', async () => {
      await hide({ email: 'editor', phone: 'admin', tier: 'admin' });
      const header = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      const viewerCsv = await data('export/csv', {}, 'local-viewer');
      expect(header(viewerCsv.text)).toBe('First Name,Last Name,Job Title,Organization Name,Company Domain,Parent Company,Role,Primary');
      expect(viewerCsv.text).not.toContain('ada.lovelace@');
      expect(viewerCsv.text).toContain('Ada,Lovelace');
      const agentCsv = await data('export/csv', {}, 'local-agent');
      expect(header(agentCsv.text)).toBe('Email,First Name,Last Name,Job Title,Organization Name,Company Domain,Parent Company,Role,Primary');
      expect(header((await data('export/csv', {}, 'local-admin')).text)).toBe(
        'Email,First Name,Last Name,Phone,Job Title,Organization Name,Company Domain,Parent Company,Role,Primary,Tier',
      );
    });

    it('masks the values of hidden fields in history, still saying that they changed', async () => {
      await updateContact(world.deps, admin, { id: ada.id, version: ada.version, phone: '+44 20 7946 0202', jobTitle: 'CTO' });
      await hide({ phone: 'editor' });
      const page = await data('audit/record', { recordType: 'contact', recordId: ada.id }, 'local-viewer');
      expect(page.items[0]?.changes).toEqual({ phone: ['(hidden)', '(hidden)'], jobTitle: ['', 'CTO'] });
      const asAgent = await data('audit/record', { recordType: 'contact', recordId: ada.id }, 'local-agent');
      expect(asAgent.items[0]?.changes).toEqual({ phone: ['+44 20 7946 0101', '+44 20 7946 0202'], jobTitle: ['', 'CTO'] });
    });

    it('does not let an editor change a field they may not read, and writes nothing', async () => {
      await hide({ phone: 'admin' });
      const refused = await call('contacts/update', { id: ada.id, version: ada.version, phone: '+1 555 0100' }, 'local-agent');
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { field: 'phone' } } });
      expect((await world.deps.store.contacts.find(ada.id))?.phone).toBe('+44 20 7946 0101');
      const edited = await data('contacts/update', { id: ada.id, version: ada.version, jobTitle: 'CTO' }, 'local-agent');
      expect(edited).toMatchObject({ jobTitle: 'CTO', phone: '', custom: { [tier.id]: 'Gold' } });
    });

    it('names a contact known only by a hidden email as a contact without a name', async () => {
      const nameless = await createContact(world.deps, admin, contactInputSchema.parse({ email: 'anonymous@northwind.example' }));
      await linkRecord(world.deps, admin, { recordType: 'contact', recordId: nameless.id, target: { type: 'issue', issueId: SUP_1.id }, alsoCompanyIds: [] });
      await hide({ email: 'admin' });
      const links = await data('links/for-issue', { issueId: SUP_1.id }, 'local-viewer');
      expect(links.contacts).toMatchObject([{ displayName: 'Contact without a name', email: '' }]);
      expect(JSON.stringify(links)).not.toContain('anonymous@');
    });
  });
});
