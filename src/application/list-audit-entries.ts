// The admin's view of the whole audit trail: entries filtered by record, actor, action, import job and time, paged.
import type { AuditPage } from '../contracts/audit';
import type { AuditAction } from '../domain/ports';
import type { Actor, Deps } from './deps';

export type AuditListQuery = {
  recordType?: string;
  recordId?: string;
  actor?: string;
  action?: AuditAction;
  jobId?: string;
  from?: string;
  to?: string;
  after?: string | null;
  limit: number;
};

export async function listAuditEntries(deps: Deps, _actor: Actor, query: AuditListQuery): Promise<AuditPage> {
  const { after, ...filters } = query;
  return deps.store.audit.list({ ...filters, before: after ?? null });
}
