// The page shell: loads who the user is and the custom fields, then shows the header and the section tabs.
import { useState } from 'react';
import { call, chooseLocalUser, currentLocalUser, fetchLocalUsers, isInsideJira } from './bridge';
import { AppHeader } from './components/AppHeader';
import { LoadError } from './components/LoadError';
import { Loading } from './components/Loading';
import { SectionTabs } from './components/SectionTabs';
import { useLoader } from './hooks/use-loader';
import { RouterProvider } from './router';
import { openPageHistory, type PageHistory } from './routing';
import { SECTIONS } from './sections';
import { type Session, SessionContext } from './session';

type Started = Omit<Session, 'refreshFields'> & { history: PageHistory };

async function loadSession(): Promise<Started> {
  const isLocal = !isInsideJira();
  const localUsers = isLocal ? await fetchLocalUsers() : [];
  // A user remembered from an older run may no longer exist: fall back to the first one rather than lock the page.
  const firstUser = localUsers[0];
  if (firstUser && !localUsers.some((user) => user.accountId === currentLocalUser())) chooseLocalUser(firstUser.accountId);
  const [me, fields, history] = await Promise.all([call('me', {}), call('fields/list', {}), openPageHistory()]);
  const people = new Map<string, string>(localUsers.map((user) => [user.accountId, user.displayName]));
  people.set(me.accountId, me.displayName);
  return {
    me,
    canWrite: me.role === 'editor' || me.role === 'admin',
    canAdmin: me.role === 'admin',
    isLocal,
    fields,
    people,
    localUsers,
    history,
  };
}

export function App() {
  // Switching the local user starts a fresh session: every list and profile is loaded again with the new role.
  const [sessionKey, setSessionKey] = useState(0);
  const session = useLoader(loadSession, [sessionKey]);

  if (session.error) {
    return (
      <main className="app">
        <LoadError title="The customer directory could not start" message={session.error} onRetry={session.reload} />
      </main>
    );
  }
  if (session.data === null) {
    return (
      <main className="app">
        <Loading label="Loading the customer directory" />
      </main>
    );
  }
  const refreshFields = async () => {
    const fields = await call('fields/list', {});
    session.replace((current) => ({ ...current, fields }));
  };
  const { history, ...started } = session.data;
  const value: Session = { ...started, refreshFields };
  const visible = SECTIONS.filter((section) => section.isVisible?.(value) ?? true);
  return (
    <SessionContext.Provider value={value}>
      <RouterProvider history={history}>
        <main className="app" key={session.data.me.accountId}>
          <AppHeader
            onSwitchUser={(accountId) => {
              chooseLocalUser(accountId);
              setSessionKey((k) => k + 1);
            }}
          />
          <SectionTabs sections={visible} />
        </main>
      </RouterProvider>
    </SessionContext.Provider>
  );
}
