// Tells the UI who is signed in: account id, display name and the app role that decides what it offers them.
import type { Me } from '../contracts/api';
import type { AccessPort } from './access';
import type { Actor, Deps } from './deps';

export async function getCurrentUser(deps: Deps & { access: AccessPort }, actor: Actor): Promise<Me> {
  return { accountId: actor.accountId, role: actor.role, displayName: await deps.access.displayNameOf(actor.accountId) };
}
