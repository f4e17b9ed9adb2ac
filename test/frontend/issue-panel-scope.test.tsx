// The issue panel on an issue whose project the admins left out of the panel's scope: a note for admins, nothing else.
import '../support/ui-kit-host';
import { act, create, type ReactTestInstance, type ReactTestRenderer } from 'react-test-renderer';
import { updateVisibilitySettings } from '../../src/application/visibility-settings';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { profileUrlsUnder } from '../../src/frontend/issue-panel/issue-context';
import { IssuePanel } from '../../src/frontend/issue-panel/IssuePanel';
import type { PanelApi } from '../../src/frontend/issue-panel/panel-api';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

const ISSUE = { id: '10100', key: 'SUP-1' };

const textOf = (node: ReactTestInstance | string): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));

describe('issue panel outside the chosen projects', () => {
  let world: TestWorld;
  let renderer: ReactTestRenderer | null = null;

  beforeEach(async () => {
    world = await openWorld();
    await updateVisibilitySettings(world.deps, admin, { panelScope: { mode: 'projects', projectKeys: ['ENG'] } });
  });
  afterEach(async () => {
    await act(async () => renderer?.unmount());
    renderer = null;
    await world.close();
  });

  async function render(accountId: string): Promise<ReactTestRenderer> {
    const handlers = defineResolvers(world.deps);
    const context = { accountId };
    const api: PanelApi = {
      'links/for-issue': (input) => handlers['links/for-issue']({ payload: input, context }),
      'links/add': (input) => handlers['links/add']({ payload: input, context }),
      'links/remove': (input) => handlers['links/remove']({ payload: input, context }),
      'directory/typeahead': (input) => handlers['directory/typeahead']({ payload: input, context }),
      'contacts/create': (input) => handlers['contacts/create']({ payload: input, context }),
      'companies/create': (input) => handlers['companies/create']({ payload: input, context }),
    };
    await act(async () => {
      renderer = create(<IssuePanel issue={ISSUE} api={api} profileUrl={profileUrlsUnder(null)} />);
    });
    for (let i = 0; i < 100 && renderer!.root.findAll((n) => (n.type as unknown) === 'Spinner').length > 0; i++) {
      await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    }
    return renderer!;
  }

  it('tells an admin the panel is off for the project and where to turn it on', async () => {
    const root = (await render('local-admin')).root;
    const [note] = root.findAll((n) => (n.type as unknown) === 'SectionMessage');
    expect(note?.props).toMatchObject({ appearance: 'information', title: 'The customer panel is off for this project' });
    expect(textOf(note!)).toContain('Settings → Visibility');
  });

  it('renders nothing at all for agents and viewers', async () => {
    for (const accountId of ['local-agent', 'local-viewer']) {
      const tree = await render(accountId);
      expect(tree.toJSON()).toBeNull();
      await act(async () => tree.unmount());
      renderer = null;
    }
  });
});
