// The app settings an admin edits: roles by Jira group, issue auto-matching, and how long history is kept. Each card saves its own part.
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { type ReactNode, useState } from 'react';
import { api, type AppSettings } from '../../../../../src/contracts/api';
import { MAX_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS } from '../../../../../src/domain/app-settings';
import type { ApiInput, Role } from '../../api-types';
import { call } from '../../bridge';
import { Card } from '../Card';
import { errorAt, failurePathErrors, unplaced, zodPathErrors, type PathErrors } from './problems';

type Patch = ApiInput<'settings/update'>;

/** Checks `patch` with the contract, sends it, and keeps the problems by path; the saved settings go to `onSaved`. */
function useSettingsSave(onSaved: (settings: AppSettings) => void) {
  const [errors, setErrors] = useState<PathErrors>({});
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const save = async (patch: Patch, localErrors: PathErrors = {}) => {
    setSavedAt(null);
    if (Object.keys(localErrors).length > 0) {
      setErrors(localErrors);
      return;
    }
    const checked = api['settings/update'].input.safeParse(patch);
    if (!checked.success) {
      setErrors(zodPathErrors(checked.error));
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      onSaved(await call('settings/update', patch));
      setSavedAt(Date.now());
    } catch (failure) {
      setErrors(failurePathErrors(failure));
    } finally {
      setSaving(false);
    }
  };
  return { errors, saving, saved: savedAt !== null, save, clearSaved: () => setSavedAt(null) };
}

function SaveRow({ saving, saved, errors, placed, label }: { saving: boolean; saved: boolean; errors: PathErrors; placed: string[]; label: string }) {
  const rest = unplaced(errors, placed);
  return (
    <>
      {rest.length > 0 && (
        <SectionMessage appearance="error">
          {rest.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </SectionMessage>
      )}
      <div className="form-actions">
        <span className="save-status" role="status">
          {saved ? 'Saved.' : ''}
        </span>
        <Button appearance="primary" type="submit" isLoading={saving}>
          {label}
        </Button>
      </div>
    </>
  );
}

function SettingsForm({ title, intro, onSubmit, children }: { title: string; intro: ReactNode; onSubmit: () => void; children: ReactNode }) {
  return (
    <Card title={title} wide>
      <form
        noValidate
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <p className="muted">{intro}</p>
        {children}
      </form>
    </Card>
  );
}

type RoleOption = { label: string; value: Role };
const ROLE_OPTIONS: RoleOption[] = [
  { label: 'Viewer: reads the directory', value: 'viewer' },
  { label: 'Editor: edits contacts and companies', value: 'editor' },
  { label: 'Admin: also imports and changes settings', value: 'admin' },
];

type DefaultRoleOption = { label: string; value: AppSettings['defaultRole'] };
const DEFAULT_ROLE_OPTIONS: DefaultRoleOption[] = [
  { label: 'Viewer: reads the directory (recommended)', value: 'viewer' },
  { label: 'Editor: edits and deletes contacts and companies', value: 'editor' },
];

export function RoleMappingForm({
  initial,
  initialDefaultRole,
  onSaved,
}: {
  initial: AppSettings['roleMapping'];
  initialDefaultRole: AppSettings['defaultRole'];
  onSaved: (settings: AppSettings) => void;
}) {
  const [rows, setRows] = useState(initial.map((row) => ({ ...row })));
  const [defaultRole, setDefaultRole] = useState(initialDefaultRole);
  const { errors, saving, saved, save, clearSaved } = useSettingsSave(onSaved);
  const update = (index: number, change: Partial<(typeof rows)[number]>) => {
    clearSaved();
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  };
  return (
    <SettingsForm
      title="Roles by Jira group"
      intro={
        <>
          Members of a group get its role; someone in several groups gets the highest. People with Jira access in no listed group get the
          default role below. Jira administrators (the Administer Jira global permission) are always admins.
        </>
      }
      onSubmit={() => void save({ roleMapping: rows, defaultRole })}
    >
      <div className="form-field">
        <Label htmlFor="default-role">Role of people with Jira access in no listed group</Label>
        <Select<DefaultRoleOption, false>
          inputId="default-role"
          options={DEFAULT_ROLE_OPTIONS}
          value={DEFAULT_ROLE_OPTIONS.find((o) => o.value === defaultRole) ?? null}
          onChange={(option) => {
            if (!option) return;
            clearSaved();
            setDefaultRole(option.value);
          }}
          validationState={errorAt(errors, 'defaultRole') ? 'error' : 'default'}
          isSearchable={false}
          menuPortalTarget={document.body}
          styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
        />
        {errorAt(errors, 'defaultRole') && <ErrorMessage>{errorAt(errors, 'defaultRole')}</ErrorMessage>}
      </div>
      {rows.length === 0 ? (
        <p className="empty-note">No groups are mapped yet.</p>
      ) : (
        <div className="role-rows" role="group" aria-label="Group roles">
          <div className="role-row role-row-head" aria-hidden="true">
            <span>Jira group</span>
            <span>App role</span>
            <span />
          </div>
          {rows.map((row, index) => {
            const groupError = errorAt(errors, `roleMapping.${index}.group`);
            const roleError = errorAt(errors, `roleMapping.${index}.role`);
            return (
              <div className="role-row" key={index}>
                <div className="form-field">
                  <label htmlFor={`role-group-${index}`} className="visually-hidden">
                    Jira group {index + 1}
                  </label>
                  <Textfield
                    id={`role-group-${index}`}
                    value={row.group}
                    placeholder="like support-agents"
                    isInvalid={groupError !== undefined}
                    aria-describedby={`role-group-${index}-error`}
                    onChange={(event) => update(index, { group: event.currentTarget.value })}
                  />
                  <div id={`role-group-${index}-error`}>{groupError && <ErrorMessage>{groupError}</ErrorMessage>}</div>
                </div>
                <div className="form-field">
                  <label htmlFor={`role-role-${index}`} className="visually-hidden">
                    Role for group {index + 1}
                  </label>
                  <Select<RoleOption, false>
                    inputId={`role-role-${index}`}
                    options={ROLE_OPTIONS}
                    value={ROLE_OPTIONS.find((o) => o.value === row.role) ?? null}
                    onChange={(option) => option && update(index, { role: option.value })}
                    validationState={roleError ? 'error' : 'default'}
                    isSearchable={false}
                    menuPortalTarget={document.body}
                    styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
                  />
                  {roleError && <ErrorMessage>{roleError}</ErrorMessage>}
                </div>
                <Button
                  appearance="subtle"
                  aria-label={`Remove group ${row.group || index + 1}`}
                  onClick={() => {
                    clearSaved();
                    setRows((current) => current.filter((_, i) => i !== index));
                  }}
                >
                  Remove
                </Button>
              </div>
            );
          })}
        </div>
      )}
      <p>
        <Button
          onClick={() => {
            clearSaved();
            setRows((current) => [...current, { group: '', role: 'viewer' }]);
          }}
        >
          Add a group
        </Button>
      </p>
      {errors.roleMapping && <ErrorMessage>{errors.roleMapping}</ErrorMessage>}
      <SaveRow saving={saving} saved={saved} errors={errors} placed={['roleMapping', 'defaultRole']} label="Save roles" />
    </SettingsForm>
  );
}

/** "a.com, b.com" or one per line, as people paste them. */
const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function AutoMatchForm({ initial, onSaved }: { initial: AppSettings['autoMatch']; onSaved: (settings: AppSettings) => void }) {
  const [autoLink, setAutoLink] = useState(initial.autoLink);
  const [domains, setDomains] = useState(initial.extraFreeMailDomains.join('\n'));
  const [projects, setProjects] = useState(initial.projectKeys.join(', '));
  const { errors, saving, saved, save, clearSaved } = useSettingsSave((settings) => {
    setDomains(settings.autoMatch.extraFreeMailDomains.join('\n'));
    setProjects(settings.autoMatch.projectKeys.join(', '));
    onSaved(settings);
  });
  const domainError = errorAt(errors, 'autoMatch.extraFreeMailDomains');
  const projectError = errorAt(errors, 'autoMatch.projectKeys');
  return (
    <SettingsForm
      title="Matching issues to contacts"
      intro="New issues are matched to a contact by the reporter's email, and to a company by the email's domain."
      onSubmit={() => void save({ autoMatch: { autoLink, extraFreeMailDomains: splitList(domains), projectKeys: splitList(projects) } })}
    >
      <label className="checkbox">
        <input
          type="checkbox"
          checked={autoLink}
          onChange={(event) => {
            clearSaved();
            setAutoLink(event.currentTarget.checked);
          }}
        />
        Link a new issue to the matching contact without asking
      </label>
      <p className="field-hint indent">When off, agents see the match as a suggestion on the issue and confirm it.</p>
      <div className="form-grid">
        <div className="form-field">
          <Label htmlFor="free-mail-domains">Extra free-mail domains</Label>
          <TextArea
            id="free-mail-domains"
            value={domains}
            minimumRows={3}
            resize="vertical"
            isInvalid={domainError !== undefined}
            aria-describedby="free-mail-domains-message"
            onChange={(event) => {
              clearSaved();
              setDomains(event.currentTarget.value);
            }}
          />
          <div id="free-mail-domains-message">
            {domainError ? <ErrorMessage>{domainError}</ErrorMessage> : <HelperMessage>One per line. Like gmail.com, these never point to a company.</HelperMessage>}
          </div>
        </div>
        <div className="form-field">
          <Label htmlFor="match-projects">Projects to match</Label>
          <Textfield
            id="match-projects"
            value={projects}
            placeholder="All projects"
            isInvalid={projectError !== undefined}
            aria-describedby="match-projects-message"
            onChange={(event) => {
              clearSaved();
              setProjects(event.currentTarget.value);
            }}
          />
          <div id="match-projects-message">
            {projectError ? <ErrorMessage>{projectError}</ErrorMessage> : <HelperMessage>Project keys separated by commas, like SUP, HELP. Empty matches every project.</HelperMessage>}
          </div>
        </div>
      </div>
      <SaveRow saving={saving} saved={saved} errors={errors} placed={['autoMatch']} label="Save matching" />
    </SettingsForm>
  );
}

export function AuditRetentionForm({ initial, onSaved }: { initial: number; onSaved: (settings: AppSettings) => void }) {
  const [days, setDays] = useState(String(initial));
  const { errors, saving, saved, save, clearSaved } = useSettingsSave(onSaved);
  const error = errorAt(errors, 'auditRetentionDays');
  return (
    <SettingsForm
      title="History"
      intro="Changes to contacts, companies and settings are kept in their history for this long, then removed."
      onSubmit={() => {
        const value = Number(days.trim());
        const notANumber = days.trim() === '' || !Number.isFinite(value);
        void save({ auditRetentionDays: value }, notANumber ? { auditRetentionDays: 'Enter a number of days' } : {});
      }}
    >
      <div className="form-field narrow">
        <Label htmlFor="audit-retention">Keep history for (days)</Label>
        <Textfield
          id="audit-retention"
          type="number"
          inputMode="numeric"
          min={MIN_AUDIT_RETENTION_DAYS}
          max={MAX_AUDIT_RETENTION_DAYS}
          value={days}
          isInvalid={error !== undefined}
          aria-describedby="audit-retention-message"
          onChange={(event) => {
            clearSaved();
            setDays(event.currentTarget.value);
          }}
        />
        <div id="audit-retention-message">
          {error ? (
            <ErrorMessage>{error}</ErrorMessage>
          ) : (
            <HelperMessage>
              Between {MIN_AUDIT_RETENTION_DAYS} and {MAX_AUDIT_RETENTION_DAYS.toLocaleString()} days.
            </HelperMessage>
          )}
        </div>
      </div>
      <SaveRow saving={saving} saved={saved} errors={errors} placed={['auditRetentionDays']} label="Save history setting" />
    </SettingsForm>
  );
}
