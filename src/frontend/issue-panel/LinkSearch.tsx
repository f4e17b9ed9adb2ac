// Search-as-you-type over contacts and companies, pick several, link them at once (a contact's primary company too).
import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, Heading, Inline, Label, Lozenge, SectionMessage, Spinner, Stack, Text, Textfield } from '@forge/react';
import type { IssueLinks, Typeahead } from '../../contracts/links';
import type { RecordKind } from './LinkedRecords';
import { call, messageOf, type PanelApi } from './panel-api';

/** Wait this long after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 300;

export type LinkRequest = { recordType: RecordKind; id: string; name: string; alsoCompanyIds: string[] };

type Selected = { recordType: RecordKind; id: string; name: string; primaryCompany: { id: string; name: string } | null };

type SearchState =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; text: string; results: Typeahead }
  | { status: 'error'; message: string };

type Props = {
  api: PanelApi;
  links: IssueLinks;
  /** Links the requests; resolves true when all of them were linked. */
  onLink: (requests: LinkRequest[]) => Promise<boolean>;
  onCreate: (kind: RecordKind, text: string) => void;
  busy: boolean;
  debounceMs?: number;
};

const keyOf = (recordType: RecordKind, id: string) => `${recordType}:${id}`;

export function LinkSearch({ api, links, onLink, onCreate, busy, debounceMs = SEARCH_DEBOUNCE_MS }: Props) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState<SearchState>({ status: 'idle' });
  const [selected, setSelected] = useState<Selected[]>([]);
  // Primary companies are offered checked; these are the contacts whose offer the user turned down.
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef(0);

  useEffect(() => {
    const query = text.trim();
    const request = ++latest.current;
    if (query === '') {
      setSearch({ status: 'idle' });
      return undefined;
    }
    const timer = setTimeout(() => {
      setSearch({ status: 'searching' });
      call(api, 'directory/typeahead', { text: query }).then(
        (results) => {
          // An answer to an older query that arrives late must not replace the newer one.
          if (request === latest.current) setSearch({ status: 'done', text: query, results });
        },
        (error: unknown) => {
          if (request === latest.current) setSearch({ status: 'error', message: messageOf(error) });
        },
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [text, api, debounceMs]);

  const linkedKeys = new Set([...links.contacts.map((c) => keyOf('contact', c.id)), ...links.companies.map((c) => keyOf('company', c.id))]);
  const selectedKeys = new Set(selected.map((s) => keyOf(s.recordType, s.id)));

  const toggle = (item: Selected, checked: boolean) => {
    setSelected((current) => {
      const others = current.filter((s) => keyOf(s.recordType, s.id) !== keyOf(item.recordType, item.id));
      return checked ? [...others, item] : others;
    });
  };

  /** The primary company each selected contact would bring along, unless it is linked, picked itself, or declined. */
  const offers = selected.flatMap((s) => {
    const company = s.primaryCompany;
    if (s.recordType !== 'contact' || company === null) return [];
    if (linkedKeys.has(keyOf('company', company.id)) || selectedKeys.has(keyOf('company', company.id))) return [];
    return [{ contactId: s.id, company }];
  });

  const submit = async () => {
    const requests: LinkRequest[] = selected.map((s) => {
      const offer = offers.find((o) => o.contactId === s.id);
      const also = offer && !declined.has(s.id) ? [offer.company.id] : [];
      return { recordType: s.recordType, id: s.id, name: s.name, alsoCompanyIds: also };
    });
    if (await onLink(requests)) {
      setSelected([]);
      setDeclined(new Set());
      setText('');
    }
  };

  return (
    <Stack space="space.150">
      <Heading as="h3" size="xsmall">Link a customer</Heading>
      <Stack space="space.050">
        <Label labelFor="customer-search">Find a contact or company</Label>
        <Textfield
          id="customer-search"
          name="customer-search"
          placeholder="Name, email or domain"
          value={text}
          onChange={(event) => setText(String(event.target.value ?? ''))}
        />
      </Stack>

      {search.status === 'searching' && <Spinner size="small" label="Searching the directory" />}
      {search.status === 'error' && (
        <SectionMessage appearance="error" title="The search did not work">
          <Text>{search.message}</Text>
        </SectionMessage>
      )}
      {search.status === 'done' && (
        <Results
          results={search.results}
          text={search.text}
          linkedKeys={linkedKeys}
          selectedKeys={selectedKeys}
          onToggle={toggle}
          onCreate={onCreate}
          busy={busy}
        />
      )}

      {offers.length > 0 && (
        <Stack space="space.050">
          {offers.map((offer) => (
            <Checkbox
              key={offer.contactId}
              name={`also-${offer.contactId}`}
              label={`Also link ${offer.company.name} (primary company of ${selected.find((s) => s.id === offer.contactId)?.name ?? 'the contact'})`}
              isChecked={!declined.has(offer.contactId)}
              onChange={(event) =>
                setDeclined((current) => {
                  const next = new Set(current);
                  if (event.target.checked === true) next.delete(offer.contactId);
                  else next.add(offer.contactId);
                  return next;
                })
              }
            />
          ))}
        </Stack>
      )}

      {selected.length > 0 && (
        <Inline space="space.100" alignBlock="center">
          <Button appearance="primary" isDisabled={busy} onClick={() => void submit()}>
            {busy ? 'Linking…' : selected.length === 1 ? `Link ${selected[0]!.name}` : `Link ${selected.length} records`}
          </Button>
          <Button appearance="subtle" isDisabled={busy} onClick={() => setSelected([])}>
            Clear selection
          </Button>
        </Inline>
      )}
    </Stack>
  );
}

type ResultsProps = {
  results: Typeahead;
  text: string;
  linkedKeys: ReadonlySet<string>;
  selectedKeys: ReadonlySet<string>;
  onToggle: (item: Selected, checked: boolean) => void;
  onCreate: (kind: RecordKind, text: string) => void;
  busy: boolean;
};

function Results({ results, text, linkedKeys, selectedKeys, onToggle, onCreate, busy }: ResultsProps) {
  const createButtons = (
    <Inline space="space.100">
      <Button iconBefore="add" isDisabled={busy} onClick={() => onCreate('contact', text)}>
        New contact
      </Button>
      <Button iconBefore="add" isDisabled={busy} onClick={() => onCreate('company', text)}>
        New company
      </Button>
    </Inline>
  );
  if (results.contacts.length === 0 && results.companies.length === 0) {
    return (
      <Stack space="space.100">
        <Text>{`No contact or company matches “${text}”.`}</Text>
        {createButtons}
      </Stack>
    );
  }
  const row = (item: Selected, label: string) => {
    const key = keyOf(item.recordType, item.id);
    if (linkedKeys.has(key)) {
      return (
        <Inline key={key} space="space.100" alignBlock="center">
          <Text>{label}</Text>
          <Lozenge appearance="success">Linked</Lozenge>
        </Inline>
      );
    }
    return <Checkbox key={key} name={key} label={label} isChecked={selectedKeys.has(key)} isDisabled={busy} onChange={(event) => onToggle(item, event.target.checked === true)} />;
  };
  return (
    <Stack space="space.100">
      {results.contacts.length > 0 && (
        <Stack space="space.050">
          <Text weight="medium">Contacts</Text>
          {results.contacts.map((c) =>
            row(
              { recordType: 'contact', id: c.id, name: c.displayName, primaryCompany: c.primaryCompany },
              // A contact without a name shows its email as its name; say it once.
              [c.displayName, c.email === c.displayName ? '' : c.email, c.primaryCompany?.name ?? ''].filter((part) => part !== '').join(' · '),
            ),
          )}
        </Stack>
      )}
      {results.companies.length > 0 && (
        <Stack space="space.050">
          <Text weight="medium">Companies</Text>
          {results.companies.map((c) =>
            row({ recordType: 'company', id: c.id, name: c.name, primaryCompany: null }, c.domains.length > 0 ? `${c.name} · ${c.domains.slice(0, 2).join(', ')}` : c.name),
          )}
        </Stack>
      )}
      {createButtons}
    </Stack>
  );
}
