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

/**
 * Runs a command's writes as one unit where the store can (SQLite: one transaction; a failure rolls all of it back).
 * Forge SQL has no transactions: there the command's own ordering and the audit repair step keep records and history
 * in step.
 */
export type Atomically = <T>(work: (ports: AtomicPorts) => Promise<T>) => Promise<T>;

/** The ports a unit of work must use instead of the outer ones (a port on the same connection would wait for it). */
export type AtomicPorts = { store: Store; settings?: Settings };

/** The signed-in user a command runs for; the role was resolved server-side for this call. */
export type Actor = { accountId: string; role: Role };
