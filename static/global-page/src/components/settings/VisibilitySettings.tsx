// The Visibility settings (admins): which projects' issues show the customer panel, the lowest role that reads email,
// phone and each custom field, and a preview of what each role will see. Each card saves its own part.
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { api } from '../../../../../src/contracts/api';
import type { FieldVisibility, PanelScope, VisibilitySettings } from '../../../../../src/contracts/visibility';
import type { ApiInput, CustomField, Role } from '../../api-types';
import { call } from '../../bridge';
import { useLoader } from '../../hooks/use-loader';
import { useSession } from '../../session';
import { Card } from '../Card';
import { LoadError } from '../LoadError';
import { Loading } from '../Loading';
import { errorAt, failurePathErrors, unplaced, zodPathErrors, type PathErrors } from './problems';

const ROLES: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewers and up' },
  { value: 'editor', label: 'Editors and admins' },
  { value: 'admin', label: 'Admins only' },
];
const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };
const ROLE_NAMES: Record<Role, string> = { viewer: 'Viewer', editor: 'Editor', admin: 'Admin' };

export function VisibilitySettingsCards() {
  // The session's field list follows the custom fields card above, so a field added there gets a row here at once.
  const { fields } = useSession();
  const loaded = useLoader(() => call('visibility/get', {}), []);
  if (loaded.error) return <LoadError title="The visibility settings could not be loaded" message={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === null) return <Loading label="Loading the visibility settings" />;
  const saved = (settings: VisibilitySettings) => loaded.replace(() => settings);
  return (
    <>
      <PanelScopeForm initial={loaded.data.panelScope} onSaved={saved} />
      <FieldVisibilityForm initial={loaded.data.fields} customFields={fields} scope={loaded.data.panelScope} onSaved={saved} />
    </>
  );
}

function useVisibilitySave(onSaved: (settings: VisibilitySettings) => void) {
  const [errors, setErrors] = useState<PathErrors>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = async (patch: ApiInput<'visibility/update'>) => {
    setSaved(false);
    const checked = api['visibility/update'].input.safeParse(patch);
    if (!checked.success) {
      setErrors(zodPathErrors(checked.error));
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      onSaved(await call('visibility/update', patch));
      setSaved(true);
    } catch (failure) {
      setErrors(failurePathErrors(failure));
    } finally {
      setSaving(false);
    }
  };
  return { errors, saving, saved, save, clearSaved: () => setSaved(false) };
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

type ScopeMode = PanelScope['mode'];
const SCOPE_CHOICES: { value: ScopeMode; label: string; hint: string }[] = [
  { value: 'all', label: 'All projects', hint: 'Every issue shows the panel, and requester matching runs wherever it is switched on.' },
  { value: 'service-projects', label: 'Service projects only', hint: 'Jira Service Management requests; software and business projects show nothing.' },
  { value: 'projects', label: 'These projects', hint: 'Only issues of the projects listed below.' },
];

function PanelScopeForm({ initial, onSaved }: { initial: PanelScope; onSaved: (settings: VisibilitySettings) => void }) {
  const [mode, setMode] = useState<ScopeMode>(initial.mode);
  const [keys, setKeys] = useState(initial.mode === 'projects' ? initial.projectKeys.join(', ') : '');
  const { errors, saving, saved, save, clearSaved } = useVisibilitySave(onSaved);
  const keysError = errorAt(errors, 'panelScope');
  const scope = (): ApiInput<'visibility/update'>['panelScope'] =>
    mode === 'projects' ? { mode, projectKeys: keys.split(/[\s,;]+/).filter((k) => k !== '') } : { mode };
  return (
    <Card title="Issue panel projects" wide>
      <form
        noValidate
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save({ panelScope: scope() });
        }}
      >
        <p className="muted">
          Issues outside these projects show no customer data: the server refuses every panel call there, admins see a short note in the panel, everyone else nothing.
        </p>
        <fieldset className="radio-group">
          <legend>Show the customer panel in</legend>
          {SCOPE_CHOICES.map((choice) => {
            const id = `panel-scope-${choice.value}`;
            return (
              <div key={choice.value} className="radio-choice">
                <input
                  id={id}
                  type="radio"
                  name="panel-scope"
                  value={choice.value}
                  checked={mode === choice.value}
                  aria-describedby={`${id}-hint`}
                  onChange={() => {
                    clearSaved();
                    setMode(choice.value);
                  }}
                />
                <label htmlFor={id}>
                  {choice.label}
                  <span id={`${id}-hint`} className="field-hint">
                    {' '}
                    {choice.hint}
                  </span>
                </label>
              </div>
            );
          })}
        </fieldset>
        {mode === 'projects' && (
          <div className="form-field">
            <Label htmlFor="panel-projects">Project keys</Label>
            <Textfield
              id="panel-projects"
              value={keys}
              placeholder="SUP, HELP"
              isInvalid={keysError !== undefined}
              aria-describedby="panel-projects-message"
              onChange={(event) => {
                clearSaved();
                setKeys(event.currentTarget.value);
              }}
            />
            <div id="panel-projects-message">{keysError ? <ErrorMessage>{keysError}</ErrorMessage> : <HelperMessage>Separated by commas.</HelperMessage>}</div>
          </div>
        )}
        <SaveRow saving={saving} saved={saved} errors={errors} placed={['panelScope']} label="Save projects" />
      </form>
    </Card>
  );
}

type Row = { key: string; label: string; role: Role };

function FieldVisibilityForm({ initial, customFields, scope, onSaved }: { initial: FieldVisibility; customFields: CustomField[]; scope: PanelScope; onSaved: (settings: VisibilitySettings) => void }) {
  const [draft, setDraft] = useState<FieldVisibility>(initial);
  const { errors, saving, saved, save, clearSaved } = useVisibilitySave(onSaved);
  const rows: Row[] = [
    { key: 'email', label: 'Email', role: draft.email },
    { key: 'phone', label: 'Phone', role: draft.phone },
    ...customFields.map((f) => ({ key: f.id, label: `${f.name} (${f.entity === 'contact' ? 'contact' : 'company'} field)`, role: draft.custom[f.id] ?? 'viewer' })),
  ];
  const change = (key: string, role: Role) => {
    clearSaved();
    setDraft((current) => (key === 'email' || key === 'phone' ? { ...current, [key]: role } : { ...current, custom: { ...current.custom, [key]: role } }));
  };
  const scopeText = scope.mode === 'all' ? 'all projects' : scope.mode === 'service-projects' ? 'service projects' : scope.projectKeys.join(', ');
  return (
    <Card title="Who reads which field" wide>
      <form
        noValidate
        className="settings-form"
        onSubmit={(event) => {
          event.preventDefault();
          // Only fields that still exist are sent; a rule "viewers and up" is the default and needs no entry.
          const custom = Object.fromEntries(customFields.flatMap((f) => (draft.custom[f.id] && draft.custom[f.id] !== 'viewer' ? [[f.id, draft.custom[f.id]!]] : [])));
          void save({ fields: { email: draft.email, phone: draft.phone, custom } });
        }}
      >
        <p className="muted">
          A field below a person's role is left out everywhere they read customers: profiles, lists and search (they cannot search by it either), the issue panel,
          exports and history. Admins always read everything.
        </p>
        <table className="data-table">
          <caption>Lowest role that reads each field</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Readable by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>
                  <select aria-label={`Who reads ${row.label}`} value={row.role} onChange={(event) => change(row.key, event.currentTarget.value as Role)}>
                    {ROLES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="data-table" aria-label="What each role will see">
          <caption>What each role will see</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              {(['viewer', 'editor', 'admin'] as const).map((role) => (
                <th scope="col" key={role}>
                  {ROLE_NAMES[role]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Issue panel</th>
              {(['viewer', 'editor', 'admin'] as const).map((role) => (
                <td key={role}>{`Shown in ${scopeText}`}</td>
              ))}
            </tr>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {(['viewer', 'editor', 'admin'] as const).map((role) => (
                  <td key={role}>{RANK[role] >= RANK[row.role] ? 'Reads' : 'Hidden'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <SaveRow saving={saving} saved={saved} errors={errors} placed={['fields']} label="Save field visibility" />
      </form>
    </Card>
  );
}
