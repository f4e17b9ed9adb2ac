// The Settings tab (admins): roles by Jira group, custom fields, issue matching and history retention.
import { call } from '../../bridge';
import { useLoader } from '../../hooks/use-loader';
import { LoadError } from '../LoadError';
import { Loading } from '../Loading';
import { BackfillForm } from './BackfillForm';
import { CustomFieldsManager } from './CustomFieldsManager';
import { EmailAccessNotice } from './EmailAccessNotice';
import { AuditRetentionForm, AutoMatchForm, RoleMappingForm } from './SettingsForms';
import { VisibilitySettingsCards } from './VisibilitySettings';

export function SettingsSection() {
  const settings = useLoader(() => call('settings/get', {}), []);
  if (settings.error) return <LoadError title="The settings could not be loaded" message={settings.error} onRetry={settings.reload} />;
  if (settings.data === null) return <Loading label="Loading the settings" />;
  const saved = (next: typeof settings.data) => settings.replace(() => next);
  return (
    <div className="section">
      <div className="section-intro">
        <h2 className="section-title">Settings</h2>
        <p className="muted">Only app admins see this tab. Every change is kept in the history.</p>
      </div>
      <div className="settings-stack">
        <EmailAccessNotice />
        <RoleMappingForm initial={settings.data.roleMapping} initialDefaultRole={settings.data.defaultRole} onSaved={saved} />
        <CustomFieldsManager />
        <VisibilitySettingsCards />
        <AutoMatchForm initial={settings.data.autoMatch} onSaved={saved} />
        <BackfillForm />
        <AuditRetentionForm initial={settings.data.auditRetentionDays} onSaved={saved} />
      </div>
    </div>
  );
}
