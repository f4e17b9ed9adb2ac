// "Merge with...": pick the duplicate of the open contact or company, compare the two, and merge it into the open one.
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { AsyncSelect } from '@atlaskit/select';
import { useState } from 'react';
import type { ApiResult, CompanyView, ContactView } from '../api-types';
import { call } from '../bridge';
import { contactName, plural } from '../format';

export type MergeSubject = { type: 'contact'; record: ContactView } | { type: 'company'; record: CompanyView };
export type MergeResult = ApiResult<'contacts/merge'> | ApiResult<'companies/merge'>;

type Option = { label: string; value: string; subject: MergeSubject };

const PICKER_PAGE_SIZE = 20;

function subjectName(subject: MergeSubject): string {
  return subject.type === 'contact' ? contactName(subject.record) : subject.record.name;
}

async function findDuplicates(keep: MergeSubject, text: string): Promise<Option[]> {
  const query = { text: text.trim() || undefined, limit: PICKER_PAGE_SIZE };
  if (keep.type === 'contact') {
    const page = await call('contacts/search', query);
    return page.items
      .filter((c) => c.id !== keep.record.id)
      .map((c) => ({ label: `${contactName(c)} (${c.email})`, value: c.id, subject: { type: 'contact', record: c } }));
  }
  const page = await call('companies/search', query);
  return page.items
    .filter((c) => c.id !== keep.record.id)
    .map((c) => ({ label: c.domains.length > 0 ? `${c.name} (${c.domains.join(', ')})` : c.name, value: c.id, subject: { type: 'company', record: c } }));
}

function optionOf(subject: MergeSubject): Option {
  if (subject.type === 'contact') return { label: `${contactName(subject.record)} (${subject.record.email})`, value: subject.record.id, subject };
  const c = subject.record;
  return { label: c.domains.length > 0 ? `${c.name} (${c.domains.join(', ')})` : c.name, value: c.id, subject };
}

/** The facts a person compares to decide two records are the same, side by side. */
function comparedFacts(subject: MergeSubject): [string, string][] {
  if (subject.type === 'contact') {
    const c = subject.record;
    return [
      ['Name', contactName(c)],
      ['Email', c.email],
      ['Phone', c.phone],
      ['Job title', c.jobTitle],
      ['Companies', c.memberships.map((m) => m.companyName).join(', ')],
    ];
  }
  const c = subject.record;
  return [
    ['Name', c.name],
    ['Domains', c.domains.join(', ')],
    ['Parent company', c.parent?.name ?? ''],
    ['Contacts', c.memberCount.toLocaleString()],
    ['Subsidiaries', c.childCount.toLocaleString()],
  ];
}

export function MergeDialog({
  keep,
  initial,
  onClose,
  onMerged,
}: {
  keep: MergeSubject;
  /** The duplicate already chosen (from the possible-duplicates list); the picker can still change it. */
  initial?: MergeSubject;
  onClose: () => void;
  onMerged: (result: MergeResult, merged: MergeSubject) => void;
}) {
  const [duplicate, setDuplicate] = useState<Option | null>(initial ? optionOf(initial) : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noun = keep.type === 'contact' ? 'contact' : 'company';
  const title = `Merge a duplicate ${noun} into ${subjectName(keep)}`;

  const merge = async () => {
    if (!duplicate) return;
    setBusy(true);
    setError(null);
    try {
      const input = { keepId: keep.record.id, mergeId: duplicate.value, versions: { keep: keep.record.version, merge: duplicate.subject.record.version } };
      const result = keep.type === 'contact' ? await call('contacts/merge', input) : await call('companies/merge', input);
      onMerged(result, duplicate.subject);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The merge failed. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const keepFacts = comparedFacts(keep);
  const otherFacts = duplicate ? comparedFacts(duplicate.subject) : [];
  return (
    <Modal onClose={busy ? undefined : onClose} width="large" label={title}>
      <ModalHeader hasCloseButton>
        <ModalTitle>{title}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div className="dialog-stack">
        <p>
          Pick the duplicate. Its details fill the fields that are empty here, its {keep.type === 'contact' ? 'company memberships' : 'contacts, domains, subsidiaries'}, linked
          issues and notes move here, and then it is deleted. Both histories keep a record of the merge.
        </p>
        <div className="form-field">
          <Label htmlFor="merge-duplicate">Duplicate {noun}</Label>
          <AsyncSelect<Option, false>
            inputId="merge-duplicate"
            loadOptions={(text: string) => findDuplicates(keep, text)}
            defaultOptions
            value={duplicate}
            onChange={(option) => {
              setError(null);
              setDuplicate(option);
            }}
            placeholder={keep.type === 'contact' ? 'Type a name or email' : 'Type a name or domain'}
            noOptionsMessage={({ inputValue }) => (inputValue ? `No ${noun} matches "${inputValue}"` : `No other ${noun === 'contact' ? 'contacts' : 'companies'}`)}
            loadingMessage={() => 'Searching...'}
            isDisabled={busy}
            menuPortalTarget={document.body}
            styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
          />
        </div>
        {duplicate && (
          <div className="table-scroll">
            <table className="data-table compare-table">
              <caption className="visually-hidden">The two records side by side</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Detail</span>
                  </th>
                  <th scope="col">Kept: {subjectName(keep)}</th>
                  <th scope="col">Merged and deleted: {subjectName(duplicate.subject)}</th>
                </tr>
              </thead>
              <tbody>
                {keepFacts.map(([label, value], index) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td>{value || <span className="muted">-</span>}</td>
                    <td>{otherFacts[index]?.[1] || <span className="muted">-</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {keep.type === 'contact' && duplicate && (
          <p className="muted">The kept contact keeps its email address; the other one's stays in the history.</p>
        )}
        {error && (
          <SectionMessage appearance="error">
            <p>{error}</p>
          </SectionMessage>
        )}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose} isDisabled={busy}>
          Cancel
        </Button>
        <Button appearance="danger" onClick={() => void merge()} isDisabled={!duplicate} isLoading={busy}>
          {duplicate ? `Merge and delete ${subjectName(duplicate.subject)}` : 'Merge'}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/** What the merge moved, as one sentence for the profile. */
export function mergeSummary(result: MergeResult, merged: MergeSubject): string {
  const moved = [plural(result.moved.memberships, 'membership'), plural(result.moved.links, 'linked issue'), plural(result.moved.notes, 'note')];
  if ('domains' in result.moved) moved.push(plural(result.moved.domains, 'domain'), plural(result.moved.children, 'subsidiary', 'subsidiaries'));
  return `Merged ${subjectName(merged)} into this ${merged.type}: moved ${moved.join(', ')}.`;
}
