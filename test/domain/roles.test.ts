import type { Role } from '../../src/domain/records';
import { ROLE_RANK, can, roleFromGroups, type Action } from '../../src/domain/roles';

const ADMIN_GROUPS = ['jira-administrators', 'site-admins', 'administrators'];

describe('can', () => {
  const allowed: Record<Role, Action[]> = { viewer: ['read'], editor: ['read', 'write'], admin: ['read', 'write', 'admin'] };
  const actions: Action[] = ['read', 'write', 'admin'];

  for (const role of Object.keys(allowed) as Role[]) {
    for (const action of actions) {
      const expected = allowed[role].includes(action);
      it(`${expected ? 'lets' : 'does not let'} a ${role} ${action}`, () => {
        expect(can(role, action)).toBe(expected);
      });
    }
  }

  it('ranks admin above editor above viewer', () => {
    expect(ROLE_RANK.admin).toBeGreaterThan(ROLE_RANK.editor);
    expect(ROLE_RANK.editor).toBeGreaterThan(ROLE_RANK.viewer);
  });
});

describe('roleFromGroups', () => {
  const defaults = { adminGroups: ADMIN_GROUPS, hasProductAccess: true };
  const mapping: { group: string; role: Role }[] = [
    { group: 'support-team', role: 'editor' },
    { group: 'Sales', role: 'viewer' },
    { group: 'crm-admins', role: 'admin' },
  ];

  it('gives the highest role among mapped groups', () => {
    expect(roleFromGroups(['sales', 'support-team'], mapping, defaults)).toBe('editor');
    expect(roleFromGroups(['sales', 'crm-admins', 'support-team'], mapping, defaults)).toBe('admin');
  });

  it('compares group names case-insensitively', () => {
    expect(roleFromGroups(['SALES'], mapping, defaults)).toBe('viewer');
  });

  it('keeps a member of a default admin group an admin even when a mapping gives them less', () => {
    expect(roleFromGroups(['sales', 'jira-administrators'], mapping, defaults)).toBe('admin');
    expect(roleFromGroups(['Jira-Administrators'], [{ group: 'jira-administrators', role: 'viewer' }], defaults)).toBe('admin');
  });

  it('makes a member of a default admin group an admin when no mapping matches', () => {
    expect(roleFromGroups(['Site-Admins'], mapping, defaults)).toBe('admin');
    expect(roleFromGroups(['administrators'], [], { ...defaults, hasProductAccess: false })).toBe('admin');
  });

  it('makes a user with product access but no mapped group a viewer unless the default role says otherwise', () => {
    expect(roleFromGroups(['jira-software-users'], mapping, defaults)).toBe('viewer');
    expect(roleFromGroups(['jira-software-users'], mapping, { ...defaults, unmappedRole: 'editor' })).toBe('editor');
  });

  it('gives no access to a user without product access or a matching group', () => {
    expect(roleFromGroups([], mapping, { ...defaults, hasProductAccess: false })).toBeNull();
  });
});
