// The panel's requester suggestion, rendered with react-test-renderer over the real resolvers: link, create, dismiss, read-only.
import '../support/ui-kit-host';
import { isValidElement, type ReactElement } from 'react';
import { act, create, type ReactTestInstance, type ReactTestRenderer } from 'react-test-renderer';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { dismissMatch } from '../../src/application/matching/dismiss-match';
import { matchRequest, TRIGGER_SOURCE } from '../../src/application/matching/match-request';
import { setMembership } from '../../src/application/set-membership';
import type { Company } from '../../src/domain/records';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { RequesterSuggestion, type SuggestionApi } from '../../src/frontend/issue-panel/RequesterSuggestion';
import { aCustomer, aRequest, jiraWith } from '../support/fake-jira';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

const ada = aCustomer('qm:ada', 'ada@acme.com');
const wile = aCustomer('qm:wile', 'wile.e.coyote@acme.com');
// Issues the fake Atlassian site knows, so the resolvers' "may the user see it" check passes.
const fromAda = aRequest(ada, { id: '10101', key: 'SUP-2' });
const fromWile = aRequest(wile, { id: '10102', key: 'SUP-3' });

const textOf = (node: ReactTestInstance | string): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));
const all = (root: ReactTestInstance, type: string) => root.findAll((n) => n.type === type);
const pageText = (root: ReactTestInstance) => [textOf(root), ...all(root, 'SectionMessage').map((m) => String(m.props.title))].join(' | ');

function button(root: ReactTestInstance, label: string): ReactTestInstance {
  const found = [...all(root, 'Button'), ...all(root, 'LoadingButton')].filter((n) => textOf(n) === label);
  if (found.length !== 1) throw new Error(`Expected one button "${label}", found ${found.length}. Page reads: ${pageText(root)}`);
  return found[0]!;
}

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

const field = (root: ReactTestInstance, id: string) => {
  const [found] = all(root, 'Textfield').filter((n) => n.props.id === id);
  if (found === undefined) throw new Error(`No text field ${id}. Page reads: ${pageText(root)}`);
  return found;
};

/** Lets the component's resolver calls finish and React apply what they set. */
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('the requester suggestion in the issue panel', () => {
  let world: TestWorld;
  let acme: Company;
  let linkedCalls: number;
  beforeEach(async () => {
    world = await openWorld(undefined, { jira: jiraWith([ada, wile], [fromAda, fromWile]) });
    acme = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    linkedCalls = 0;
  });
  afterEach(async () => {
    await world.deps.propertySync.idle();
    await world.close();
  });

  function suggestionApi(accountId: string): SuggestionApi {
    const handlers = defineResolvers(world.deps);
    const context = { accountId };
    return {
      'matches/get': (input) => handlers['matches/get']({ payload: input, context }),
      'matches/accept': (input) => handlers['matches/accept']({ payload: input, context }),
      'matches/dismiss': (input) => handlers['matches/dismiss']({ payload: input, context }),
    };
  }

  async function render(issue: { id: string; key: string }, accountId = 'local-agent', canEdit = true): Promise<ReactTestRenderer> {
    let renderer: ReactTestRenderer | undefined;
    await act(async () => {
      renderer = create(<RequesterSuggestion issue={issue} api={suggestionApi(accountId)} canEdit={canEdit} onLinked={() => (linkedCalls += 1)} />);
    });
    await settle();
    if (renderer === undefined) throw new Error('Nothing rendered');
    return renderer;
  }

  const match = async (issueId: string) => matchRequest(world.deps, await world.deps.requests.getIssue(issueId), { source: TRIGGER_SOURCE });

  it('shows nothing for an issue that was never matched', async () => {
    const renderer = await render(fromWile);
    expect(renderer.toJSON()).toBeNull();
  });

  it('offers to create an unknown requester in their company, with names the agent can change, and links them', async () => {
    await match(fromWile.id);
    const renderer = await render(fromWile);
    const root = renderer.root;
    expect(pageText(root)).toContain('wile.e.coyote@acme.com is not in the directory yet');
    expect(pageText(root)).toContain('wile.e.coyote@acme.com · Acme');

    await act(async () => button(root, 'Create…').props.onClick());
    expect(field(root, 'suggested-first-name').props.value).toBe('Wile E');
    expect(field(root, 'suggested-last-name').props.value).toBe('Coyote');
    await act(async () => field(root, 'suggested-first-name').props.onChange({ target: { value: 'Wile' } }));
    await act(async () => button(root, 'Create and link').props.onClick());
    await settle();

    const [contact] = await world.deps.store.contacts.findByEmails(['wile.e.coyote@acme.com']);
    expect(contact).toMatchObject({ firstName: 'Wile', lastName: 'Coyote' });
    expect((await world.deps.store.links.forTarget('issue', fromWile.id)).map((l) => l.recordType).sort()).toEqual(['company', 'contact']);
    expect(linkedCalls).toBe(1);
    expect(renderer.toJSON()).toBeNull();
  });

  it('offers a requester whose email Jira does not give (email API answers 400) by display name, and asks the agent for the email', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    world.deps.requests.failNext('getEmail', { status: 400 });
    await match(fromWile.id);
    const renderer = await render(fromWile);
    const root = renderer.root;
    expect(pageText(root)).toContain('wile.e.coyote@acme.com (email not available)');

    await act(async () => button(root, 'Create…').props.onClick());
    expect(field(root, 'suggested-email').props.value).toBe('');
    await act(async () => button(root, 'Create and link').props.onClick());
    await settle();
    expect(pageText(root)).toMatch(/email/i);
    expect(await world.deps.store.contacts.findByEmails(['wile@acme.com'])).toEqual([]);

    await act(async () => field(root, 'suggested-email').props.onChange({ target: { value: 'wile@acme.com' } }));
    await act(async () => field(root, 'suggested-first-name').props.onChange({ target: { value: 'Wile E.' } }));
    await act(async () => field(root, 'suggested-last-name').props.onChange({ target: { value: 'Coyote' } }));
    await act(async () => button(root, 'Create and link').props.onClick());
    await settle();
    const [contact] = await world.deps.store.contacts.findByEmails(['wile@acme.com']);
    expect(contact).toMatchObject({ firstName: 'Wile E.', lastName: 'Coyote' });
    expect((await world.deps.store.links.forTarget('issue', fromWile.id)).map((l) => l.recordType)).toEqual(['contact']);
    errors.mockRestore();
  });

  it('links the company the agent picks for a contact in several companies', async () => {
    const globex = await createCompany(world.deps, admin, companyInputSchema.parse({ name: 'Globex', domains: ['globex.com'] }));
    const contact = await createContact(world.deps, admin, contactInputSchema.parse({ email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace' }));
    await setMembership(world.deps, admin, { contactId: contact.id, companyId: acme.id });
    await setMembership(world.deps, admin, { contactId: contact.id, companyId: globex.id });
    await match(fromAda.id);
    const renderer = await render(fromAda);
    expect(pageText(renderer.root)).toContain('Which company is Ada Lovelace writing for?');
    const links = all(renderer.root, 'LoadingButton').filter((b) => textOf(b) === 'Link Ada Lovelace');
    expect(links).toHaveLength(2);
    await act(async () => links[1]!.props.onClick());
    await settle();
    const linkedCompanies = (await world.deps.store.links.forTarget('issue', fromAda.id)).filter((l) => l.recordType === 'company').map((l) => l.recordId);
    expect(linkedCompanies).toEqual([globex.id]);
    expect(linkedCalls).toBe(1);
  });

  it('dismisses the suggestion and remembers it', async () => {
    await match(fromWile.id);
    const renderer = await render(fromWile);
    await act(async () => sectionAction(renderer.root, 'Dismiss').props.onClick());
    await settle();
    expect(renderer.toJSON()).toBeNull();
    expect((await world.deps.store.issueMatches.find(fromWile.id))?.dismissed).toHaveLength(1);
    expect(linkedCalls).toBe(0);
  });

  it('shows a viewer the suggestion without any action', async () => {
    await match(fromWile.id);
    const renderer = await render(fromWile, 'local-viewer', false);
    expect(pageText(renderer.root)).toContain('Acting on suggestions needs the editor role');
    expect([...all(renderer.root, 'Button'), ...all(renderer.root, 'LoadingButton')]).toHaveLength(0);
    expect(all(renderer.root, 'SectionMessage')[0]?.props.actions).toEqual([]);
  });

  it('shows the suggestion as it is now when someone else acted on it meanwhile', async () => {
    await match(fromWile.id);
    const renderer = await render(fromWile);
    // Another agent dismisses it in their own tab; this panel still shows the old version.
    const stored = await world.deps.store.issueMatches.find(fromWile.id);
    await dismissMatch(world.deps, admin, { issueId: fromWile.id, version: stored?.version ?? 0 });
    await act(async () => button(renderer.root, 'Create…').props.onClick());
    await act(async () => button(renderer.root, 'Create and link').props.onClick());
    await settle();
    expect(renderer.toJSON()).toBeNull();
    expect(await world.deps.store.contacts.findByEmails(['wile.e.coyote@acme.com'])).toEqual([]);
  });
});
