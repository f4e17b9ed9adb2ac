// Who is using the page and what they may do: loaded once per user, shared through context.
import { createContext, useContext } from 'react';
import type { CustomField, Me } from './api-types';
import type { LocalUser } from './bridge';

export type Session = {
  me: Me;
  canWrite: boolean;
  canAdmin: boolean;
  /** True outside Jira, in the local runner: shows the user switcher. */
  isLocal: boolean;
  /** Custom fields for both record types, in display order. */
  fields: CustomField[];
  /** Names the page can show for account ids it meets (note authors). */
  people: ReadonlyMap<string, string>;
  localUsers: LocalUser[];
  /** Loads the custom fields again after they changed (settings, an import that created fields). */
  refreshFields(): Promise<void>;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession needs a SessionContext provider above it.');
  return session;
}

/** A readable name for an account id: "You", a known name, or a neutral label. */
export function personName(session: Session, accountId: string): string {
  if (accountId === session.me.accountId) return 'You';
  if (accountId.startsWith('import:')) return 'CSV import';
  return session.people.get(accountId) ?? 'Another user';
}
