// Entry point of the global page: applies the Atlassian theme (Jira's inside Jira, the tokens' locally) and renders the app.
import './zod-jitless';
import '@atlaskit/css-reset';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { isInsideJira, loadForgeBridge } from './bridge';
import './styles.css';
import './admin.css';
import './profiles.css';

async function applyTheme(): Promise<void> {
  try {
    if (isInsideJira()) await (await loadForgeBridge()).view.theme.enable();
    else await setGlobalTheme({ colorMode: 'auto' });
  } catch {
    // Without the theme the page still works on the tokens' fallback values.
  }
}

const container = document.getElementById('root');
if (container === null) throw new Error('The page has no #root element to render into.');

void applyTheme().finally(() => {
  // No <StrictMode>: its double-run effects leave @atlaskit/modal-dialog's portal empty in development builds.
  createRoot(container).render(
    <App />,
  );
});
