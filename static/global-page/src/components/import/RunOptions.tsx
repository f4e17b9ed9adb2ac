// The import's options as radio groups: how existing records are updated, memberships added or synced, missing records.
import type { RunOptions } from '../../import/draft';

type Choice<K extends keyof RunOptions> = { value: RunOptions[K]; label: string; hint: string };

const GROUPS: { [K in keyof RunOptions]: { legend: string; choices: Choice<K>[] } } = {
  mode: {
    legend: 'Existing contacts and companies',
    choices: [
      { value: 'overwrite', label: 'Update their fields from the file', hint: 'Blank cells never erase stored values.' },
      { value: 'fill-empty', label: 'Only fill fields that are empty', hint: 'Values already stored are kept as they are.' },
    ],
  },
  memberships: {
    legend: 'Company memberships',
    choices: [
      { value: 'add', label: 'Add the memberships in the file', hint: "A contact's other memberships stay." },
      { value: 'sync', label: 'Make memberships match the file', hint: 'Memberships of contacts in the file that the file does not list are removed.' },
    ],
  },
  missing: {
    legend: 'Records that are not in the file',
    choices: [
      { value: 'ignore', label: 'Leave them out of the report', hint: 'Nothing is deleted either way.' },
      { value: 'report', label: 'List them in the report', hint: 'Useful to find records the source system no longer has.' },
    ],
  },
};

export function RunOptionsForm({ options, disabled, onChange }: { options: RunOptions; disabled: boolean; onChange: (options: RunOptions) => void }) {
  return (
    <div className="run-options">
      <OptionGroup name="mode" options={options} disabled={disabled} onChange={onChange} />
      <OptionGroup name="memberships" options={options} disabled={disabled} onChange={onChange} />
      <OptionGroup name="missing" options={options} disabled={disabled} onChange={onChange} />
    </div>
  );
}

function OptionGroup<K extends keyof RunOptions>({ name, options, disabled, onChange }: { name: K; options: RunOptions; disabled: boolean; onChange: (options: RunOptions) => void }) {
  const group = GROUPS[name];
  return (
    <fieldset className="radio-group" disabled={disabled}>
      <legend>{group.legend}</legend>
      {group.choices.map((choice) => {
        const id = `import-${name}-${choice.value}`;
        return (
          <div key={choice.value} className="radio-choice">
            <input
              id={id}
              type="radio"
              name={`import-${name}`}
              value={choice.value}
              checked={options[name] === choice.value}
              aria-describedby={`${id}-hint`}
              onChange={() => onChange({ ...options, [name]: choice.value })}
            />
            <label htmlFor={id}>
              <span className="radio-label">{choice.label}</span>
              <span id={`${id}-hint`} className="radio-hint">
                {choice.hint}
              </span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
