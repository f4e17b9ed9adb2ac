// The resolver layer: per key, check the caller's role, parse the payload, run the use case, answer with an envelope.
import type { z } from 'zod';
import type { AccessPort } from '../../application/access';
import { addNote } from '../../application/add-note';
import { createCompany } from '../../application/create-company';
import { createContact } from '../../application/create-contact';
import { deleteCompany } from '../../application/delete-company';
import { deleteContact } from '../../application/delete-contact';
import { deleteNote } from '../../application/delete-note';
import { eraseContact } from '../../application/erase-contact';
import { getRecordHistory } from '../../application/get-record-history';
import { listAuditEntries } from '../../application/list-audit-entries';
import { mergeCompanies } from '../../application/merge-companies';
import { mergeContacts } from '../../application/merge-contacts';
import type { Actor, Atomically, Deps } from '../../application/deps';
import { getCompanyProfile } from '../../application/get-company-profile';
import { getContactProfile } from '../../application/get-contact-profile';
import { getCurrentUser } from '../../application/get-current-user';
import { getIssueLinks } from '../../application/get-issue-links';
import { dismissDuplicate, findDuplicateContacts } from '../../application/find-duplicate-contacts';
import { getLinkedWork } from '../../application/get-linked-work';
import { listImportIssues } from '../../application/list-import-issues';
import { linkRecord } from '../../application/link-record';
import { removeMissingLinks } from '../../application/remove-missing-links';
import { searchTypeahead } from '../../application/search-typeahead';
import { unlinkRecord } from '../../application/unlink-record';
import { isPlatformSignal, type WorkPorts } from '../../application/work-items';
import { acceptMatch } from '../../application/matching/accept-match';
import { dismissMatch } from '../../application/matching/dismiss-match';
import { getMatchNotices } from '../../application/matching/email-access';
import { getMatch } from '../../application/matching/match-view';
import { backfillStatus, startBackfill, type MatchingPorts } from '../../application/matching/start-backfill';
import { createField, deleteField, listFields, updateField } from '../../application/manage-custom-fields';
import { removeMembership } from '../../application/remove-membership';
import { searchCompanies } from '../../application/search-companies';
import { searchContacts } from '../../application/search-contacts';
import { setMembership } from '../../application/set-membership';
import {
  exportCommand,
  importErrorsCommand,
  importStatusCommand,
  listImportsCommand,
  listMappingsCommand,
  previewImportCommand,
  queueImportCommand,
  stageRowsCommand,
  startImportCommand,
  undoImportCommand,
  cancelImportCommand,
} from '../../application/import/import-commands';
import type { ImportQueue } from '../../application/import/import-queue';
import { getSettings, updateSettings } from '../../application/settings';
import { getVisibilitySettings, updateVisibilitySettings } from '../../application/visibility-settings';
import { fieldReaderFor } from '../../application/field-access';
import { needsReader, redactResult } from './field-redaction';
import { updateCompany } from '../../application/update-company';
import { updateContact } from '../../application/update-contact';
import { updateNote } from '../../application/update-note';
import { api, RESOLVER_KEYS, type ApiCommand, type ApiError, type ApiInput, type ApiResult, type Envelope, type ResolverKey } from '../../contracts/api';
import { describeProblem, fieldProblems } from '../../contracts/validation';
import { AppError } from '../../domain/errors';
import { can, type Action } from '../../domain/roles';

export type ResolverDeps = Deps & { access: AccessPort; importQueue: ImportQueue; atomically?: Atomically } & WorkPorts & MatchingPorts;

/** What Forge passes a resolver; only `context.accountId` is trusted, and only because Forge sets it. */
export type ResolverRequest = { payload: unknown; context: { accountId?: string } };
export type ResolverHandler<K extends ResolverKey> = (request: ResolverRequest) => Promise<Envelope<ApiResult<K>>>;
export type ResolverHandlers = { [K in ResolverKey]: ResolverHandler<K> };

type UseCase<K extends ResolverKey> = (deps: ResolverDeps, actor: Actor, command: ApiCommand<K>) => Promise<ApiResult<K>>;

// The compiler insists on a use case for every key of the contract.
const useCases: { [K in ResolverKey]: UseCase<K> } = {
  'contacts/search': searchContacts,
  'contacts/get': getContactProfile,
  'contacts/create': createContact,
  'contacts/update': updateContact,
  'contacts/delete': deleteContact,
  'companies/search': searchCompanies,
  'companies/get': getCompanyProfile,
  'companies/create': createCompany,
  'companies/update': updateCompany,
  'companies/delete': deleteCompany,
  'memberships/set': setMembership,
  'memberships/remove': removeMembership,
  'notes/add': addNote,
  'notes/update': updateNote,
  'notes/delete': deleteNote,
  'fields/list': listFields,
  'fields/create': createField,
  'fields/update': updateField,
  'fields/delete': deleteField,
  'settings/get': getSettings,
  'settings/update': updateSettings,
  me: getCurrentUser,
  'import/start': startImportCommand,
  'import/preview': previewImportCommand,
  'import/rows': stageRowsCommand,
  'import/queue': queueImportCommand,
  'import/status': importStatusCommand,
  'import/list': listImportsCommand,
  'import/errors': importErrorsCommand,
  'import/undo': undoImportCommand,
  'import/cancel': cancelImportCommand,
  'import/mappings': listMappingsCommand,
  'export/csv': exportCommand,
  'links/for-issue': getIssueLinks,
  'links/add': linkRecord,
  'links/remove': unlinkRecord,
  'links/work': getLinkedWork,
  'links/remove-missing': removeMissingLinks,
  'directory/typeahead': searchTypeahead,
  'audit/record': getRecordHistory,
  'audit/list': listAuditEntries,
  'contacts/merge': mergeContacts,
  'companies/merge': mergeCompanies,
  'contacts/erase': eraseContact,
  'matches/get': getMatch,
  'matches/accept': acceptMatch,
  'matches/dismiss': dismissMatch,
  'matches/backfill-start': startBackfill,
  'matches/backfill-status': backfillStatus,
  'matches/notices': getMatchNotices,
  'duplicates/contacts': findDuplicateContacts,
  'duplicates/dismiss': dismissDuplicate,
  'import/issues': listImportIssues,
  'visibility/get': getVisibilitySettings,
  'visibility/update': updateVisibilitySettings,
};

// The same contract, seen one key at a time: indexing it with a generic key keeps input and result types paired.
const contract: { [K in ResolverKey]: { input: z.ZodType<ApiCommand<K>, ApiInput<K>>; action: Action } } = api;

const CANNOT: Record<Action, string> = {
  read: 'see the customer directory',
  write: 'change contacts, companies or notes; ask an app admin for the editor role',
  admin: 'change custom fields or app settings, run imports, read the whole audit trail or erase contacts; ask an app admin',
};

export function defineResolvers(deps: ResolverDeps): ResolverHandlers {
  // Object.fromEntries loses the key-to-handler pairing that handlerFor keeps; every key is present by construction.
  return Object.fromEntries(RESOLVER_KEYS.map((key) => [key, handlerFor(key, deps)])) as ResolverHandlers;
}

function handlerFor<K extends ResolverKey>(key: K, deps: ResolverDeps): ResolverHandler<K> {
  const { input, action } = contract[key];
  const run: UseCase<K> = useCases[key];
  return async (request) => {
    try {
      // The role is checked before the payload is read: a caller without the right learns nothing about inputs.
      const actor = await actorFor(deps.access, request.context.accountId);
      if (!can(actor.role, action)) return failure({ code: 'FORBIDDEN', message: `Your role (${actor.role}) cannot ${CANNOT[action]}.` });
      const parsed = input.safeParse(request.payload);
      if (!parsed.success) {
        const problems = fieldProblems(parsed.error);
        const first = problems[0] ?? { field: '', message: 'The request is not valid.' };
        return failure({ code: 'INVALID_INPUT', message: describeProblem(first), details: { field: first.field, problems: problems.slice(0, 20) } });
      }
      // Fields below the caller's role leave no trace in the answer (the admins' field visibility settings). Read before
      // the command runs: nothing may fail after its writes are committed.
      const reader = needsReader(key) ? await fieldReaderFor(deps.settings, actor) : null;
      // A command that writes runs as one unit where the store allows it, so a failure leaves no half-done write.
      const { atomically } = deps;
      const data = action !== 'read' && atomically ? await atomically((ports) => run({ ...deps, ...ports }, actor, parsed.data)) : await run(deps, actor, parsed.data);
      return { ok: true, data: reader ? redactResult(key, data, reader) : data };
    } catch (error) {
      // Forge shows the user its consent screen when this error leaves the function (calls made as the user).
      if (isPlatformSignal(error)) throw error;
      if (error instanceof AppError) return failure({ code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
      logFailure(key, error);
      return failure({ code: 'INTERNAL', message: 'Something went wrong; try again.' });
    }
  };
}

async function actorFor(access: AccessPort, accountId: string | undefined): Promise<Actor> {
  if (typeof accountId !== 'string' || accountId === '') {
    throw new AppError('FORBIDDEN', 'Sign in to Jira to use the customer directory.');
  }
  const role = await access.roleOf(accountId);
  if (role === null) {
    throw new AppError('FORBIDDEN', 'You do not have access to the customer directory; ask a Jira admin to give you product access or a mapped group.');
  }
  return { accountId, role };
}

function failure(error: ApiError): { ok: false; error: ApiError } {
  return { ok: false, error };
}

/** Logs what failed without personal data: error messages can quote stored values, so only names, codes and frames. */
function logFailure(key: ResolverKey, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = error instanceof Error && 'code' in error && (typeof error.code === 'string' || typeof error.code === 'number') ? error.code : undefined;
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8) : [];
  console.error(JSON.stringify({ event: 'resolver-failed', resolver: key, error: name, code, frames }));
}
