// The local issue view's panel: installs the local Forge host, then loads the real UI Kit panel (src/frontend/issue-panel)
// and renders what it reconciles with Atlaskit, beside the issue the server rendered.
import '@atlaskit/css-reset';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import SectionMessage from '@atlaskit/section-message';
import { Stack } from '@atlaskit/primitives';
import { createForgeHost, installBridge, type ForgeHost, type HostConfig } from './forge-host';
import { renderDoc } from './ui-kit-renderer';

function readConfig(element: HTMLElement): HostConfig {
  const data = element.dataset;
  const required = (name: string): string => {
    const value = data[name];
    if (value === undefined || value === '') throw new Error(`The issue view did not give the panel host its "${name}".`);
    return value;
  };
  return {
    accountId: required('accountId'),
    issue: { id: required('issueId'), key: required('issueKey'), type: data.issueType ?? '' },
    project: { id: required('projectId'), key: required('projectKey'), type: data.projectType ?? '' },
    siteUrl: window.location.origin,
    globalPageUrl: `${window.location.origin}/`,
  };
}

function HostedPanel({ host }: { host: ForgeHost }) {
  const state = useSyncExternalStore(host.subscribe, host.state);
  return (
    <Stack space="space.200">
      {state.errors.map((error, index) => (
        <SectionMessage key={index} appearance="error" title="Local Forge host">
          <p>{error}</p>
        </SectionMessage>
      ))}
      <div data-testid="ui-kit-root" data-render-version={state.version}>
        {state.doc === null ? null : renderDoc(state.doc)}
      </div>
    </Stack>
  );
}

async function start(): Promise<void> {
  const element = document.getElementById('issue-panel');
  if (element === null) throw new Error('The issue view has no #issue-panel element.');
  setGlobalTheme({ colorMode: 'light' }).catch(() => undefined);
  const host = createForgeHost(readConfig(element));
  installBridge(host);
  createRoot(element).render(
    <StrictMode>
      <HostedPanel host={host} />
    </StrictMode>,
  );
  // Loaded after the bridge exists: @forge/bridge looks for it while its modules load, as inside Jira.
  await import('../../../frontend/issue-panel/index');
}

start().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  document.body.insertAdjacentHTML('beforeend', `<p role="alert" id="panel-host-error"></p>`);
  const alert = document.getElementById('panel-host-error');
  if (alert !== null) alert.textContent = `The local panel host failed to start: ${message}`;
});
