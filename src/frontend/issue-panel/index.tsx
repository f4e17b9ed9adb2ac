// The issue panel's UI Kit entry (manifest resource `issue-panel`): Forge's context and bridge around IssuePanel.
import '../zod-jitless';
import { useEffect, useState } from 'react';
import ForgeReconciler, { SectionMessage, Spinner, Text, useProductContext } from '@forge/react';
import { makeInvoke, router } from '@forge/bridge';
import type { ResolverDefs } from '../../contracts/api';
import { GLOBAL_PAGE_MODULE_KEY, issueFromContext, profileUrlsUnder } from './issue-context';
import { IssuePanel } from './IssuePanel';
import type { PanelApi } from './panel-api';
import type { SuggestionApi } from './RequesterSuggestion';

const invoke = makeInvoke<ResolverDefs>();
const api: PanelApi = {
  'links/for-issue': (input) => invoke('links/for-issue', input),
  'links/add': (input) => invoke('links/add', input),
  'links/remove': (input) => invoke('links/remove', input),
  'directory/typeahead': (input) => invoke('directory/typeahead', input),
  'contacts/create': (input) => invoke('contacts/create', input),
  'companies/create': (input) => invoke('companies/create', input),
};

const suggestions: SuggestionApi = {
  'matches/get': (input) => invoke('matches/get', input),
  'matches/accept': (input) => invoke('matches/accept', input),
  'matches/dismiss': (input) => invoke('matches/dismiss', input),
};

function App() {
  const context = useProductContext();
  const [globalPageUrl, setGlobalPageUrl] = useState<string | null>(null);

  useEffect(() => {
    // Profiles are links into the directory's global page; without its address, names show as plain text.
    router.getUrl({ target: 'module', moduleKey: GLOBAL_PAGE_MODULE_KEY }).then(
      (url) => setGlobalPageUrl(url?.toString() ?? null),
      () => setGlobalPageUrl(null),
    );
  }, []);

  if (context === undefined) return <Spinner size="medium" label="Loading" />;
  const issue = issueFromContext(context);
  if (issue === null) {
    return (
      <SectionMessage appearance="warning" title="No issue here">
        <Text>This panel shows the customers of a Jira issue or request; open one to see them.</Text>
      </SectionMessage>
    );
  }
  return <IssuePanel issue={issue} api={api} profileUrl={profileUrlsUnder(globalPageUrl)} suggestions={suggestions} />;
}

ForgeReconciler.render(<App />);
