// The issue's linked contacts (email, companies and roles) and companies, each opening its profile; unlink in one click.
import { Button, EmptyState, Heading, Inline, Link, Lozenge, Stack, Text } from '@forge/react';
import type { IssueLinkedCompany, IssueLinkedContact, IssueLinks, LinkedRecordRef } from '../../contracts/links';
import type { ProfileUrl } from './issue-context';

export type RecordKind = LinkedRecordRef['recordType'];
export type UnlinkTarget = { recordType: RecordKind; id: string; name: string };

type Props = {
  links: IssueLinks;
  profileUrl: ProfileUrl;
  /** Null for read-only callers: no unlink buttons. */
  onUnlink: ((target: UnlinkTarget) => void) | null;
  /** The record being unlinked right now, `<type>:<id>`. */
  busyKey: string | null;
};

export function LinkedRecords({ links, profileUrl, onUnlink, busyKey }: Props) {
  if (links.contacts.length === 0 && links.companies.length === 0) {
    return (
      <EmptyState
        header="No customers linked yet"
        headingLevel={3}
        width="narrow"
        description={
          links.canEdit
            ? `Find a contact or company below to link it to ${links.issue.key}, or create one.`
            : `Nobody has linked a contact or company to ${links.issue.key}.`
        }
      />
    );
  }
  return (
    <Stack space="space.200">
      {links.contacts.length > 0 && (
        <Stack space="space.100">
          <Heading as="h3" size="xsmall">{`Contacts (${links.contacts.length})`}</Heading>
          {links.contacts.map((contact) => (
            <ContactRow key={contact.id} contact={contact} profileUrl={profileUrl} onUnlink={onUnlink} busy={busyKey === `contact:${contact.id}`} />
          ))}
        </Stack>
      )}
      {links.companies.length > 0 && (
        <Stack space="space.100">
          <Heading as="h3" size="xsmall">{`Companies (${links.companies.length})`}</Heading>
          {links.companies.map((company) => (
            <CompanyRow key={company.id} company={company} profileUrl={profileUrl} onUnlink={onUnlink} busy={busyKey === `company:${company.id}`} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function RecordName({ recordType, id, name, profileUrl }: { recordType: RecordKind; id: string; name: string; profileUrl: ProfileUrl }) {
  const href = profileUrl(recordType, id);
  return <Text weight="medium">{href === null ? name : <Link href={href}>{name}</Link>}</Text>;
}

function UnlinkButton({ target, onUnlink, busy }: { target: UnlinkTarget; onUnlink: Props['onUnlink']; busy: boolean }) {
  if (onUnlink === null) return null;
  return (
    <Button appearance="subtle" spacing="compact" iconBefore="unlink" isDisabled={busy} onClick={() => onUnlink(target)}>
      {busy ? 'Unlinking…' : 'Unlink'}
    </Button>
  );
}

function ContactRow({ contact, profileUrl, onUnlink, busy }: { contact: IssueLinkedContact; profileUrl: ProfileUrl; onUnlink: Props['onUnlink']; busy: boolean }) {
  const details = [contact.email, contact.jobTitle].filter((part) => part !== '').join(' · ');
  return (
    <Stack space="space.050">
      <Inline spread="space-between" alignBlock="center">
        <RecordName recordType="contact" id={contact.id} name={contact.displayName} profileUrl={profileUrl} />
        <UnlinkButton target={{ recordType: 'contact', id: contact.id, name: contact.displayName }} onUnlink={onUnlink} busy={busy} />
      </Inline>
      <Text size="small" color="color.text.subtle">{details}</Text>
      {contact.companies.length > 0 && (
        <Inline space="space.100" shouldWrap alignBlock="center">
          {contact.companies.map((membership) => (
            <Inline key={membership.companyId} space="space.050" alignBlock="center">
              <Text size="small">{membership.role ? `${membership.companyName} (${membership.role})` : membership.companyName}</Text>
              {membership.isPrimary && <Lozenge appearance="new">Primary</Lozenge>}
            </Inline>
          ))}
        </Inline>
      )}
    </Stack>
  );
}

function CompanyRow({ company, profileUrl, onUnlink, busy }: { company: IssueLinkedCompany; profileUrl: ProfileUrl; onUnlink: Props['onUnlink']; busy: boolean }) {
  return (
    <Stack space="space.050">
      <Inline spread="space-between" alignBlock="center">
        <RecordName recordType="company" id={company.id} name={company.name} profileUrl={profileUrl} />
        <UnlinkButton target={{ recordType: 'company', id: company.id, name: company.name }} onUnlink={onUnlink} busy={busy} />
      </Inline>
      {company.domains.length > 0 && <Text size="small" color="color.text.subtle">{company.domains.join(', ')}</Text>}
    </Stack>
  );
}
