// The resolver layer: payloads are parsed, never trusted; every failure is an envelope with a code and a sentence.
import { RESOLVER_KEYS } from '../../src/contracts/api';
import type { ResolverDeps } from '../../src/entry/resolvers/define-resolvers';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import { makeForgeResolver } from '../../src/entry/resolvers/forge-resolver';
import { openWorld, type TestWorld } from '../support/use-case-deps';

describe('resolvers', () => {
  let world: TestWorld;
  let deps: ResolverDeps;
  beforeEach(async () => {
    world = await openWorld();
    deps = world.deps;
  });
  afterEach(() => world.close());

  const as = (accountId: string | undefined) => ({ context: accountId === undefined ? {} : { accountId } });

  it.each(RESOLVER_KEYS)('%s answers INVALID_INPUT to a payload that is not an object, without throwing', async (key) => {
    const handlers = defineResolvers(deps);
    for (const payload of [42, 'text', null, ['a']]) {
      await expect(handlers[key]({ payload, ...as('local-admin') })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('names the first bad field in the message and lists the problems in the details', async () => {
    const handlers = defineResolvers(deps);
    expect(await handlers['contacts/create']({ payload: { email: 'not an email', phone: 7 }, ...as('local-agent') })).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'email: Enter a valid email address',
        details: {
          field: 'email',
          problems: [
            { field: 'email', message: 'Enter a valid email address' },
            { field: 'phone', message: expect.stringContaining('expected string') },
          ],
        },
      },
    });
    expect(await handlers['contacts/search']({ payload: { limit: 500 }, ...as('local-viewer') })).toMatchObject({
      error: { code: 'INVALID_INPUT', message: 'limit: Ask for at most 100 results per page' },
    });
    expect(await handlers['companies/update']({ payload: { id: 'x' }, ...as('local-agent') })).toMatchObject({
      error: { code: 'INVALID_INPUT', message: 'version: Send the version of the record you edited' },
    });
    expect(await handlers['fields/delete']({ payload: { id: 'x' }, ...as('local-admin') })).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^confirm: Deleting a field removes its value from every record/) },
    });
  });

  it('fills defaults the caller left out', async () => {
    const handlers = defineResolvers(deps);
    const page = await handlers['contacts/search']({ payload: {}, ...as('local-viewer') });
    expect(page).toEqual({ ok: true, data: { items: [], next: null, total: 0 } });
  });

  it('refuses every key to a caller without an account id, and says to sign in', async () => {
    const handlers = defineResolvers(deps);
    for (const key of RESOLVER_KEYS) {
      expect(await handlers[key]({ payload: {}, ...as(undefined) })).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Sign in to Jira to use the customer directory.' },
      });
    }
  });

  it('tells a caller which role they have when it is not enough', async () => {
    const handlers = defineResolvers(deps);
    expect(await handlers['contacts/create']({ payload: { email: 'a@example.org' }, ...as('local-viewer') })).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Your role \(viewer\) cannot change contacts/) },
    });
    expect(await handlers['settings/update']({ payload: {}, ...as('local-agent') })).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Your role \(editor\) cannot change custom fields or app settings/) },
    });
  });

  it('passes a use case error through with its code, sentence and details', async () => {
    const handlers = defineResolvers(deps);
    const created = await handlers['contacts/create']({ payload: { email: 'ada@example.org' }, ...as('local-agent') });
    if (!created.ok) throw new Error(created.error.message);
    expect(await handlers['contacts/create']({ payload: { email: 'ADA@example.org' }, ...as('local-agent') })).toEqual({
      ok: false,
      error: {
        code: 'DUPLICATE',
        message: 'A contact with the email ada@example.org already exists; open it instead of adding another.',
        details: { field: 'email', existingId: created.data.id },
      },
    });
  });

  it('answers INTERNAL to an unexpected failure and logs it without the personal data in its message', async () => {
    const failing: ResolverDeps = {
      ...deps,
      store: {
        ...deps.store,
        contacts: {
          ...deps.store.contacts,
          search: async () => {
            throw new Error("Duplicate entry 'ada@example.org' for key 'email'");
          },
        },
      },
    };
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const result = await defineResolvers(failing)['contacts/search']({ payload: {}, ...as('local-viewer') });
      expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong; try again.' } });
      const logged = log.mock.calls.map((args) => args.join(' ')).join('\n');
      expect(logged).toContain('contacts/search');
      expect(logged).not.toContain('ada@example.org');
    } finally {
      log.mockRestore();
    }
  });

  it('works through the Forge resolver, which takes the account id from the invocation principal', async () => {
    const handler = makeForgeResolver(deps);
    expect(await handler({ call: { functionKey: 'me' }, context: {} }, { principal: { accountId: 'local-agent' } })).toEqual({
      ok: true,
      data: { accountId: 'local-agent', role: 'editor', displayName: 'Local Agent' },
    });
    // A context the browser could fill in is not trusted: without a principal there is no caller.
    expect(await handler({ call: { functionKey: 'me' }, context: { accountId: 'local-admin' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
