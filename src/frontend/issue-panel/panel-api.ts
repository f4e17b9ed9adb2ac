// How the issue panel calls its resolvers: one typed function per key (the bridge's, or a test's), envelopes to data or errors.
import { z } from 'zod';
import type { ApiError, ApiInput, ApiResult, Envelope } from '../../contracts/api';

/** The resolver keys the panel calls; a section added to the panel adds its keys here. */
export type PanelKey = 'links/for-issue' | 'links/add' | 'links/remove' | 'directory/typeahead' | 'contacts/create' | 'companies/create';

/**
 * The panel's resolvers, one typed function per key: over `makeInvoke<ResolverDefs>()` inside Jira, over the real
 * resolvers in tests.
 */
export type PanelApi = { [K in PanelKey]: (input: ApiInput<K>) => Promise<Envelope<ApiResult<K>>> };

/** A resolver answered `{ ok: false }`, or could not be reached: the code and sentence to show, and any details. */
export class PanelError extends Error {
  readonly code: ApiError['code'];
  readonly details: Record<string, unknown>;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'PanelError';
    this.code = error.code;
    this.details = error.details ?? {};
  }
}

/** Calls `key` and returns its data; a failure becomes a PanelError with the backend's code and sentence. */
export async function call<K extends PanelKey>(api: PanelApi, key: K, input: ApiInput<K>): Promise<ApiResult<K>> {
  let envelope: Envelope<ApiResult<K>>;
  try {
    const resolver: PanelApi[K] = api[key];
    envelope = await resolver(input);
  } catch {
    throw new PanelError({ code: 'UPSTREAM', message: 'The customer directory did not answer. Check your connection and try again.' });
  }
  if (envelope.ok) return envelope.data;
  throw new PanelError(envelope.error);
}

/** The sentence for any failure, whatever threw it. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong; try again.';
}

const duplicateContactSchema = z.object({ field: z.literal('email'), existingId: z.string().min(1) });
const duplicateDomainSchema = z.object({ field: z.literal('domains'), companyId: z.string().min(1), companyName: z.string() });
const fieldProblemSchema = z.object({ field: z.string().min(1) });

/** The existing contact a DUPLICATE email answer points at. */
export function existingContactOf(error: unknown): string | null {
  if (!(error instanceof PanelError) || error.code !== 'DUPLICATE') return null;
  const details = duplicateContactSchema.safeParse(error.details);
  return details.success ? details.data.existingId : null;
}

/** The company that already owns a domain, from a DUPLICATE domain answer. */
export function existingCompanyOf(error: unknown): { id: string; name: string } | null {
  if (!(error instanceof PanelError) || error.code !== 'DUPLICATE') return null;
  const details = duplicateDomainSchema.safeParse(error.details);
  return details.success ? { id: details.data.companyId, name: details.data.companyName } : null;
}

/** The field an INVALID_INPUT answer names, so the form can show the message beside it. */
export function fieldOf(error: unknown): string | null {
  if (!(error instanceof PanelError) || error.code !== 'INVALID_INPUT') return null;
  const details = fieldProblemSchema.safeParse(error.details);
  return details.success ? details.data.field : null;
}
