// Dismissing suggestions on an issue: remembered per issue, so neither the panel nor a later re-match offers them again.
import type { MatchView } from '../../contracts/matching';
import { invalid } from '../../domain/errors';
import type { IssueMatch } from '../../domain/issue-matches';
import type { Actor } from '../deps';
import { getVisibleIssue } from '../link-targets';
import { assertPanelEnabled, type PanelScopeDeps } from '../panel-scope';
import type { LinkingDeps } from '../work-items';
import { matchAtVersion, matchView, openCandidates } from './match-view';

export type DismissMatchCommand = { issueId: string; version: number; key?: string };

export async function dismissMatch(deps: LinkingDeps & PanelScopeDeps, actor: Actor, command: DismissMatchCommand): Promise<MatchView> {
  const { store } = deps;
  const issue = await getVisibleIssue(deps.workItems, command.issueId);
  await assertPanelEnabled(deps, actor, issue);
  const match = await matchAtVersion(store, command.issueId, command.version);
  const open = openCandidates(match).map((c) => c.key);
  if (command.key !== undefined && !open.includes(command.key)) {
    throw invalid(`That suggestion is no longer offered for ${match.issueKey}; reload the panel to see what is.`, { field: 'key' });
  }
  const keys = command.key === undefined ? open : [command.key];
  if (keys.length === 0) return matchView(store, match);
  const dismissed: IssueMatch = {
    ...match,
    dismissed: [...new Set([...match.dismissed, ...keys])],
    version: match.version + 1,
    updatedAt: deps.clock().toISOString(),
  };
  await store.issueMatches.update(dismissed);
  return matchView(store, dismissed);
}
