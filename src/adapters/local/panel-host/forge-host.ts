// Plays Forge's part around a UI Kit app in the local runner: installs `self.__bridge` (reconcile, invoke, getContext,
// getUrl, navigate, onError) and keeps the latest reconciled tree for the host renderer.

/** A node of the tree @forge/react's reconciler sends with `reconcile`: a UI Kit component name, props and children. */
export type ForgeDoc = { type: string; key: string; props: Record<string, unknown>; children: ForgeDoc[] };

/** What the local issue view tells the host: the issue, its project, and the local user the panel runs as. */
export type HostConfig = {
  accountId: string;
  issue: { id: string; key: string; type: string };
  project: { id: string; key: string; type: string };
  /** The local runner's address (the fake site's), and the global page's, where profile links point. */
  siteUrl: string;
  globalPageUrl: string;
};

export type HostState = { doc: ForgeDoc | null; version: number; errors: string[] };

/** A bridge command the host does not implement: reported on the page, and thrown back at the app. */
export class UnsupportedBridgeCall extends Error {
  constructor(command: string) {
    super(`The local Forge host does not implement the bridge call "${command}".`);
    this.name = 'UnsupportedBridgeCall';
  }
}

type Listener = () => void;

export type ForgeHost = {
  state(): HostState;
  subscribe(listener: Listener): () => void;
  callBridge(command: string, data?: unknown): Promise<unknown>;
};

const invokeSchemaCheck = (data: unknown): { functionKey: string; payload: unknown } => {
  if (typeof data !== 'object' || data === null) throw new Error('invoke needs { functionKey, payload }.');
  const { functionKey, payload } = data as { functionKey?: unknown; payload?: unknown };
  if (typeof functionKey !== 'string' || functionKey === '') throw new Error('invoke needs a functionKey.');
  return { functionKey, payload: payload ?? {} };
};

/** How the host leaves the page: the browser's location and window.open, or a test's record of them. */
export type Navigator = { assign(url: string): void; open(url: string): void };

const browserNavigator: Navigator = {
  assign: (url) => window.location.assign(url),
  open: (url) => void window.open(url, '_blank', 'noopener'),
};

export function createForgeHost(config: HostConfig, fetchImpl: typeof fetch = (...args) => fetch(...args), navigator: Navigator = browserNavigator): ForgeHost {
  let state: HostState = { doc: null, version: 0, errors: [] };
  const listeners = new Set<Listener>();
  const publish = (next: HostState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const report = (message: string) => publish({ ...state, version: state.version + 1, errors: [...state.errors, message] });

  // The product context Forge gives a jira:issuePanel (the fields this app and @forge/react read).
  const context = {
    accountId: config.accountId,
    cloudId: 'local-cloud',
    environmentId: 'local',
    environmentType: 'DEVELOPMENT',
    localId: `local-issue-panel-${config.issue.id}`,
    locale: 'en-US',
    moduleKey: 'customer-panel',
    siteUrl: config.siteUrl,
    timezone: 'UTC',
    extension: {
      type: 'jira:issuePanel',
      issue: { id: config.issue.id, key: config.issue.key, type: config.issue.type },
      project: { id: config.project.id, key: config.project.key, type: config.project.type },
      isNewToIssue: false,
    },
  };

  async function callBridge(command: string, data?: unknown): Promise<unknown> {
    switch (command) {
      case 'reconcile': {
        const doc = (data as { forgeDoc?: ForgeDoc } | undefined)?.forgeDoc ?? null;
        // The reconciler mutates one tree in place and calls again after every commit: bump the version to re-render.
        publish({ ...state, doc, version: state.version + 1 });
        return undefined;
      }
      case 'invoke': {
        const { functionKey, payload } = invokeSchemaCheck(data);
        const response = await fetchImpl('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Local-User': config.accountId },
          body: JSON.stringify({ key: functionKey, payload }),
        });
        // Forge resolves `invoke` with whatever the resolver returned: here, the envelope.
        if (!response.ok && response.status >= 500) throw new Error(`The local runner answered HTTP ${response.status} for ${functionKey}.`);
        return response.json();
      }
      case 'getContext':
        return structuredClone(context);
      case 'getUrl': {
        const target = data as { target?: string; moduleKey?: string } | undefined;
        if (target?.target === 'module') return config.globalPageUrl;
        throw new UnsupportedBridgeCall(`getUrl for target "${String(target?.target)}"`);
      }
      case 'navigate': {
        const target = data as { url?: string; type?: string } | undefined;
        if (typeof target?.url !== 'string') throw new UnsupportedBridgeCall('navigate without a url');
        if (target.type === 'new-tab') navigator.open(target.url);
        else navigator.assign(target.url);
        return undefined;
      }
      case 'onError': {
        const error = (data as { error?: unknown } | undefined)?.error;
        report(`The app failed to render: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      default: {
        const unsupported = new UnsupportedBridgeCall(command);
        report(unsupported.message);
        throw unsupported;
      }
    }
  }

  return {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    callBridge,
  };
}

/** Makes the host the bridge @forge/react and @forge/bridge find on `self` (they look it up as they load). */
export function installBridge(host: ForgeHost): void {
  Reflect.set(globalThis, '__bridge', { callBridge: (command: string, data?: unknown) => host.callBridge(command, data) });
}
