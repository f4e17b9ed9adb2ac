// The AccessPort on Jira: a user's app role from the Administer Jira global permission, their Jira groups and product
// access, cached per user for a minute.
import api, { route } from '@forge/api';
import { z } from 'zod';
import type { AccessPort } from '../../application/access';
import type { RoleMapping } from '../../domain/app-settings';
import { AppError } from '../../domain/errors';
import type { Role } from '../../domain/records';
import { roleFromGroups } from '../../domain/roles';

/** How long a user's role is trusted before Jira is asked again; group changes take effect within this time. */
export const ROLE_CACHE_MS = 60_000;
// Bounds memory in a long-lived function container; a site rarely has this many users active within a minute.
const MAX_CACHED_USERS = 5_000;

export type JiraUser = {
  displayName: string;
  /** A licensed, active Atlassian account: it can use at least one Jira product (applicationRoles is not empty). */
  hasProductAccess: boolean;
};

/** The questions asked of Jira about a user; null when Jira does not know the account. */
export type JiraUsers = {
  groupsOf(accountId: string): Promise<string[]>;
  userOf(accountId: string): Promise<JiraUser | null>;
  /**
   * Whether the user holds the global Administer Jira permission. Sites name their admin groups as they like
   * (jira-admins-<site>, site-admins, ...); the permission is what makes someone a Jira administrator. Asked as the
   * calling user, so only ever for the account making the request (roleOf is only asked about the caller).
   */
  isJiraAdmin(accountId: string): Promise<boolean>;
};

type Resolved = { role: Role | null; displayName: string };

/**
 * Roles come from groups and product access as the app (asApp) sees them, not from what the caller's browser sends:
 * `context.accountId` is the only thing taken from the request. asApp also works where a user has not granted the
 * app access to act for them, and it sees every group, where asUser would be limited by the caller's own rights.
 */
export function makeJiraAccess(deps: {
  jira: JiraUsers;
  roleMapping: () => Promise<RoleMapping[]>;
  /** The role of a licensed user in no mapped group (the defaultRole setting); viewer when not given. */
  defaultRole?: () => Promise<Role>;
  now?: () => number;
}): AccessPort {
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { expires: number; value: Promise<Resolved> }>();

  function resolve(accountId: string): Promise<Resolved> {
    const at = now();
    const hit = cache.get(accountId);
    if (hit !== undefined && hit.expires > at) return hit.value;
    if (cache.size >= MAX_CACHED_USERS) {
      for (const [key, entry] of cache) if (entry.expires <= at) cache.delete(key);
      if (cache.size >= MAX_CACHED_USERS) cache.clear();
    }
    const value = lookUp(accountId);
    // Concurrent calls for one user share a lookup; a failed lookup is not remembered.
    cache.set(accountId, { expires: at + ROLE_CACHE_MS, value });
    value.catch(() => cache.delete(accountId));
    return value;
  }

  async function lookUp(accountId: string): Promise<Resolved> {
    const [user, groups, mapping, jiraAdmin, unmappedRole] = await Promise.all([
      deps.jira.userOf(accountId),
      deps.jira.groupsOf(accountId),
      deps.roleMapping(),
      deps.jira.isJiraAdmin(accountId),
      deps.defaultRole ? deps.defaultRole() : Promise.resolve<Role>('viewer'),
    ]);
    if (user === null) return { role: null, displayName: accountId };
    // Jira administrators always administer the app, so no group mapping can lock them out of its settings.
    const role = jiraAdmin ? 'admin' : roleFromGroups(groups, mapping, { adminGroups: [], hasProductAccess: user.hasProductAccess, unmappedRole });
    return { role, displayName: user.displayName };
  }

  return {
    roleOf: async (accountId) => (await resolve(accountId)).role,
    displayNameOf: async (accountId) => (await resolve(accountId)).displayName,
  };
}

// The parts of Jira's answers the app relies on; anything else in them is ignored.
export const jiraGroupsSchema = z.array(z.object({ name: z.string() }));
export const jiraUserSchema = z.object({
  accountId: z.string(),
  accountType: z.string().optional(),
  active: z.boolean().optional(),
  displayName: z.string().optional(),
  applicationRoles: z.object({ size: z.number().optional(), items: z.array(z.object({ key: z.string() })).optional() }).optional(),
});

export function toJiraUser(body: unknown): JiraUser {
  const user = jiraUserSchema.parse(body);
  const roles = user.applicationRoles?.size ?? user.applicationRoles?.items?.length ?? 0;
  // JSM portal customers and app accounts are never agents of the directory, whatever their groups.
  const isPerson = (user.accountType ?? 'atlassian') === 'atlassian';
  return { displayName: user.displayName || user.accountId, hasProductAccess: isPerson && user.active !== false && roles > 0 };
}

// GET /rest/api/3/mypermissions?permissions=ADMINISTER: { permissions: { ADMINISTER: { havePermission, ... } } }.
export const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() }).loose()),
});

export function toIsJiraAdmin(body: unknown): boolean {
  return myPermissionsSchema.parse(body).permissions.ADMINISTER?.havePermission === true;
}

export function toGroupNames(body: unknown): string[] {
  return jiraGroupsSchema.parse(body).map((g) => g.name);
}

type JiraResponse = { ok: boolean; status: number; json(): Promise<unknown> };

/** The JSON body, or null when Jira says the account does not exist (404). */
async function readJson(response: JiraResponse, what: string): Promise<unknown> {
  if (response.status === 404) return null;
  if (!response.ok) throw new AppError('UPSTREAM', `Jira did not answer ${what} (HTTP ${response.status}); try again in a moment.`);
  try {
    return await response.json();
  } catch {
    throw new AppError('UPSTREAM', `Jira answered ${what} with something that is not JSON; try again in a moment.`);
  }
}

function checked<T>(parse: (body: unknown) => T, body: unknown, what: string): T {
  try {
    return parse(body);
  } catch {
    throw new AppError('UPSTREAM', `Jira answered ${what} in an unexpected shape; try again, and report it if it persists.`);
  }
}

/** Jira's user endpoints called as the app (scope read:jira-user). */
export function forgeJiraUsers(): JiraUsers {
  return {
    async groupsOf(accountId) {
      const body = await readJson(await api.asApp().requestJira(route`/rest/api/3/user/groups?accountId=${accountId}`), 'which groups you are in');
      return body === null ? [] : checked(toGroupNames, body, 'which groups you are in');
    },
    async userOf(accountId) {
      const response = await api.asApp().requestJira(route`/rest/api/3/user?accountId=${accountId}&expand=applicationRoles`);
      const body = await readJson(response, 'who you are');
      return body === null ? null : checked(toJiraUser, body, 'who you are');
    },
    async isJiraAdmin() {
      // "Returns a list of permissions indicating which permissions the user has": the caller's, hence asUser.
      const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`);
      const body = await readJson(response, 'whether you administer Jira');
      return body === null ? false : checked(toIsJiraAdmin, body, 'whether you administer Jira');
    },
  };
}
