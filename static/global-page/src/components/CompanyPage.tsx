// A company's profile: details, domains, parent and subsidiaries, its contacts with their roles, and notes.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import { call } from '../bridge';
import { formatDate, plural } from '../format';
import { useLoader } from '../hooks/use-loader';
import type { OpenRecord } from '../navigation';
import { useViewHeading } from '../router';
import { useSession } from '../session';
import { Card } from './Card';
import { CompanyEditModal } from './CompanyEditModal';
import { CompanyMembers } from './CompanyMembers';
import { CompanySubsidiaries } from './CompanySubsidiaries';
import { CustomFieldsCard } from './CustomFieldsCard';
import { DetailList } from './DetailList';
import { ExportButton } from './ExportButton';
import { HistoryCard } from './HistoryCard';
import { CompanyDangerZone } from './admin/RecordDangerZone';
import { LinkedWorkCard } from './LinkedWorkCard';
import { LoadError } from './LoadError';
import { Loading } from './Loading';
import { MergeDialog, mergeSummary } from './MergeDialog';
import { NotesCard } from './NotesCard';
import { RecordLink } from './RecordLink';

export function CompanyPage({
  id,
  onOpen,
  onChanged,
  onNamed,
  onGone,
}: {
  id: string;
  onOpen: OpenRecord;
  onChanged: () => void;
  onNamed?: (name: string) => void;
  /** The record was deleted or erased here; the message says what went. */
  onGone?: (message: string) => void;
}) {
  const { canWrite } = useSession();
  const profile = useLoader(() => call('companies/get', { id }), [id]);
  const heading = useViewHeading<HTMLHeadingElement>({ section: 'companies', id }, profile.data !== null);
  const loadedName = profile.data ? profile.data.company.name : null;
  useEffect(() => {
    if (loadedName !== null) onNamed?.(loadedName);
  }, [loadedName, onNamed]);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [mergeNotice, setMergeNotice] = useState<string | null>(null);

  if (profile.error) return <LoadError title="This company could not be loaded" message={profile.error} onRetry={profile.reload} />;
  if (profile.data === null) return <Loading label="Loading company" />;
  const { company, children, contacts, notes } = profile.data;

  return (
    <article aria-labelledby="company-heading">
      <header className="profile-header">
        <div>
          <h2 id="company-heading" ref={heading} tabIndex={-1}>{company.name}</h2>
          <p className="profile-subtitle">
            {plural(company.memberCount, 'contact')} · {plural(company.childCount, 'subsidiary', 'subsidiaries')}
          </p>
        </div>
        <div className="row-actions">
          <ExportButton label="Export contacts" filter={{ companyId: company.id }} fileStem="company-contacts" />
          {canWrite && <Button onClick={() => setMerging(true)}>Merge with...</Button>}
          {canWrite && (
            <Button appearance="primary" onClick={() => setEditing(true)}>
              Edit company
            </Button>
          )}
        </div>
      </header>
      {mergeNotice && (
        <div className="profile-notice">
          <SectionMessage appearance="success" isDismissible onDismiss={() => setMergeNotice(null)}>
            <p>{mergeNotice}</p>
          </SectionMessage>
        </div>
      )}
      <div className="profile-grid">
        <Card title="Details">
          <DetailList
            label="Company details"
            details={[
              { label: 'Name', value: company.name },
              {
                label: 'Domains',
                value: company.domains.length > 0 && (
                  <span className="tags">
                    {company.domains.map((domain) => (
                      <Lozenge key={domain}>{domain}</Lozenge>
                    ))}
                  </span>
                ),
              },
              {
                label: 'Parent company',
                value: company.parent && (
                  <RecordLink target={{ type: 'company', id: company.parent.id, label: company.parent.name }} onOpen={onOpen}>
                    {company.parent.name}
                  </RecordLink>
                ),
              },
              { label: 'Added', value: formatDate(company.createdAt) },
              { label: 'Last updated', value: formatDate(company.updatedAt) },
            ]}
          />
        </Card>
        <CustomFieldsCard entity="company" values={company.custom} />
        <CompanyMembers members={contacts} total={company.memberCount} onOpen={onOpen} />
        <CompanySubsidiaries companies={children} total={company.childCount} onOpen={onOpen} />
        <LinkedWorkCard recordType="company" recordId={company.id} recordName={company.name} />
        <NotesCard recordType="company" recordId={company.id} notes={notes} onChange={(next) => profile.replace((current) => ({ ...current, notes: next }))} />
        <HistoryCard
          recordType="company"
          recordId={company.id}
          refreshKey={`${company.version}:${company.memberCount}:${notes.length}`}
          names={
            new Map([
              ...contacts.map((c) => [c.contactId, c.displayName] as const),
              ...children.map((c) => [c.id, c.name] as const),
              ...(company.parent ? [[company.parent.id, company.parent.name] as const] : []),
            ])
          }
        />
        <CompanyDangerZone company={company} onGone={(message) => onGone?.(message)} />
      </div>
      <ModalTransition>
        {editing && (
          <CompanyEditModal
            company={company}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              profile.reload(); // the parent, children and counts may all have moved
              onChanged();
            }}
          />
        )}
        {merging && (
          <MergeDialog
            keep={{ type: 'company', record: company }}
            onClose={() => setMerging(false)}
            onMerged={(result, merged) => {
              setMerging(false);
              setMergeNotice(mergeSummary(result, merged));
              profile.reload();
              onChanged();
            }}
          />
        )}
      </ModalTransition>
    </article>
  );
}
