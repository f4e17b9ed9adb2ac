// The page's routes: every section, profile and import job has a path, read from and written to the page's history
// (Forge's `view.createHistory()` inside Jira, the browser's own history in the local runner).
import { isInsideJira, loadForgeBridge } from './bridge';

export type SectionId = 'contacts' | 'companies' | 'duplicates' | 'import' | 'import-history' | 'audit' | 'settings';

export type Route =
  | { section: 'contacts'; id?: string }
  | { section: 'companies'; id?: string }
  | { section: 'import-history'; jobId?: string }
  | { section: Exclude<SectionId, 'contacts' | 'companies' | 'import-history'> };

const SECTION_PATHS: Record<SectionId, string> = {
  contacts: 'contacts',
  companies: 'companies',
  duplicates: 'duplicates',
  import: 'import',
  'import-history': 'imports',
  audit: 'audit',
  settings: 'settings',
};
const BY_PATH = new Map(Object.entries(SECTION_PATHS).map(([section, path]) => [path, section as SectionId]));
// Older links (the issue panel before routing) named profiles in the singular.
const ALIASES: Record<string, SectionId> = { contact: 'contacts', company: 'companies', history: 'import-history' };
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The route a path names; anything unknown is the contacts list. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '').map(safeDecode);
  const section = BY_PATH.get(parts[0] ?? '') ?? ALIASES[parts[0] ?? ''];
  const id = parts[1] !== undefined && ID.test(parts[1]) ? parts[1] : undefined;
  switch (section) {
    case undefined:
      return { section: 'contacts' };
    case 'contacts':
    case 'companies':
      return id === undefined ? { section } : { section, id };
    case 'import-history':
      return id === undefined ? { section } : { section, jobId: id };
    default:
      return { section };
  }
}

export function routePath(route: Route): string {
  const base = `/${SECTION_PATHS[route.section]}`;
  if ((route.section === 'contacts' || route.section === 'companies') && route.id) return `${base}/${encodeURIComponent(route.id)}`;
  if (route.section === 'import-history' && route.jobId) return `${base}/${encodeURIComponent(route.jobId)}`;
  return base;
}

export const sameRoute = (a: Route, b: Route): boolean => routePath(a) === routePath(b);

/** What the page needs of a history: the current path, moving to another, and hearing about back/forward. */
export type PageHistory = {
  pathname(): string;
  push(path: string): void;
  replace(path: string): void;
  listen(listener: (pathname: string) => void): () => void;
};

/** Forge's history inside Jira (paths are relative to the global page's own URL); the browser's outside it. */
export async function openPageHistory(): Promise<PageHistory> {
  if (isInsideJira()) return forgeHistory();
  return browserHistory();
}

async function forgeHistory(): Promise<PageHistory> {
  const history = await (await loadForgeBridge()).view.createHistory();
  const pathOf = (value: unknown): string => {
    // history 4 passes the location, history 5 an update holding it.
    const location = typeof value === 'object' && value !== null && 'location' in value ? (value as { location: unknown }).location : value;
    const pathname = typeof location === 'object' && location !== null ? Reflect.get(location, 'pathname') : undefined;
    return typeof pathname === 'string' ? pathname : '/';
  };
  return {
    pathname: () => pathOf(history.location),
    push: (path) => history.push(path),
    replace: (path) => history.replace(path),
    listen: (listener) => history.listen((update: unknown) => listener(pathOf(update))),
  };
}

function browserHistory(): PageHistory {
  const listeners = new Set<(pathname: string) => void>();
  const emit = () => listeners.forEach((listener) => listener(window.location.pathname));
  window.addEventListener('popstate', emit);
  return {
    pathname: () => window.location.pathname,
    push(path) {
      window.history.pushState(null, '', path);
      emit();
    },
    replace(path) {
      window.history.replaceState(null, '', path);
      emit();
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
