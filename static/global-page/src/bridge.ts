// Calls the app's resolvers: through @forge/bridge inside Jira, and through the local runner's /api/invoke outside it.
import { z } from 'zod';
import type { ApiError, ApiInput, ApiResult, Envelope, ResolverKey } from '../../../src/contracts/api';

/** A resolver answered `{ ok: false }`: the code and sentence come from the backend, the details may name fields. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly details: Record<string, unknown> | undefined;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.details = error.details;
  }
}

export type LocalUser = { accountId: string; displayName: string; role: string };

const LOCAL_USER_KEY = 'customer-directory.local-user';
const DEFAULT_LOCAL_USER = 'local-admin';

// The user chosen in this page session; outlives blocked localStorage.
let sessionUser: string | null = null;

// The shape every answer must have; `data` is typed by the contract, whose backend validated it on the way out.
const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  }),
]);

const localUsersSchema = z.array(z.object({ accountId: z.string(), displayName: z.string(), role: z.string() }));

/**
 * @forge/bridge, loaded only inside Jira: some of its modules call the host bridge as soon as they load, which throws
 * anywhere else, so a static import would stop the page from starting in the local runner.
 */
let forgeBridge: Promise<typeof import('@forge/bridge')> | null = null;
export function loadForgeBridge(): Promise<typeof import('@forge/bridge')> {
  forgeBridge ??= import('@forge/bridge');
  return forgeBridge;
}

/** Forge injects `__bridge` into Custom UI iframes before the page runs; the local runner has none. */
export function isInsideJira(): boolean {
  const bridge: unknown = Reflect.get(globalThis, '__bridge');
  return typeof bridge === 'object' && bridge !== null && typeof Reflect.get(bridge, 'callBridge') === 'function';
}

export function currentLocalUser(): string {
  if (sessionUser !== null) return sessionUser;
  try {
    return window.localStorage.getItem(LOCAL_USER_KEY) ?? DEFAULT_LOCAL_USER;
  } catch {
    return DEFAULT_LOCAL_USER; // storage blocked (private mode, sandboxed frame)
  }
}

export function chooseLocalUser(accountId: string): void {
  try {
    window.localStorage.setItem(LOCAL_USER_KEY, accountId);
  } catch {
    // The choice then lasts until the page reloads, which is acceptable for a local tool.
  }
  sessionUser = accountId;
}


/** The users the local runner lets you act as; only called outside Jira. */
export async function fetchLocalUsers(): Promise<LocalUser[]> {
  const response = await fetch('api/local/users', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The local runner did not list its users (HTTP ${response.status}).`);
  return localUsersSchema.parse(await response.json());
}

/** Calls `key` and returns its data, or throws ApiCallError with the backend's code and message. */
export async function call<K extends ResolverKey>(key: K, input: ApiInput<K>): Promise<ApiResult<K>> {
  const raw = isInsideJira() ? await (await loadForgeBridge()).invoke(key, input) : await invokeLocally(key, input);
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) throw new ApiCallError({ code: 'INTERNAL', message: `The app sent an answer to ${key} that the page cannot read. Reload the page and try again.` });
  if (!parsed.data.ok) {
    const { code, message, details } = parsed.data.error;
    throw new ApiCallError({ code: code as ApiError['code'], message, details });
  }
  // The contract types the data; the resolver built it from the same types.
  const envelope = parsed.data as Envelope<ApiResult<K>> & { ok: true };
  return envelope.data;
}

async function invokeLocally(key: ResolverKey, payload: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch('api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Local-User': currentLocalUser() },
      body: JSON.stringify({ key, payload }),
    });
  } catch {
    throw new ApiCallError({ code: 'UPSTREAM', message: 'The local runner is not answering. Check that `npm start` is still running, then try again.' });
  }
  if (!(response.headers.get('Content-Type') ?? '').includes('application/json')) {
    throw new ApiCallError({ code: 'UPSTREAM', message: `The local runner answered HTTP ${response.status} without data. Check its console for errors.` });
  }
  return response.json();
}
