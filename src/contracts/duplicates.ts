// The possible-duplicates part of the resolver API: pairs of contacts that are probably the same person, and dismissing one.
import { z } from 'zod';
import type { DuplicateReason } from '../domain/duplicates';
import type { Id } from '../domain/records';
import { idSchema } from '../domain/schemas';

export type { DuplicateReason } from '../domain/duplicates';

export const DUPLICATE_PAIRS_LIMIT = 50;

export const duplicatesApi = {
  'duplicates/contacts': {
    input: z.object({ limit: z.number().int('A page size is a whole number').min(1, 'Ask for at least 1 pair').max(DUPLICATE_PAIRS_LIMIT, `Ask for at most ${DUPLICATE_PAIRS_LIMIT} pairs`).default(DUPLICATE_PAIRS_LIMIT) }),
    action: 'read',
  },
  'duplicates/dismiss': {
    input: z
      .object({ contactIds: z.tuple([idSchema, idSchema], { error: 'Send the two contact ids of the pair' }) })
      .refine((d) => d.contactIds[0] !== d.contactIds[1], { message: 'A pair is two different contacts', path: ['contactIds'] }),
    action: 'write',
  },
} as const;

export type DuplicateContact = { id: Id; displayName: string; email: string; phone: string; companies: string[]; version: number };

export type DuplicatePair = {
  key: string;
  contacts: [DuplicateContact, DuplicateContact];
  reasons: DuplicateReason[];
  /** The company both belong to, when the reason is the same name there. */
  sharedCompany: string | null;
};

export type DuplicatePairs = {
  pairs: DuplicatePair[];
  /** Contacts compared; a directory larger than the scan bound, or with very many dismissed pairs, is compared in part (`truncated`). */
  scanned: number;
  truncated: boolean;
};

export type DuplicatesResults = {
  'duplicates/contacts': DuplicatePairs;
  'duplicates/dismiss': { dismissed: true };
};
