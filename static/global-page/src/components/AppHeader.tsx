// The page header: app name, the current user's role, and (locally) the user switcher.
import Lozenge from '@atlaskit/lozenge';
import type { Role } from '../api-types';
import { currentLocalUser } from '../bridge';
import { useSession } from '../session';
import { LocalUserSwitcher } from './LocalUserSwitcher';

const ROLE_LABEL: Record<Role, string> = { admin: 'Admin', editor: 'Editor', viewer: 'Viewer' };

export function AppHeader({ onSwitchUser }: { onSwitchUser: (accountId: string) => void }) {
  const session = useSession();
  return (
    <header className="app-header">
      <div className="app-title">
        <span className="app-logo" aria-hidden="true">
          CD
        </span>
        <h1>Customer directory</h1>
        <Lozenge appearance={session.me.role === 'viewer' ? 'default' : 'success'}>{ROLE_LABEL[session.me.role]}</Lozenge>
      </div>
      {session.isLocal && <LocalUserSwitcher users={session.localUsers} current={currentLocalUser()} onChange={onSwitchUser} />}
    </header>
  );
}
