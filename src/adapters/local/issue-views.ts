// The local runner's stand-in for Jira's issue pages: a list of the sample issues, and one issue with the customer
// panel beside it (the real UI Kit panel, run by the local Forge host built from src/adapters/local/panel-host).
import { LOCAL_USERS, type LocalAccountId } from './local-access';
import { SAMPLE_ISSUES, SAMPLE_PROJECTS, type SampleIssue } from './sample-jira';

/** Where the built panel host is served, and its entry script (fixed name, see panel-host/vite.config.mts). */
export const PANEL_HOST_PATH = '/panel-host/';
export const PANEL_HOST_SCRIPT = `${PANEL_HOST_PATH}panel-host.js`;
export const PANEL_HOST_STYLES = `${PANEL_HOST_PATH}panel-host.css`;
/** An agent is who uses the panel most; ?as= picks another local user. */
export const DEFAULT_PANEL_USER: LocalAccountId = 'local-agent';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function findSampleIssue(key: string): SampleIssue | undefined {
  return SAMPLE_ISSUES.find((issue) => issue.key === key.toUpperCase());
}

export function localUserFrom(value: string | null): LocalAccountId {
  return value !== null && Object.hasOwn(LOCAL_USERS, value) ? (value as LocalAccountId) : DEFAULT_PANEL_USER;
}

const STYLE = `
  body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; margin: 0; color: #172b4d; }
  header { display: flex; gap: 16px; align-items: center; padding: 12px 24px; border-bottom: 1px solid #dfe1e6; }
  header nav { display: flex; gap: 12px; flex: 1; }
  main { padding: 24px; }
  .issue { display: grid; grid-template-columns: minmax(0, 1fr) 400px; gap: 32px; align-items: start; }
  .panel { border: 1px solid #dfe1e6; border-radius: 6px; padding: 16px; min-height: 120px; }
  .panel > h2 { font-size: 14px; margin: 0 0 12px; }
  dl { display: grid; grid-template-columns: 120px 1fr; gap: 8px 16px; }
  dt { color: #626f86; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 6px 12px; border-bottom: 1px solid #dfe1e6; }
`;

function page(title: string, user: LocalAccountId, body: string, userPath: string, head = ''): string {
  const options = Object.entries(LOCAL_USERS)
    .map(([id, u]) => `<a href="${escape(`${userPath}?as=${id}`)}"${id === user ? ' aria-current="true"' : ''}>${escape(u.displayName)} (${u.role})</a>`)
    .join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escape(title)}</title>
<link rel="icon" href="data:," />
<style>${STYLE}</style>
${head}
</head>
<body>
<header>
  <nav aria-label="Local runner"><a href="/">Customer directory</a><a href="/issues?as=${escape(user)}">Sample issues</a></nav>
  <span>Acting as: ${options}</span>
</header>
<main>
${body}
</main>
</body>
</html>`;
}

/** Every sample issue, each opening its issue view as the same local user. */
export function issueListPage(user: LocalAccountId): string {
  const rows = SAMPLE_ISSUES.map(
    (issue) =>
      `<tr><td><a href="/issues/${escape(issue.key)}?as=${escape(user)}">${escape(issue.key)}</a></td><td>${escape(issue.summary)}</td><td>${escape(issue.status.name)}</td><td>${escape(issue.issueType)}</td><td>${escape(issue.reporterEmail || '—')}</td></tr>`,
  ).join('\n');
  return page(
    'Sample issues',
    user,
    `<h1>Sample issues</h1>
<p>The local runner's fake Jira site. Open an issue to use the customer panel as the chosen local user.</p>
<table aria-label="Sample issues">
<thead><tr><th>Key</th><th>Summary</th><th>Status</th><th>Type</th><th>Reporter</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`,
    '/issues',
  );
}

/** One issue as Jira would show it, with the panel host mounted beside it for `user`. */
export function issuePage(issue: SampleIssue, user: LocalAccountId): string {
  const project = SAMPLE_PROJECTS.find((p) => p.key === issue.projectKey);
  const data = {
    'account-id': user,
    'issue-id': issue.id,
    'issue-key': issue.key,
    'issue-type': issue.issueType,
    'project-id': project?.id ?? '',
    'project-key': issue.projectKey,
    'project-type': project?.projectTypeKey ?? '',
  };
  const attributes = Object.entries(data)
    .map(([name, value]) => `data-${name}="${escape(value)}"`)
    .join(' ');
  return page(
    `${issue.key}: ${issue.summary}`,
    user,
    `<div class="issue">
<article aria-label="Issue">
  <p>${escape(project?.name ?? issue.projectKey)} / <span data-testid="issue-key">${escape(issue.key)}</span></p>
  <h1>${escape(issue.summary)}</h1>
  <dl>
    <dt>Status</dt><dd data-testid="issue-status">${escape(issue.status.name)}</dd>
    <dt>Type</dt><dd>${escape(issue.issueType)}</dd>
    <dt>Reporter</dt><dd data-testid="issue-reporter">${escape(issue.reporterEmail || 'Local Agent')}</dd>
    <dt>Created</dt><dd>${escape(issue.created.slice(0, 10))}</dd>
  </dl>
</article>
<aside class="panel" aria-label="Customers">
  <h2>Customers</h2>
  <div id="issue-panel" ${attributes}></div>
</aside>
</div>
<script type="module" src="${PANEL_HOST_SCRIPT}"></script>`,
    `/issues/${issue.key}`,
    `<link rel="stylesheet" href="${PANEL_HOST_STYLES}" />`,
  );
}
