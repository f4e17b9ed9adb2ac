// The issue panel's real component tree, rendered with react-test-renderer and driven through its props, over the real
// resolvers (SQLite store, fake Atlassian site): search, link, unlink, create, a taken email, read-only, errors.
import '../support/ui-kit-host';
import { act, create, type ReactTestInstance, type ReactTestRenderer } from 'react-test-renderer';
import { isValidElement, type ReactElement } from 'react';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { linkRecord } from '../../src/application/link-record';
import { setMembership } from '../../src/application/set-membership';
import type { CompanyView, ContactView } from '../../src/contracts/api';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { defineResolvers, type ResolverHandlers } from '../../src/entry/resolvers/define-resolvers';
import { profileUrlsUnder } from '../../src/frontend/issue-panel/issue-context';
import { IssuePanel } from '../../src/frontend/issue-panel/IssuePanel';
import type { PanelApi } from '../../src/frontend/issue-panel/panel-api';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

const ISSUE = { id: '10100', key: 'SUP-1' };
const GLOBAL_PAGE = 'https://customer-directory.example.atlassian.net/jira/apps/app-id/env-id';

/** The panel's resolvers as `accountId` calls them, through the same handlers Forge runs; records each call. */
function panelApi(handlers: ResolverHandlers, accountId: string, calls: string[]): PanelApi {
  const context = { accountId };
  return {
    'links/for-issue': (input) => (calls.push(`links/for-issue`), handlers['links/for-issue']({ payload: input, context })),
    'links/add': (input) => (calls.push(`links/add ${input.recordType}`), handlers['links/add']({ payload: input, context })),
    'links/remove': (input) => (calls.push(`links/remove ${input.recordType}`), handlers['links/remove']({ payload: input, context })),
    'directory/typeahead': (input) => (calls.push(`directory/typeahead ${input.text}`), handlers['directory/typeahead']({ payload: input, context })),
    'contacts/create': (input) => (calls.push('contacts/create'), handlers['contacts/create']({ payload: input, context })),
    'companies/create': (input) => (calls.push('companies/create'), handlers['companies/create']({ payload: input, context })),
  };
}

// -- Reading and driving a UI Kit tree: its components are plain element types such as 'Button' and 'Textfield'.

const textOf = (node: ReactTestInstance | string): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));
const all = (root: ReactTestInstance, type: string) => root.findAll((n) => n.type === type);
/** The text on the page, and the titles of its section messages (a prop, not children). */
const pageText = (root: ReactTestInstance) => [textOf(root), ...all(root, 'SectionMessage').map((m) => String(m.props.title))].join(' | ');
const field = (root: ReactTestInstance, id: string) => {
  const [found] = all(root, 'Textfield').filter((n) => n.props.id === id);
  if (found === undefined) throw new Error(`No text field ${id}. Page reads: ${pageText(root)}`);
  return found;
};

function the(root: ReactTestInstance, type: string, label: string): ReactTestInstance {
  const found = all(root, type).filter((n) => textOf(n) === label || n.props.label === label);
  if (found.length !== 1) throw new Error(`Expected one ${type} "${label}", found ${found.length}. Page reads: ${pageText(root)}`);
  return found[0]!;
}

function one(root: ReactTestInstance, type: string): ReactTestInstance {
  const found = all(root, type);
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}. Page reads: ${pageText(root)}`);
  return found[0]!;
}

/** The element passed in a SectionMessage's `actions` prop (props are not rendered children in a test tree). */
function sectionAction(root: ReactTestInstance, label: string): ReactElement<{ onClick: () => void }> {
  for (const message of all(root, 'SectionMessage')) {
    const actions: unknown = message.props.actions;
    if (!Array.isArray(actions)) continue;
    for (const action of actions) {
      if (isValidElement<{ onClick: () => void; children: unknown }>(action) && action.props.children === label) return action;
    }
  }
  throw new Error(`No section message action "${label}". Page reads: ${pageText(root)}`);
}

const inputEvent = (target: { value?: string; checked?: boolean }) => ({
  bubbles: true,
  cancelable: false,
  defaultPrevented: false,
  eventPhase: 2,
  isTrusted: true,
  target,
  timeStamp: 0,
  type: 'change',
});

async function type(root: ReactTestInstance, id: string, value: string) {
  const input = field(root, id);
  await act(async () => input.props.onChange(inputEvent({ value })));
}

async function press(node: ReactTestInstance) {
  await act(async () => node.props.onClick());
}

async function tick(check: (root: ReactTestInstance) => boolean, root: () => ReactTestInstance, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!check(root())) {
    if (Date.now() > until) throw new Error(`Timed out waiting. Page reads: ${pageText(root())}`);
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  }
}

describe('issue panel', () => {
  let world: TestWorld;
  let ada: ContactView;
  let acme: CompanyView;
  let globex: CompanyView;
  let calls: string[];
  let renderer: ReactTestRenderer | null;

  beforeEach(async () => {
    world = await openWorld();
    calls = [];
    renderer = null;
    acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    globex = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Globex', domains: ['globex.com'] }));
    ada = await createContact(world.deps, admin, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'CTO' }));
    await setMembership(world.deps, admin, { contactId: ada.id, companyId: acme.id, role: 'Buyer', isPrimary: true });
  });
  afterEach(async () => {
    await act(async () => renderer?.unmount());
    await world.close();
  });

  async function render(accountId = 'local-agent', api: PanelApi = panelApi(defineResolvers(world.deps), accountId, calls)) {
    await act(async () => {
      renderer = create(<IssuePanel issue={ISSUE} api={api} profileUrl={profileUrlsUnder(GLOBAL_PAGE)} />);
    });
    const root = () => renderer!.root;
    await tick((r) => all(r, 'Spinner').length === 0, root);
    return root;
  }

  const linksOnIssue = async () => (await world.deps.store.links.forTarget('issue', ISSUE.id)).map((l) => `${l.recordType}:${l.recordId}`).sort();

  it('shows each linked contact with email, companies and roles, and each record links to its profile', async () => {
    await linkRecord(world.deps, admin, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: ISSUE.id }, alsoCompanyIds: [acme.id] });
    const root = await render();

    expect(all(root(), 'Link').map((l) => [textOf(l), l.props.href])).toEqual([
      ['Ada Lovelace', `${GLOBAL_PAGE}/contacts/${ada.id}`],
      ['Acme', `${GLOBAL_PAGE}/companies/${acme.id}`],
    ]);
    const text = pageText(root());
    expect(text).toContain('ada@acme.com · CTO');
    expect(text).toContain('Acme (Buyer)');
    expect(all(root(), 'Lozenge').map(textOf)).toEqual(['Primary']);
    expect(all(root(), 'Heading').map(textOf)).toEqual(['Contacts (1)', 'Companies (1)', 'Link a customer']);
  });

  it('shows a designed empty state when nothing is linked', async () => {
    const root = await render();
    expect(one(root(), 'EmptyState').props.header).toBe('No customers linked yet');
  });

  it('searches once the typing pauses, and links a contact with its primary company preselected', async () => {
    const root = await render();
    await type(root(), 'customer-search', 'a');
    await type(root(), 'customer-search', 'ad');
    await type(root(), 'customer-search', 'ada');
    await tick((r) => all(r, 'Checkbox').length > 0, root);
    expect(calls.filter((c) => c.startsWith('directory/typeahead'))).toEqual(['directory/typeahead ada']);

    await act(async () => the(root(), 'Checkbox', 'Ada Lovelace · ada@acme.com · Acme').props.onChange(inputEvent({ checked: true })));
    const offer = the(root(), 'Checkbox', 'Also link Acme (primary company of Ada Lovelace)');
    expect(offer.props.isChecked).toBe(true);
    await press(the(root(), 'Button', 'Link Ada Lovelace'));
    await tick((r) => pageText(r).includes('Linked Ada Lovelace'), root);

    expect(await linksOnIssue()).toEqual([`company:${acme.id}`, `contact:${ada.id}`].sort());
    expect(all(root(), 'Link').map(textOf)).toEqual(['Ada Lovelace', 'Acme']);
    expect(world.site.issueProperty(ISSUE.id)).toEqual({ companyIds: [acme.id], companyNames: ['Acme'], contactIds: [ada.id] });
    // The field is cleared for the next search.
    expect(field(root(), 'customer-search').props.value).toBe('');
  });

  it('links several records at once, and leaves the primary company out when its offer is unticked', async () => {
    await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Adaptive Ltd' }));
    const root = await render();
    await type(root(), 'customer-search', 'ad');
    await tick((r) => all(r, 'Checkbox').length >= 2, root);
    await act(async () => the(root(), 'Checkbox', 'Ada Lovelace · ada@acme.com · Acme').props.onChange(inputEvent({ checked: true })));
    await act(async () => the(root(), 'Checkbox', 'Adaptive Ltd').props.onChange(inputEvent({ checked: true })));
    await act(async () => the(root(), 'Checkbox', 'Also link Acme (primary company of Ada Lovelace)').props.onChange(inputEvent({ checked: false })));
    await press(the(root(), 'Button', 'Link 2 records'));
    await tick((r) => pageText(r).includes('Linked 2 records'), root);

    const adaptive = (await world.deps.store.companies.search({ text: 'adaptive', limit: 1 })).items[0]!;
    expect(await linksOnIssue()).toEqual([`company:${adaptive.id}`, `contact:${ada.id}`].sort());
  });

  it('unlinks with one click and offers to undo it', async () => {
    await linkRecord(world.deps, admin, { recordType: 'company', recordId: globex.id, target: { type: 'issue', issueId: ISSUE.id }, alsoCompanyIds: [] });
    const root = await render();
    await press(the(root(), 'Button', 'Unlink'));
    await tick((r) => pageText(r).includes('Unlinked Globex'), root);
    expect(await linksOnIssue()).toEqual([]);
    expect(all(root(), 'EmptyState')).toHaveLength(1);

    await act(async () => sectionAction(root(), 'Undo').props.onClick());
    await tick((r) => pageText(r).includes('Linked Globex'), root);
    expect(await linksOnIssue()).toEqual([`company:${globex.id}`]);
  });

  it('creates a contact inline, checks its fields first, and links it', async () => {
    const root = await render();
    await type(root(), 'customer-search', 'Linus Torvalds');
    await tick((r) => pageText(r).includes('No contact or company matches “Linus Torvalds”.'), root);
    await press(the(root(), 'Button', 'New contact'));

    const form = () => one(root(), 'Form');
    expect(field(root(), 'new-contact-lastName').props.value).toBe('Torvalds');
    await act(async () => form().props.onSubmit());
    expect(all(root(), 'ErrorMessage').map(textOf)).toEqual(['Enter a valid email address']);
    expect(calls).not.toContain('contacts/create');

    await type(root(), 'new-contact-email', 'linus@kernel.org');
    await act(async () => form().props.onSubmit());
    await tick((r) => all(r, 'Modal').length === 0, root);

    const linus = (await world.deps.store.contacts.findByEmails(['linus@kernel.org']))[0]!;
    expect(await linksOnIssue()).toEqual([`contact:${linus.id}`]);
    expect(all(root(), 'Link').map(textOf)).toEqual(['Linus Torvalds']);
  });

  it('offers to link the existing contact when the email is already taken', async () => {
    const root = await render();
    await type(root(), 'customer-search', 'ada@acme.com');
    await tick((r) => all(r, 'Checkbox').length > 0, root);
    await press(the(root(), 'Button', 'New contact'));
    await act(async () => one(root(), 'Form').props.onSubmit());
    await tick((r) => all(r, 'SectionMessage').some((m) => m.props.title === 'This contact already exists'), root);

    await act(async () => sectionAction(root(), 'Link the existing contact').props.onClick());
    await tick((r) => all(r, 'Modal').length === 0, root);
    expect(await linksOnIssue()).toEqual([`contact:${ada.id}`]);
    expect(await world.deps.store.contacts.count({})).toBe(1);
  });

  it('is read-only for a viewer: no search, link, unlink or create', async () => {
    await linkRecord(world.deps, admin, { recordType: 'contact', recordId: ada.id, target: { type: 'issue', issueId: ISSUE.id }, alsoCompanyIds: [] });
    const root = await render('local-viewer');
    expect(all(root(), 'Link').map(textOf)).toEqual(['Ada Lovelace']);
    expect(all(root(), 'Button')).toEqual([]);
    expect(all(root(), 'Textfield')).toEqual([]);
    expect(pageText(root())).toContain('Linking them needs the editor role');
  });

  it('says why the customers could not be loaded, and loads them on retry', async () => {
    const handlers = defineResolvers(world.deps);
    const api = panelApi(handlers, 'local-agent', calls);
    let failures = 1;
    const flaky: PanelApi = {
      ...api,
      'links/for-issue': async (input) => {
        if (failures-- > 0) throw new Error('network down');
        return api['links/for-issue'](input);
      },
    };
    const root = await render('local-agent', flaky);
    const message = one(root(), 'SectionMessage');
    expect(message.props).toMatchObject({ appearance: 'error', title: 'The customers could not be loaded' });
    expect(textOf(message)).toBe('The customer directory did not answer. Check your connection and try again.');

    await act(async () => sectionAction(root(), 'Try again').props.onClick());
    await tick((r) => all(r, 'EmptyState').length === 1, root);
  });

  it('tells someone who may not see the issue so, instead of listing its customers', async () => {
    world.site.hideFromUser(ISSUE.id);
    const root = await render();
    expect(textOf(one(root(), 'SectionMessage'))).toBe('Issue 10100 does not exist or you do not have permission to see it in Jira.');
  });
});
