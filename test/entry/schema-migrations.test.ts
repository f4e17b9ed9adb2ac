// Migrations reach every installation: queued on install and major upgrades, run hourly for the minor upgrades that
// send no event, and a user who arrives before they finish is told to try again in a minute.
//
// developer.atlassian.com/platform/forge/versions: "Forge automatically updates all installed apps to the latest minor
// version of their major version (without requiring admin consent)." Life cycle events: "An event with the name
// avi:forge:installed:app is sent when an app has been installed on a site." (ECO-935: apps "currently have to trigger
// Major version upgrades in customer sites to receive lifecycle events.")
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { defineResolvers } from '../../src/entry/resolvers/define-resolvers';
import {
  CONTINUE_AFTER_SECONDS,
  makeSchemaInstalledTrigger,
  makeSchemaMigrationsConsumer,
  makeSchemaMigrationsTrigger,
  type MigrationOutcome,
} from '../../src/entry/scheduled/schema-migrations';
import { forgeSqlEngineWith } from '../support/fake-forge-sql';
import { openWorld, type TestWorld } from '../support/use-case-deps';

const maria = process.env.MARIADB_AVAILABLE === '1' ? describe : describe.skip;

const manifest = z
  .object({
    modules: z.object({
      function: z.array(z.object({ key: z.string(), handler: z.string(), timeoutSeconds: z.number().optional() })),
      trigger: z.array(z.object({ key: z.string(), function: z.string(), events: z.array(z.string()) }).loose()),
      scheduledTrigger: z.array(z.object({ key: z.string(), function: z.string(), interval: z.string() })),
      consumer: z.array(z.object({ key: z.string(), queue: z.string(), function: z.string() })),
    }),
  })
  .parse(load(readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8'))).modules;

const fn = (key: string) => manifest.function.find((f) => f.key === key);

describe('schema migrations in manifest.yml', () => {
  it('queues a run on install and on (major) upgrade from a trigger that does nothing slower', () => {
    const trigger = manifest.trigger.find((t) => t.events.includes('avi:forge:installed:app'));
    expect(trigger?.events).toContain('avi:forge:upgraded:app');
    expect(fn(trigger!.function)?.handler).toBe('index.onAppInstalled');
    const consumer = manifest.consumer.find((c) => c.queue === 'schema-migrations');
    expect(fn(consumer!.function)).toMatchObject({ handler: 'index.processSchemaMigrations', timeoutSeconds: 900 });
  });

  it('runs the migrations every hour, so sites that only took minor versions get them too', () => {
    const hourly = manifest.scheduledTrigger.find((t) => fn(t.function)?.handler === 'index.runMigrations');
    expect(hourly?.interval).toBe('hour');
    expect(fn(hourly!.function)?.timeoutSeconds).toBe(900);
  });
});

// manifest-reference/modules/trigger: the filter's expression — "The app will ignore events filtered out by expression".
describe('the issue-created trigger in manifest.yml', () => {
  it('is filtered to JSM requests, so other new issues never invoke the function', () => {
    const trigger = z
      .array(z.object({ events: z.array(z.string()), filter: z.object({ expression: z.string(), onError: z.string().optional() }).optional() }).loose())
      .parse(manifest.trigger)
      .find((t) => t.events.includes('avi:jira:created:issue'));
    expect(trigger?.filter?.expression).toMatch(/projectTypeKey == 'service_desk'/);
    // An event the expression cannot read still reaches the handler, which decides in one cheap step.
    expect(trigger?.filter?.onError).toBe('RECEIVE_AND_LOG');
  });
});

describe('schema migration handlers', () => {
  const quiet = () => [jest.spyOn(console, 'info').mockImplementation(() => undefined), jest.spyOn(console, 'error').mockImplementation(() => undefined)];
  afterEach(() => jest.restoreAllMocks());

  it('the install trigger only queues a run', async () => {
    quiet();
    const queued: number[] = [];
    await makeSchemaInstalledTrigger(async (delay) => void queued.push(delay))();
    expect(queued).toEqual([0]);
  });

  it('a run that stopped early queues the rest a minute later, when the DDL budget is back', async () => {
    quiet();
    const queued: number[] = [];
    const outcome: MigrationOutcome = { applied: ['a'], pending: ['b'], stoppedBy: 'rate-limited' };
    expect(await makeSchemaMigrationsConsumer(async () => outcome, async (d) => void queued.push(d))({ body: {} })).toEqual({ status: 'done' });
    expect(queued).toEqual([CONTINUE_AFTER_SECONDS]);
  });

  it('a failed run asks Forge to deliver the event again, then leaves it to the hourly trigger', async () => {
    quiet();
    const consumer = makeSchemaMigrationsConsumer(async () => Promise.reject(new Error('boom')), async () => undefined);
    expect(await consumer({ body: {}, retryContext: { retryCount: 0 } })).toEqual({ status: 'retry', afterSeconds: 60, reason: 'failed' });
    expect(await consumer({ body: {}, retryContext: { retryCount: 4 } })).toEqual({ status: 'done' });
  });

  it('the hourly trigger answers the scheduled-trigger response with counts only', async () => {
    quiet();
    const response = await makeSchemaMigrationsTrigger(async () => ({ applied: ['x'], pending: [], stoppedBy: null }))();
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ applied: 1, pending: 0, stoppedBy: 'done' });
  });
});

maria('a resolver called before the migrations have run', () => {
  let world: TestWorld;
  beforeAll(async () => {
    world = await openWorld(forgeSqlEngineWith({ migrate: false }));
  });
  afterAll(() => world.close());

  it('answers SETTING_UP with a sentence that says to try again in a minute, not INTERNAL', async () => {
    const handlers = defineResolvers(world.deps);
    const answer = await handlers['contacts/search']({ payload: { query: 'ada' }, context: { accountId: 'local-viewer' } });
    expect(answer).toEqual({ ok: false, error: { code: 'SETTING_UP', message: expect.stringMatching(/setting up.*try again in a minute/) } });
  });
});
