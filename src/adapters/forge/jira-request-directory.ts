// The RequestDirectory on Forge: Jira called as the app (triggers and queue consumers have no user to act for).
import api, { route } from '@forge/api';
import type { RequestDirectory } from '../../application/matching/request-directory';
import { makeJiraRequestDirectory, type JiraTransport } from '../atlassian/rest-request-directory';

/** Scopes: read:jira-work (issues, search) and read:email-address:jira (the email endpoint answers apps only). */
export function forgeJiraTransport(): JiraTransport {
  return {
    getIssue: (issueIdOrKey, fields) => api.asApp().requestJira(route`/rest/api/3/issue/${issueIdOrKey}?fields=${fields.join(',')}`),
    getUserEmail: (accountId) => api.asApp().requestJira(route`/rest/api/3/user/email?accountId=${accountId}`),
    searchJql: (body) =>
      api.asApp().requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

export function makeForgeRequestDirectory(): RequestDirectory {
  return makeJiraRequestDirectory(forgeJiraTransport());
}
