// The WorkItems port on Forge: Jira and Confluence REST through @forge/api, as the user for reads, as the app for
// the issue property. Answers are parsed and checked by the shared REST adapter.
import api, { route, type APIResponse } from '@forge/api';
import type { WorkItems } from '../../application/work-items';
import type { AtlassianRest, RestAnswer } from '../atlassian/atlassian-rest';
import { makeRestWorkItems } from '../atlassian/rest-work-items';

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

export function forgeAtlassianRest(): AtlassianRest {
  return {
    searchIssues: (request) =>
      answer(api.asUser().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(request) })),
    getIssue: (as, idOrKey, fields) => {
      const requester = as === 'user' ? api.asUser() : api.asApp();
      return answer(requester.requestJira(route`/rest/api/3/issue/${idOrKey}?fields=${fields.join(',')}`, { headers: { Accept: 'application/json' } }));
    },
    putIssueProperty: (issueId, propertyKey, value) =>
      answer(api.asApp().requestJira(route`/rest/api/3/issue/${issueId}/properties/${propertyKey}`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify(value) })),
    deleteIssueProperty: (issueId, propertyKey) =>
      answer(api.asApp().requestJira(route`/rest/api/3/issue/${issueId}/properties/${propertyKey}`, { method: 'DELETE' })),
    getPage: (pageId) => answer(api.asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}`, { headers: { Accept: 'application/json' } })),
    serverInfo: () => answer(api.asApp().requestJira(route`/rest/api/3/serverInfo`, { headers: { Accept: 'application/json' } })),
  };
}

export function forgeWorkItems(): WorkItems {
  return makeRestWorkItems(forgeAtlassianRest());
}

/** The status, and the body as JSON: null when empty (204), undefined when it is not JSON (the schema then refuses it). */
async function answer(pending: Promise<APIResponse>): Promise<RestAnswer> {
  const response = await pending;
  const text = await response.text();
  if (text.trim() === '') return { status: response.status, body: null };
  try {
    const body: unknown = JSON.parse(text);
    return { status: response.status, body };
  } catch {
    return { status: response.status, body: undefined };
  }
}
