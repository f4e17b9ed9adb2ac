// The daily scheduled trigger that applies the audit retention setting.
import type { Deps } from '../../application/deps';
import { pruneAudit } from '../../application/prune-audit';
import { runScheduled, type TriggerResponse } from './trigger-response';

export function makePruneAuditTrigger(deps: () => Pick<Deps, 'store' | 'settings' | 'clock'>): () => Promise<TriggerResponse> {
  return () => runScheduled('audit-pruned', () => pruneAudit(deps()));
}
