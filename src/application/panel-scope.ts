// Enforces the projects whose issues show the customer panel: every panel read and write on an issue outside them
// answers NOT_ENABLED (a note for admins, nothing for others), whatever a display condition did or did not hide.
import { AppError } from '../domain/errors';
import type { Settings } from '../domain/ports';
import { isProjectInScope, projectKeyOf, scopeNeedsProjectType, type PanelScope } from '../domain/visibility';
import type { Actor } from './deps';
import type { RequestDirectory } from './matching/request-directory';
import { loadVisibility } from './visibility-settings';

/** What the check reads: the settings, and Jira (as the app) for a project's type when the scope is "service projects". */
export type PanelScopeDeps = { settings: Settings; requests: Pick<RequestDirectory, 'getIssue'> };

export function notEnabled(projectKey: string, actor: Actor): AppError {
  const admin = actor.role === 'admin';
  return new AppError(
    'NOT_ENABLED',
    admin
      ? `The customer panel is not enabled for project ${projectKey}. Choose the projects that show it under Settings → Visibility in the customer directory.`
      : `The customer panel is not enabled for project ${projectKey}.`,
    { projectKey, canConfigure: admin },
  );
}

/** Throws NOT_ENABLED unless the issue's project is in the panel's scope. */
export async function assertPanelEnabled(deps: PanelScopeDeps, actor: Actor, issue: { id: string; key: string }, scope?: PanelScope): Promise<void> {
  const panelScope = scope ?? (await loadVisibility(deps.settings)).panelScope;
  const projectKey = projectKeyOf(issue.key);
  const typeKey = scopeNeedsProjectType(panelScope) ? (await deps.requests.getIssue(issue.id)).projectTypeKey : null;
  if (!isProjectInScope(panelScope, { key: projectKey, typeKey })) throw notEnabled(projectKey, actor);
}
