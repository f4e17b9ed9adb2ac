// Who may do what: app roles, the actions they allow, and the role a user gets from their Jira groups.
import type { Role } from './records';

export type Action = 'read' | 'write' | 'admin';

export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

// Each action needs the role of the same rank or higher.
const ACTION_RANK: Record<Action, number> = { read: 1, write: 2, admin: 3 };

/** Groups whose members administer the app when no group mapping applies to them. */
export const DEFAULT_ADMIN_GROUPS = ['jira-administrators', 'site-admins', 'administrators'] as const;

export function can(role: Role, action: Action): boolean {
  return ROLE_RANK[role] >= ACTION_RANK[action];
}

/**
 * The highest role among the user's mapped groups. Without a matching mapping: a default admin group gives admin,
 * product access gives editor, otherwise null (no access). Group names compare case-insensitively, as Jira's do.
 */
export function roleFromGroups(
  groupNames: string[],
  mapping: { group: string; role: Role }[],
  defaults: { adminGroups: readonly string[]; hasProductAccess: boolean },
): Role | null {
  const groups = new Set(groupNames.map((g) => g.toLowerCase()));
  let best: Role | null = null;
  for (const { group, role } of mapping) {
    if (groups.has(group.toLowerCase()) && (best === null || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  if (best !== null) return best;
  if (defaults.adminGroups.some((g) => groups.has(g.toLowerCase()))) return 'admin';
  return defaults.hasProductAccess ? 'editor' : null;
}
