// Roles from Jira: the Administer Jira permission, groups and product access decide; answers are cached per user for a minute.
import { makeJiraAccess, ROLE_CACHE_MS, toGroupNames, toIsJiraAdmin, toJiraUser, type JiraUser, type JiraUsers } from '../../../src/adapters/forge/jira-access';
import type { RoleMapping } from '../../../src/domain/app-settings';

// Shapes recorded from GET /rest/api/3/user?accountId=...&expand=applicationRoles and GET /rest/api/3/user/groups.
const recordedUser = {
  self: 'https://example.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g',
  accountId: '5b10a2844c20165700ede21g',
  accountType: 'atlassian',
  avatarUrls: { '48x48': 'https://avatar-management.example/48.png' },
  displayName: 'Mia Krystof',
  active: true,
  timeZone: 'Australia/Sydney',
  locale: 'en_US',
  groups: { size: 3, items: [] },
  applicationRoles: { size: 1, items: [{ key: 'jira-software', name: 'Jira' }] },
  expand: 'groups,applicationRoles',
};
const recordedGroups = [
  { name: 'jira-software-users', groupId: '276f955c-63d7-42c8-9520-92d01dca0625', self: 'https://example.atlassian.net/rest/api/3/group?groupId=276f955c' },
  { name: 'support-team', groupId: '6e87dc72-4f1f-421f-9382-2fee8b652487', self: 'https://example.atlassian.net/rest/api/3/group?groupId=6e87dc72' },
];

describe('reading Jira answers', () => {
  it('reads display name and product access from a user', () => {
    expect(toJiraUser(recordedUser)).toEqual({ displayName: 'Mia Krystof', hasProductAccess: true });
  });

  it('gives no product access to portal customers, app accounts, deactivated and unlicensed users', () => {
    expect(toJiraUser({ ...recordedUser, accountType: 'customer' }).hasProductAccess).toBe(false);
    expect(toJiraUser({ ...recordedUser, accountType: 'app' }).hasProductAccess).toBe(false);
    expect(toJiraUser({ ...recordedUser, active: false }).hasProductAccess).toBe(false);
    expect(toJiraUser({ ...recordedUser, applicationRoles: { size: 0, items: [] } }).hasProductAccess).toBe(false);
  });

  it('reads group names', () => {
    expect(toGroupNames(recordedGroups)).toEqual(['jira-software-users', 'support-team']);
  });

  // GET /rest/api/3/mypermissions?permissions=ADMINISTER, as Jira Cloud answers it.
  const recordedMyPermissions = (havePermission: boolean) => ({
    permissions: {
      ADMINISTER: { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.', havePermission },
    },
  });

  it('reads the Administer Jira global permission from mypermissions', () => {
    expect(toIsJiraAdmin(recordedMyPermissions(true))).toBe(true);
    expect(toIsJiraAdmin(recordedMyPermissions(false))).toBe(false);
    expect(toIsJiraAdmin({ permissions: {} })).toBe(false);
    expect(() => toIsJiraAdmin({ ADMINISTER: true })).toThrow();
  });

  it('refuses an answer of another shape', () => {
    expect(() => toJiraUser({ displayName: 'No id' })).toThrow();
    expect(() => toGroupNames({ groups: [] })).toThrow();
  });
});

describe('makeJiraAccess', () => {
  const user: JiraUser = { displayName: 'Mia Krystof', hasProductAccess: true };

  function fakeJira(groups: Record<string, string[]>, users: Record<string, JiraUser | null>, admins: string[] = []) {
    const calls: string[] = [];
    const jira: JiraUsers = {
      async groupsOf(accountId) {
        calls.push(`groups:${accountId}`);
        return groups[accountId] ?? [];
      },
      async userOf(accountId) {
        calls.push(`user:${accountId}`);
        return users[accountId] ?? null;
      },
      async isJiraAdmin(accountId) {
        calls.push(`admin:${accountId}`);
        return admins.includes(accountId);
      },
    };
    return { jira, calls };
  }

  const mapping: RoleMapping[] = [
    { group: 'support-team', role: 'editor' },
    { group: 'sales', role: 'viewer' },
  ];

  it('gives the role of the mapped group, viewer for product access alone, and nothing to unknown accounts', async () => {
    const { jira } = fakeJira({ mia: ['sales'], sam: ['jira-software-users'] }, { mia: user, sam: user });
    const access = makeJiraAccess({ jira, roleMapping: async () => mapping });
    expect(await access.roleOf('mia')).toBe('viewer');
    expect(await access.roleOf('sam')).toBe('viewer');
    expect(await access.roleOf('ghost')).toBeNull();
    expect(await access.displayNameOf('mia')).toBe('Mia Krystof');
  });

  it('gives an unmapped licensed user the default role from the settings', async () => {
    const { jira } = fakeJira({ sam: ['jira-software-users'] }, { sam: user });
    const access = makeJiraAccess({ jira, roleMapping: async () => mapping, defaultRole: async () => 'editor' });
    expect(await access.roleOf('sam')).toBe('editor');
  });

  it('makes a holder of the Administer Jira permission admin whatever their site calls its admin group', async () => {
    const { jira } = fakeJira({ root: ['sales', 'jira-admins-acme'] }, { root: user }, ['root']);
    const access = makeJiraAccess({ jira, roleMapping: async () => mapping });
    expect(await access.roleOf('root')).toBe('admin');
  });

  it('does not make anyone admin for a group name alone: sites name their groups as they like', async () => {
    const { jira } = fakeJira({ mia: ['jira-administrators', 'support-team'] }, { mia: user });
    const access = makeJiraAccess({ jira, roleMapping: async () => mapping });
    expect(await access.roleOf('mia')).toBe('editor');
  });

  it('keeps group mapping for the other roles, including an admin mapping', async () => {
    const { jira } = fakeJira({ ops: ['app-owners'] }, { ops: user });
    const access = makeJiraAccess({ jira, roleMapping: async () => [...mapping, { group: 'app-owners', role: 'admin' }] });
    expect(await access.roleOf('ops')).toBe('admin');
  });

  it('asks Jira once per user per minute, and again after that', async () => {
    let now = 1_000_000;
    const { jira, calls } = fakeJira({ mia: ['support-team'] }, { mia: user });
    const access = makeJiraAccess({ jira, roleMapping: async () => mapping, now: () => now });
    await access.roleOf('mia');
    await access.displayNameOf('mia');
    now += ROLE_CACHE_MS - 1;
    await access.roleOf('mia');
    expect(calls).toEqual(['user:mia', 'groups:mia', 'admin:mia']);
    now += 1;
    await access.roleOf('mia');
    expect(calls).toHaveLength(6);
  });

  it('does not remember a failed lookup', async () => {
    let fail = true;
    const jira: JiraUsers = {
      groupsOf: async () => [],
      isJiraAdmin: async () => false,
      userOf: async () => {
        if (fail) throw new Error('Jira is down');
        return user;
      },
    };
    const access = makeJiraAccess({ jira, roleMapping: async () => [] });
    await expect(access.roleOf('mia')).rejects.toThrow('Jira is down');
    fail = false;
    expect(await access.roleOf('mia')).toBe('viewer');
  });
});
