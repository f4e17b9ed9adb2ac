// Wires every SQL repository over one engine into the Store the use cases take.
import type { Store } from '../../domain/ports';
import { makeAccountReferences } from './account-store';
import { makeCompanies, makeContacts, makeMemberships } from './directory-store';
import type { SqlEngine } from './engine';
import { makeAuditGaps } from './audit-gap-store';
import { makeErasure } from './erasure-store';
import { makeImportJobs } from './import-store';
import { makeIssueMatches } from './issue-match-store';
import { makeAuditLog, makeCustomFields, makeLinks, makeLocks, makeNotes } from './record-store';

export function makeSqlStore(engine: SqlEngine): Store {
  return {
    contacts: makeContacts(engine),
    companies: makeCompanies(engine),
    memberships: makeMemberships(engine),
    links: makeLinks(engine),
    notes: makeNotes(engine),
    fields: makeCustomFields(engine),
    audit: makeAuditLog(engine),
    locks: makeLocks(engine),
    importJobs: makeImportJobs(engine),
    accounts: makeAccountReferences(engine),
    issueMatches: makeIssueMatches(engine),
    erasure: makeErasure(engine),
    auditGaps: makeAuditGaps(engine),
    ...(engine.grouped ? { grouped: engine.grouped } : {}),
    sqlMs: () => engine.counter.snapshot().sqlMs,
  };
}
