// What every use case is given: the ports it works through, and who is acting.
import type { Settings, Store } from '../domain/ports';
import type { Role } from '../domain/records';

export type Deps = {
  store: Store;
  settings: Settings;
  clock: () => Date;
  /** New record ids (newId in production; time-ordered UUIDv7). */
  ids: () => string;
};

/** The signed-in user a command runs for; the role was resolved server-side for this call. */
export type Actor = { accountId: string; role: Role };
