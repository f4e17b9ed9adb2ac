// Local runner only: act as one of the sample users to see the page as an admin, an editor or a viewer.
import Select from '@atlaskit/select';
import type { LocalUser } from '../bridge';

type Option = { label: string; value: string };

export function LocalUserSwitcher({ users, current, onChange }: { users: LocalUser[]; current: string; onChange: (accountId: string) => void }) {
  const options: Option[] = users.map((user) => ({ label: `${user.displayName} (${user.role})`, value: user.accountId }));
  return (
    <div className="app-user">
      <label htmlFor="local-user">Local user</label>
      <div className="user-select">
        <Select<Option, false>
          inputId="local-user"
          options={options}
          value={options.find((o) => o.value === current) ?? null}
          onChange={(option) => option && onChange(option.value)}
          isSearchable={false}
          spacing="compact"
        />
      </div>
    </div>
  );
}
