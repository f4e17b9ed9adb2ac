// The issue panel: the issue's customers, and for editors search, link, unlink and create; viewers only read.
import { useCallback, useEffect, useState } from 'react';
import { ModalTransition, SectionMessage, SectionMessageAction, Spinner, Stack, Text } from '@forge/react';
import type { ApiError } from '../../contracts/api';
import type { IssueLinks } from '../../contracts/links';
import { CreateRecordModal } from './CreateRecordModal';
import type { PanelIssue, ProfileUrl } from './issue-context';
import { LinkedRecords, type RecordKind, type UnlinkTarget } from './LinkedRecords';
import { LinkSearch, type LinkRequest } from './LinkSearch';
import { call, messageOf, PanelError, type PanelApi } from './panel-api';
import { RequesterSuggestion, type SuggestionApi } from './RequesterSuggestion';

export type IssuePanelProps = {
  issue: PanelIssue;
  api: PanelApi;
  profileUrl: ProfileUrl;
  /** Search debounce; tests may shorten it. */
  debounceMs?: number;
  /** Requester matching's suggestion for the issue; left out, the section is not shown. */
  suggestions?: SuggestionApi;
};

type Load =
  | { status: 'loading' }
  | { status: 'failed'; code: ApiError['code']; message: string; canConfigure: boolean }
  | { status: 'ready'; links: IssueLinks };

type Notice = { appearance: 'success' | 'error'; title: string; message: string; undo: LinkRequest | null };

export function IssuePanel({ issue, api, profileUrl, debounceMs, suggestions }: IssuePanelProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  /** What is running: 'link' while linking, `<type>:<id>` while that record is unlinked. */
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [creating, setCreating] = useState<{ kind: RecordKind; text: string } | null>(null);

  const reload = useCallback(async () => {
    setLoad({ status: 'loading' });
    try {
      setLoad({ status: 'ready', links: await call(api, 'links/for-issue', { issueId: issue.id }) });
    } catch (error) {
      const code = error instanceof PanelError ? error.code : 'INTERNAL';
      setLoad({ status: 'failed', code, message: messageOf(error), canConfigure: error instanceof PanelError && error.details.canConfigure === true });
    }
  }, [api, issue.id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const target = { type: 'issue' as const, issueId: issue.id, issueKey: issue.key };

  /** Links each request in turn; every answer carries the issue's links, so the list follows without a reload. */
  const linkAll = async (requests: LinkRequest[]): Promise<boolean> => {
    setBusy('link');
    setNotice(null);
    const linked: string[] = [];
    try {
      for (const request of requests) {
        const result = await call(api, 'links/add', { recordType: request.recordType, recordId: request.id, target, alsoCompanyIds: request.alsoCompanyIds });
        if (result.issue !== null) setLoad({ status: 'ready', links: result.issue });
        linked.push(request.name);
      }
      setNotice({ appearance: 'success', title: linked.length === 1 ? `Linked ${linked[0]}` : `Linked ${linked.length} records`, message: '', undo: null });
      return true;
    } catch (error) {
      const title = linked.length === 0 ? 'Nothing was linked' : `Linked ${linked.join(', ')}, then stopped`;
      setNotice({ appearance: 'error', title, message: messageOf(error), undo: null });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const unlink = async (record: UnlinkTarget) => {
    setBusy(`${record.recordType}:${record.id}`);
    setNotice(null);
    try {
      const result = await call(api, 'links/remove', { recordType: record.recordType, recordId: record.id, targetType: 'issue', targetId: issue.id });
      if (result.issue !== null) setLoad({ status: 'ready', links: result.issue });
      setNotice({
        appearance: 'success',
        title: `Unlinked ${record.name}`,
        message: '',
        undo: { recordType: record.recordType, id: record.id, name: record.name, alsoCompanyIds: [] },
      });
    } catch (error) {
      setNotice({ appearance: 'error', title: `${record.name} is still linked`, message: messageOf(error), undo: null });
    } finally {
      setBusy(null);
    }
  };

  if (load.status === 'loading') return <Spinner size="medium" label={`Loading the customers of ${issue.key}`} />;

  // The admins left this project out of the panel's scope: a short note for them, nothing at all for everyone else.
  if (load.status === 'failed' && load.code === 'NOT_ENABLED') {
    if (!load.canConfigure) return null;
    return (
      <SectionMessage appearance="information" title="The customer panel is off for this project">
        <Text>{load.message}</Text>
      </SectionMessage>
    );
  }

  if (load.status === 'failed') {
    return (
      <SectionMessage
        appearance={load.code === 'FORBIDDEN' ? 'warning' : 'error'}
        title={load.code === 'FORBIDDEN' ? 'You cannot see this issue’s customers' : 'The customers could not be loaded'}
        actions={[
          <SectionMessageAction key="retry" onClick={() => void reload()}>
            Try again
          </SectionMessageAction>,
        ]}
      >
        <Text>{load.message}</Text>
      </SectionMessage>
    );
  }

  const { links } = load;
  return (
    <Stack space="space.300">
      {notice !== null && (
        <SectionMessage
          appearance={notice.appearance}
          title={notice.title}
          actions={
            notice.undo === null
              ? []
              : [
                  <SectionMessageAction key="undo" onClick={() => notice.undo !== null && void linkAll([notice.undo])}>
                    Undo
                  </SectionMessageAction>,
                ]
          }
        >
          {notice.message !== '' && <Text>{notice.message}</Text>}
        </SectionMessage>
      )}

      {suggestions !== undefined && <RequesterSuggestion issue={issue} api={suggestions} canEdit={links.canEdit} onLinked={() => void reload()} />}

      <LinkedRecords links={links} profileUrl={profileUrl} onUnlink={links.canEdit ? (record) => void unlink(record) : null} busyKey={busy} />

      {links.canEdit ? (
        <LinkSearch
          api={api}
          links={links}
          onLink={linkAll}
          onCreate={(kind, text) => setCreating({ kind, text })}
          busy={busy !== null}
          debounceMs={debounceMs}
        />
      ) : (
        <Text size="small" color="color.text.subtlest">
          You can see the customers of this issue. Linking them needs the editor role; ask an app admin.
        </Text>
      )}

      <ModalTransition>
        {creating !== null && (
          <CreateRecordModal
            kind={creating.kind}
            initialText={creating.text}
            api={api}
            onLink={(request) => linkAll([request])}
            onClose={() => setCreating(null)}
          />
        )}
      </ModalTransition>
    </Stack>
  );
}
