// The AccessPort for `npm start` and tests: three fixed local users, one per role; anyone else has no access.
import type { AccessPort } from '../../application/access';
import type { Role } from '../../domain/records';

export const LOCAL_USERS = {
  'local-admin': { role: 'admin', displayName: 'Local Admin' },
  'local-agent': { role: 'editor', displayName: 'Local Agent' },
  'local-viewer': { role: 'viewer', displayName: 'Local Viewer' },
} as const satisfies Record<string, { role: Role; displayName: string }>;

export type LocalAccountId = keyof typeof LOCAL_USERS;

const isLocalUser = (accountId: string): accountId is LocalAccountId => Object.hasOwn(LOCAL_USERS, accountId);

export function makeLocalAccess(): AccessPort {
  return {
    roleOf: async (accountId) => (isLocalUser(accountId) ? LOCAL_USERS[accountId].role : null),
    displayNameOf: async (accountId) => (isLocalUser(accountId) ? LOCAL_USERS[accountId].displayName : accountId),
  };
}
