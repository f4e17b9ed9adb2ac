// Random and hostile payloads sent to every resolver as an admin: always an envelope, never a throw, and a refused
// call leaves every table as it was.
import fc from 'fast-check';
import { z } from 'zod';
import { createCompany } from '../../src/application/create-company';
import { createContact } from '../../src/application/create-contact';
import { setMembership } from '../../src/application/set-membership';
import { api, RESOLVER_KEYS, type ResolverKey } from '../../src/contracts/api';
import { companyInputSchema, contactInputSchema } from '../../src/domain/schemas';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { snapshotTables } from '../support/table-snapshot';
import { admin, openWorld, type TestWorld } from '../support/use-case-deps';

const RUNS_PER_KEY = 15;

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string().min(1), message: z.string().min(1), details: z.record(z.string(), z.unknown()).optional() }).strict() }).strict(),
]);

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { a: value, id: 'x' };
  return value;
}

const MEGABYTE = 'x'.repeat(1024 * 1024);
const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Values no resolver expects: wrong types, sizes past every limit, prototype tricks. */
const hostile: unknown[] = [
  null,
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  MEGABYTE,
  `${MEGABYTE}@example.org`,
  ' '.repeat(100_000),
  '\u0000\uFFFF\uD800',
  "'; DROP TABLE contacts; --",
  '%_\\',
  nested(10_000),
  Array.from({ length: 10_000 }, (_, i) => `item-${i}`),
  Array.from({ length: 10_000 }, () => ({ row: 1, line: 2, cells: ['a'] })),
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  Object.create(null),
  { toString: 'not a function', valueOf: 42 },
  [null, undefined, Number.NaN],
  new Date(Number.NaN),
  () => 'a function',
  Symbol('symbol'),
  10n ** 30n,
];

/** The top-level field names of a key's input schema, so hostile values land where a real value is read. */
function fieldNames(schema: z.core.$ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return fieldNames(schema.in);
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return fieldNames(schema.unwrap());
  return [];
}

function payloads(key: ResolverKey): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...hostile) },
    { weight: 2, arbitrary: fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withSparseArray: true, withTypedArray: true }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.integer() },
  );
  const names = [...fieldNames(api[key].input), ...DANGEROUS_KEYS];
  const fieldKey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
  // Object.fromEntries defines "__proto__" as an own key, as JSON.parse does for a payload off the wire.
  const object = fc.array(fc.tuple(fieldKey, value), { maxLength: 8 }).map((entries) => Object.fromEntries(entries));
  return fc.oneof({ weight: 3, arbitrary: object }, { weight: 1, arbitrary: value });
}

function examplesFor(key: ResolverKey): [unknown][] {
  const names = fieldNames(api[key].input);
  return hostile.flatMap((value): [unknown][] => [[value], [Object.fromEntries([...names, ...DANGEROUS_KEYS].map((name) => [name, value]))]]);
}

/** Waits for the background work a successful call may have queued, so it cannot land in the next comparison. */
async function settle(world: TestWorld): Promise<void> {
  for (const port of Object.values(world.deps)) {
    if (typeof port === 'object' && port !== null && 'idle' in port && typeof port.idle === 'function') await port.idle();
  }
}

describe('hostile payloads', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld();
    const { deps } = world;
    const contact = await createContact(deps, admin, contactInputSchema.parse({ email: 'ada@example.org', firstName: 'Ada' }));
    const company = await createCompany(deps, admin, companyInputSchema.parse({ name: 'Acme', domains: ['acme.com'] }));
    await setMembership(deps, admin, { contactId: contact.id, companyId: company.id, role: 'User' });
  });
  afterAll(async () => {
    await settle(world);
    await world.close();
  });

  it.each(RESOLVER_KEYS)('%s answers every payload with an envelope, and a refusal writes nothing', async (key) => {
    const handler = defineResolvers(world.deps)[key];
    const examples = examplesFor(key);
    await fc.assert(
      fc.asyncProperty(payloads(key), async (payload) => {
        const before = await snapshotTables(world.engine);
        let answer: unknown;
        try {
          answer = await handler({ payload, context: { accountId: 'local-admin' } });
        } catch (error) {
          throw new Error(`${key} threw instead of answering: ${error instanceof Error ? error.message : String(error)}`);
        }
        await settle(world);
        const envelope = envelopeSchema.parse(answer);
        if (!envelope.ok) expect(await snapshotTables(world.engine)).toEqual(before);
      }),
      // Every hostile value is sent at least once, whole and in every field; the random runs come on top.
      // (fast-check counts examples within numRuns.)
      { numRuns: examples.length + RUNS_PER_KEY, examples },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.keys({})).toEqual([]);
  }, 120_000);
});
