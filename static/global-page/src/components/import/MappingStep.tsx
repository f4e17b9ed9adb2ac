// Step 2: where each column goes. Starts from the automatic suggestion; a select per column, saved mappings, new fields.
import { NEW_FIELD_TYPES, type DateOrder, type NewFieldType } from '../../../../../src/domain/custom-fields';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useMemo } from 'react';
import { columnLetter, mappingTargetName } from '../../../../../src/import/headers';
import { isParsedError } from '../../../../../src/import/parse';
import { call } from '../../bridge';
import { plural } from '../../format';
import { useLoader } from '../../hooks/use-loader';
import { checkMapping, choicesFromSaved, withChoice, type Draft } from '../../import/draft';
import { newFieldTarget, targetGroups, targetLabel, type TargetGroup, type TargetOption } from '../../import/targets';
import { IgnoredColumnsNotice } from './IgnoredColumns';

const SAMPLE_VALUES = 3;
const MAX_SAMPLE_LENGTH = 40;
const MAX_MAPPING_NAME = 100;

type SavedOption = { label: string; value: string };

export function MappingStep({ draft, onChange, onBack, onNext }: { draft: Draft; onChange: (draft: Draft) => void; onBack: () => void; onNext: () => void }) {
  const saved = useLoader(() => call('import/mappings', {}), []);
  const checked = useMemo(() => checkMapping(draft), [draft]);
  const { headers } = draft.scan;
  const samples = useMemo(() => sampleValues(draft), [draft]);

  const columnIssues = new Map<string, { message: string; severity: string }[]>();
  const general: { message: string; severity: string }[] = [];
  for (const issue of checked.issues) {
    const index = issue.column === undefined ? -1 : headers.findIndex((h, i) => (h.trim() || columnLetter(i)) === issue.column!.trim());
    if (index < 0) general.push(issue);
    else columnIssues.set(String(index), [...(columnIssues.get(String(index)) ?? []), issue]);
  }
  const unknownStill = draft.unknown.filter((header) => {
    const index = headers.indexOf(header);
    return index >= 0 && draft.choices[index] === 'ignore';
  });
  const unrecognised = new Set(headers.flatMap((header, index) => (draft.unknown.includes(header) && draft.choices[index] === 'ignore' ? [columnLetter(index)] : [])));
  const createForUnknown = () => {
    let next = draft;
    for (const header of unknownStill) {
      const target = newFieldTarget(header, draft.fields);
      if (target) next = withChoice(next, headers.indexOf(header), mappingTargetName(target));
    }
    onChange(next);
  };
  const saveAsError = draft.saveAs.trim().length > MAX_MAPPING_NAME ? `A mapping name is at most ${MAX_MAPPING_NAME} characters` : undefined;
  const savedOptions: SavedOption[] = (saved.data ?? []).map((m) => ({ label: m.name, value: m.name }));
  const mappedCount = draft.choices.filter((c) => c !== 'ignore').length;

  return (
    <section aria-labelledby="mapping-heading" className="wizard-panel">
      <div className="wizard-panel-header">
        <div>
          <h3 id="mapping-heading" tabIndex={-1}>Map the columns</h3>
          <p className="muted">
            {draft.file.name}: {plural(headers.length, 'column')}, {mappedCount === headers.length ? 'all' : mappedCount.toLocaleString()} imported. The suggestion comes from the
            column names; change any of them.
          </p>
        </div>
      </div>
      {draft.scan.warnings.map((warning) => (
        <SectionMessage key={warning} appearance="warning">
          <p>{warning}</p>
        </SectionMessage>
      ))}
      <IgnoredColumnsNotice
        columns={checked.ignoredColumns}
        unrecognised={unrecognised}
        actions={
          unknownStill.length > 0 ? (
            <SectionMessageAction onClick={createForUnknown}>
              {unknownStill.length === checked.ignoredColumns.length ? 'Create custom fields for them' : `Create custom fields for the ${plural(unknownStill.length, 'column')} not recognised`}
            </SectionMessageAction>
          ) : undefined
        }
      >
        <p>Their values are left out. To import one, pick a field for it in the table below.</p>
      </IgnoredColumnsNotice>
      {general.length > 0 && (
        <SectionMessage appearance={general.some((i) => i.severity === 'error') ? 'error' : 'warning'} title="Check the mapping" headingLevel="h4">
          <ul className="issue-list">
            {general.map((issue) => (
              <li key={issue.message}>{issue.message}</li>
            ))}
          </ul>
        </SectionMessage>
      )}
      <div className="mapping-tools">
        <div className="form-field">
          <Label htmlFor="saved-mapping">Use a saved mapping</Label>
          <Select<SavedOption, false>
            inputId="saved-mapping"
            options={savedOptions}
            value={null}
            isLoading={saved.loading}
            isDisabled={savedOptions.length === 0}
            placeholder={saved.loading ? 'Loading...' : savedOptions.length === 0 ? 'No saved mappings yet' : 'Pick a mapping'}
            onChange={(option) => {
              const mapping = saved.data?.find((m) => m.name === option?.value);
              if (mapping) onChange({ ...draft, choices: choicesFromSaved(headers, draft.fields, mapping.mapping), saveAs: mapping.name });
            }}
            menuPortalTarget={document.body}
            styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
          />
          {saved.error && <ErrorMessage>{saved.error}</ErrorMessage>}
        </div>
        <div className="form-field">
          <Label htmlFor="save-mapping-as">Save this mapping as</Label>
          <Textfield
            id="save-mapping-as"
            value={draft.saveAs}
            placeholder="Optional, like CRM export"
            isInvalid={saveAsError !== undefined}
            aria-describedby="save-mapping-as-message"
            onChange={(event) => onChange({ ...draft, saveAs: event.currentTarget.value })}
          />
          <div id="save-mapping-as-message">
            {saveAsError ? <ErrorMessage>{saveAsError}</ErrorMessage> : <HelperMessage>Saved when the dry run starts. Saving under an existing name replaces it.</HelperMessage>}
          </div>
        </div>
      </div>
      <div className="table-scroll" role="region" aria-label="Columns of the file" tabIndex={0}>
        <table className="data-table mapping-table">
          <caption className="visually-hidden">Where each column of the file is imported</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Sample values</th>
              <th scope="col">Import into</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((header, index) => (
              <ColumnRow
                key={index}
                index={index}
                header={header}
                samples={samples[index] ?? []}
                value={draft.choices[index] ?? 'ignore'}
                groups={targetGroups(header, draft.fields)}
                unknown={draft.unknown.includes(header)}
                issues={columnIssues.get(String(index)) ?? []}
                onChange={(value) => onChange(withChoice(draft, index, value))}
                newFieldType={isNewField(draft.choices[index] ?? 'ignore', targetGroups(header, draft.fields)) ? (draft.newFieldTypes?.[draft.choices[index]!] ?? 'text') : null}
                onTypeChange={(type) => onChange({ ...draft, newFieldTypes: { ...draft.newFieldTypes, [draft.choices[index]!]: type } })}
                dateOrder={isDateTarget(draft, draft.choices[index] ?? 'ignore') ? (draft.dateOrders?.[header] ?? 'auto') : null}
                onDateOrderChange={(order) => {
                  const rest = Object.fromEntries(Object.entries(draft.dateOrders ?? {}).filter(([h]) => h !== header));
                  onChange({ ...draft, dateOrders: order === 'auto' ? rest : { ...rest, [header]: order } });
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="wizard-actions">
        <Button appearance="subtle" onClick={onBack}>
          Back
        </Button>
        <div className="inline">
          {checked.blocking && <span className="muted">Fix the problems above to go on.</span>}
          <Button appearance="primary" onClick={onNext} isDisabled={checked.blocking || saveAsError !== undefined}>
            Next: preview
          </Button>
        </div>
      </div>
    </section>
  );
}

function ColumnRow({
  index,
  header,
  samples,
  value,
  groups,
  unknown,
  issues,
  onChange,
  newFieldType,
  onTypeChange,
  dateOrder,
  onDateOrderChange,
}: {
  /** How the column writes numeric dates; null when it does not go to a date field. */
  dateOrder: DateOrder | 'auto' | null;
  onDateOrderChange: (order: DateOrder | 'auto') => void;
  /** The type of the field this column creates; null when it goes to an existing field or elsewhere. */
  newFieldType: NewFieldType | null;
  onTypeChange: (type: NewFieldType) => void;
  index: number;
  header: string;
  samples: string[];
  value: string;
  groups: TargetGroup[];
  unknown: boolean;
  issues: { message: string; severity: string }[];
  onChange: (value: string) => void;
}) {
  const selected: TargetOption = groups.flatMap((g) => g.options).find((o) => o.value === value) ?? { label: targetLabel(value, groups), value };
  const inputId = `mapping-column-${index}`;
  const messageId = `${inputId}-message`;
  const name = header.trim() || `Column ${columnLetter(index)}`;
  return (
    <tr className={value === 'ignore' ? 'is-ignored' : undefined}>
      <th scope="row">
        <span className="column-name">
          <span className="column-letter" aria-hidden="true">
            {columnLetter(index)}
          </span>
          <span className="cell-text">{header.trim() || <span className="muted">(no header)</span>}</span>
          {unknown && value === 'ignore' && <Lozenge appearance="moved">Not recognised</Lozenge>}
        </span>
      </th>
      <td>
        {samples.length === 0 ? (
          <span className="muted">(empty in the first rows)</span>
        ) : (
          <span className="sample-values">
            {samples.map((sample, i) => (
              <span key={i} className="sample-value">
                {sample}
              </span>
            ))}
          </span>
        )}
      </td>
      <td className="mapping-select">
        <label htmlFor={inputId} className="visually-hidden">
          Import column {name} into
        </label>
        <Select<TargetOption, false>
          inputId={inputId}
          aria-describedby={issues.length > 0 ? messageId : undefined}
          options={groups}
          value={selected}
          onChange={(option) => option && onChange(option.value)}
          validationState={issues.some((i) => i.severity === 'error') ? 'error' : 'default'}
          spacing="compact"
          menuPortalTarget={document.body}
          styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
        />
        {newFieldType !== null && (
          <label className="inline-field new-field-type">
            <span>Type of the new field</span>
            <select value={newFieldType} onChange={(e) => onTypeChange(e.target.value as NewFieldType)} aria-label={`Type of the new field for column ${name}`}>
              {NEW_FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </label>
        )}
        {dateOrder !== null && (
          <label className="inline-field new-field-type">
            <span>Dates like 03/04/2026 are</span>
            <select value={dateOrder} onChange={(e) => onDateOrderChange(e.target.value as DateOrder | 'auto')} aria-label={`Day and month order of column ${name}`}>
              <option value="auto">Worked out per value</option>
              <option value="dmy">Day first (3 April)</option>
              <option value="mdy">Month first (March 4)</option>
            </select>
          </label>
        )}
        <div id={messageId}>
          {issues.map((issue) =>
            issue.severity === 'error' ? (
              <ErrorMessage key={issue.message}>{issue.message}</ErrorMessage>
            ) : (
              <HelperMessage key={issue.message}>{issue.message}</HelperMessage>
            ),
          )}
        </div>
      </td>
    </tr>
  );
}

const TYPE_LABELS: Record<NewFieldType, string> = { text: 'Text', number: 'Number', date: 'Date', url: 'Web address', email: 'Email', phone: 'Phone' };

/** True when the column goes to a date field: an existing one, or a new one typed as a date. */
function isDateTarget(draft: Draft, value: string): boolean {
  if (draft.newFieldTypes?.[value] === 'date') return true;
  return draft.fields.some((f) => f.type === 'date' && `${f.entity}.custom:${f.name}` === value);
}

/** True when the target is one of the "New ... field" options: the field does not exist yet. */
function isNewField(value: string, groups: TargetGroup[]): boolean {
  return groups.some((g) => g.label === 'New custom field' && g.options.some((o) => o.value === value));
}

/** The first few non-empty values of each column in the sampled rows, shortened. */
function sampleValues(draft: Draft): string[][] {
  const values: string[][] = draft.scan.headers.map(() => []);
  for (const row of draft.scan.sample) {
    if (isParsedError(row)) continue;
    row.cells.forEach((cell, index) => {
      const list = values[index];
      const text = cell.trim();
      if (!list || !text || list.length >= SAMPLE_VALUES || list.includes(text)) return;
      list.push(text.length > MAX_SAMPLE_LENGTH ? `${text.slice(0, MAX_SAMPLE_LENGTH - 1)}…` : text);
    });
  }
  return values;
}
