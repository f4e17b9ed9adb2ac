// The daily scheduled trigger that repairs history entries a killed process never wrote, then applies the retention setting.
import type { Deps } from '../../application/deps';
import { pruneAudit } from '../../application/prune-audit';
import { repairAuditTrail } from '../../application/repair-audit-trail';
import { runScheduled, type TriggerResponse } from './trigger-response';

export function makePruneAuditTrigger(deps: () => Pick<Deps, 'store' | 'settings' | 'clock'>): () => Promise<TriggerResponse> {
  return () =>
    runScheduled('audit-pruned', async () => {
      // Forge SQL has no transactions: records left without their entry get it here (see repair-audit-trail.ts).
      const repaired = await repairAuditTrail(deps());
      const pruned = await pruneAudit(deps());
      return { ...pruned, repairedContacts: repaired.contacts, repairedCompanies: repaired.companies, repairedMemberships: repaired.memberships };
    });
}
