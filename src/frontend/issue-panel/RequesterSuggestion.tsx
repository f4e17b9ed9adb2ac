// What requester matching found for the issue: link the suggested contact and company, create what is missing, or dismiss.
import { useCallback, useEffect, useState } from 'react';
import { Button, Inline, Label, LoadingButton, SectionMessage, SectionMessageAction, Stack, Text, Textfield } from '@forge/react';
import type { ApiInput, ApiResult, Envelope } from '../../contracts/api';
import type { MatchCandidateView, MatchView } from '../../contracts/matching';
import type { PanelIssue } from './issue-context';
import { messageOf, PanelError } from './panel-api';

export type SuggestionKey = 'matches/get' | 'matches/accept' | 'matches/dismiss';

/** The resolvers this section calls: the bridge's inside Jira, the real resolvers in tests. */
export type SuggestionApi = { [K in SuggestionKey]: (input: ApiInput<K>) => Promise<Envelope<ApiResult<K>>> };

async function request<K extends SuggestionKey>(api: SuggestionApi, key: K, input: ApiInput<K>): Promise<ApiResult<K>> {
  let envelope: Envelope<ApiResult<K>>;
  try {
    const resolver: SuggestionApi[K] = api[key];
    envelope = await resolver(input);
  } catch {
    throw new PanelError({ code: 'UPSTREAM', message: 'The customer directory did not answer. Check your connection and try again.' });
  }
  if (envelope.ok) return envelope.data;
  throw new PanelError(envelope.error);
}

type Props = {
  issue: PanelIssue;
  api: SuggestionApi;
  /** Editors act on suggestions; viewers only read them. */
  canEdit: boolean;
  /** Called after a suggestion was accepted, so the panel shows the new links. */
  onLinked: () => void;
};

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; match: MatchView | null };

/** The values typed into the create form, keyed by candidate. */
type Draft = { key: string; firstName: string; lastName: string; companyName: string; email: string };

/** Jira gave no email for the requester: the proposal is a name only, and the person adds the email. */
const needsEmail = (match: MatchView) => match.proposal !== null && match.proposal.contact.email === '';

const nameOf = (c: MatchCandidateView) => c.contact?.name ?? 'a new contact';

function titleOf(match: MatchView): string {
  // The email is empty when Jira gives none or the admins hid emails from the caller's role: the name stands in.
  const proposed = match.proposal?.contact;
  const email = proposed?.email || [proposed?.firstName, proposed?.lastName].filter(Boolean).join(' ') || undefined;
  switch (match.reason) {
    case 'contact-in-several-companies':
      return `Which company is ${match.candidates[0]?.contact?.name ?? 'the requester'} writing for?`;
    case 'domain-shared':
      return 'Several companies use the requester’s email domain';
    case 'new-contact':
      return `${email ?? 'The requester'} is not in the directory yet`;
    case 'new-contact-and-company':
      return `${email ?? 'The requester'} and their company are new to the directory`;
    default:
      return 'Link the requester?';
  }
}

function candidateLabel(c: MatchCandidateView, match: MatchView): string {
  const proposed = match.proposal?.contact;
  const newContact = proposed?.email || `${[proposed?.firstName, proposed?.lastName].filter(Boolean).join(' ')} (email not available)`.trim();
  const contact = c.contact === null ? newContact : c.contact.email === '' ? c.contact.name : `${c.contact.name} (${c.contact.email})`;
  const company = c.createsCompany ? `new company ${match.proposal?.company?.name ?? ''}`.trim() : c.company?.name;
  return company === undefined ? contact : `${contact} · ${company}`;
}

export function RequesterSuggestion({ issue, api, canEdit, onLinked }: Props) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setLoad({ status: 'ready', match: await request(api, 'matches/get', { issueId: issue.id }) });
    } catch (failure) {
      setLoad({ status: 'failed', message: messageOf(failure) });
    }
  }, [api, issue.id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Nothing to show while loading, for an issue never matched, or once its suggestions are settled.
  if (load.status === 'loading' || (load.status === 'ready' && load.match === null)) return null;
  if (load.status === 'failed') {
    return (
      <SectionMessage appearance="warning" title="The requester suggestion could not be loaded">
        <Text>{load.message}</Text>
      </SectionMessage>
    );
  }
  const match = load.match;
  if (match === null) return null;
  if (match.status === 'no-email') {
    return <Text size="small" color="color.text.subtlest">The requester’s email is not available to the app, so no contact was suggested.</Text>;
  }
  if (match.candidates.length === 0) return null;

  const act = async (key: string, run: () => Promise<MatchView>, linked: boolean) => {
    setBusy(key);
    setError(null);
    try {
      const next = await run();
      setDraft(null);
      setLoad({ status: 'ready', match: next });
      if (linked) onLinked();
    } catch (failure) {
      setError(messageOf(failure));
      // A suggestion changed by someone else is shown as it is now.
      if (failure instanceof PanelError && (failure.code === 'CONFLICT' || failure.code === 'INVALID_INPUT')) void reload();
    } finally {
      setBusy(null);
    }
  };

  const accept = (candidate: MatchCandidateView, values: Draft | null) =>
    act(
      candidate.key,
      () =>
        request(api, 'matches/accept', {
          issueId: issue.id,
          version: match.version,
          key: candidate.key,
          ...(values !== null && candidate.contact === null
            ? { contact: { firstName: values.firstName, lastName: values.lastName, ...(needsEmail(match) ? { email: values.email } : {}) } }
            : {}),
          ...(values !== null && candidate.createsCompany ? { company: { name: values.companyName } } : {}),
        }),
      true,
    );

  const dismiss = (key?: string) =>
    act(key ?? 'all', () => request(api, 'matches/dismiss', { issueId: issue.id, version: match.version, ...(key === undefined ? {} : { key }) }), false);

  const startCreate = (candidate: MatchCandidateView) =>
    setDraft({
      key: candidate.key,
      firstName: match.proposal?.contact.firstName ?? '',
      lastName: match.proposal?.contact.lastName ?? '',
      companyName: match.proposal?.company?.name ?? '',
      email: '',
    });

  const several = match.candidates.length > 1;
  return (
    <SectionMessage
      appearance="discovery"
      title={titleOf(match)}
      actions={
        canEdit
          ? [
              <SectionMessageAction key="dismiss-all" onClick={() => void dismiss()}>
                {several ? 'Dismiss all' : 'Dismiss'}
              </SectionMessageAction>,
            ]
          : []
      }
    >
      <Stack space="space.150">
        {error !== null && <Text color="color.text.danger">{error}</Text>}
        {match.candidates.map((candidate) => {
          const creates = candidate.contact === null || candidate.createsCompany;
          const editing = draft !== null && draft.key === candidate.key;
          return (
            <Stack key={candidate.key} space="space.100">
              <Inline spread="space-between" alignBlock="center" shouldWrap>
                <Text>{candidateLabel(candidate, match)}</Text>
                {canEdit && !editing && (
                  <Inline space="space.100">
                    <LoadingButton
                      appearance="primary"
                      spacing="compact"
                      isLoading={busy === candidate.key}
                      isDisabled={busy !== null}
                      onClick={() => (creates ? startCreate(candidate) : void accept(candidate, null))}
                    >
                      {creates ? 'Create…' : `Link ${nameOf(candidate)}`}
                    </LoadingButton>
                    {several && (
                      <Button appearance="subtle" spacing="compact" isDisabled={busy !== null} onClick={() => void dismiss(candidate.key)}>
                        Dismiss
                      </Button>
                    )}
                  </Inline>
                )}
              </Inline>
              {editing && draft !== null && (
                <CreateForm
                  candidate={candidate}
                  askEmail={needsEmail(match)}
                  draft={draft}
                  busy={busy === candidate.key}
                  onChange={setDraft}
                  onSubmit={() => void accept(candidate, draft)}
                  onCancel={() => setDraft(null)}
                />
              )}
            </Stack>
          );
        })}
        {!canEdit && (
          <Text size="small" color="color.text.subtlest">
            Acting on suggestions needs the editor role; ask an app admin.
          </Text>
        )}
      </Stack>
    </SectionMessage>
  );
}

type FormProps = {
  candidate: MatchCandidateView;
  askEmail: boolean;
  draft: Draft;
  busy: boolean;
  onChange: (draft: Draft) => void;
  onSubmit: () => void;
  onCancel: () => void;
};

/** The proposed values, editable; the email is the requester's and stays as it is, unless Jira gave none. */
function CreateForm({ candidate, askEmail, draft, busy, onChange, onSubmit, onCancel }: FormProps) {
  const text = (id: string, label: string, field: keyof Omit<Draft, 'key'>) => (
    <Stack space="space.050">
      <Label labelFor={id}>{label}</Label>
      <Textfield id={id} name={field} value={draft[field]} onChange={(event) => onChange({ ...draft, [field]: String(event.target.value ?? '') })} />
    </Stack>
  );
  return (
    <Stack space="space.100">
      {candidate.contact === null && askEmail && text('suggested-email', 'Email', 'email')}
      {candidate.contact === null && text('suggested-first-name', 'First name', 'firstName')}
      {candidate.contact === null && text('suggested-last-name', 'Last name', 'lastName')}
      {candidate.createsCompany && text('suggested-company-name', 'Company name', 'companyName')}
      <Inline space="space.100">
        <LoadingButton appearance="primary" isLoading={busy} onClick={onSubmit}>
          Create and link
        </LoadingButton>
        <Button appearance="subtle" isDisabled={busy} onClick={onCancel}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}
