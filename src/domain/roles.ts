// Who may do what: app roles, the actions they allow, and the role a user gets from their Jira groups.
import type { Role } from './records';

export type Action = 'read' | 'write' | 'admin';

export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

// Each action needs the role of the same rank or higher.
const ACTION_RANK: Record<Action, number> = { read: 1, write: 2, admin: 3 };

export function can(role: Role, action: Action): boolean {
  return ROLE_RANK[role] >= ACTION_RANK[action];
}

/**
 * The role a user gets from their Jira groups. Members of an `adminGroups` group are always admin, whatever the mapping
 * says. (On Jira the Administer Jira global permission plays that part, checked before this: see jira-access.ts.) Otherwise
 * the highest role among the user's mapped groups; without a matching mapping, product access gives the default role for
 * unmapped users (a setting; viewer unless an admin chose editor: least privilege), and no access gives null.
 * Group names compare case-insensitively, as Jira's do.
 */
export function roleFromGroups(
  groupNames: string[],
  mapping: { group: string; role: Role }[],
  defaults: { adminGroups: readonly string[]; hasProductAccess: boolean; unmappedRole?: Role },
): Role | null {
  const groups = new Set(groupNames.map((g) => g.toLowerCase()));
  if (defaults.adminGroups.some((g) => groups.has(g.toLowerCase()))) return 'admin';
  let best: Role | null = null;
  for (const { group, role } of mapping) {
    if (groups.has(group.toLowerCase()) && (best === null || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  if (best !== null) return best;
  return defaults.hasProductAccess ? (defaults.unmappedRole ?? 'viewer') : null;
}
