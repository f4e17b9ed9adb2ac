// The contacts of a company with their role there; the primary contact relationship is flagged.
import Lozenge from '@atlaskit/lozenge';
import type { CompanyMemberView } from '../api-types';
import { plural } from '../format';
import type { OpenRecord } from '../navigation';
import { Card } from './Card';
import { RecordLink } from './RecordLink';

export function CompanyMembers({ members, total, onOpen }: { members: CompanyMemberView[]; total: number; onOpen: OpenRecord }) {
  return (
    <Card title="Contacts" actions={total > members.length ? <span className="muted">Showing {members.length} of {plural(total, 'contact')}</span> : undefined}>
      {members.length === 0 ? (
        <p className="muted">No contacts belong to this company yet. Add one from a contact's profile.</p>
      ) : (
        <ul className="plain-list row-list" aria-label="Company contacts">
          {members.map((member) => (
            <li key={member.contactId}>
              <div className="row-main">
                <span className="inline">
                  <RecordLink target={{ type: 'contact', id: member.contactId, label: member.displayName }} onOpen={onOpen}>
                    {member.displayName}
                  </RecordLink>
                  {member.isPrimary && <Lozenge appearance="inprogress">Primary</Lozenge>}
                </span>
                <span className="cell-secondary">{[member.role || 'No role given', member.jobTitle].filter(Boolean).join(' · ')}</span>
              </div>
              <span className="cell-secondary">{member.email}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
