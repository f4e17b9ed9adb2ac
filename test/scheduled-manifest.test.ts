// The manifest schedules audit retention daily and personal-data reporting weekly, within Forge's five scheduled triggers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';

const manifest = z
  .object({
    modules: z.object({
      scheduledTrigger: z.array(z.object({ key: z.string(), function: z.string(), interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) })),
      function: z.array(z.object({ key: z.string(), handler: z.string(), timeoutSeconds: z.number().optional() })),
    }),
  })
  .parse(load(readFileSync(path.resolve(__dirname, '../manifest.yml'), 'utf8')));

describe('scheduled triggers in manifest.yml', () => {
  const scheduled = (handler: string) => {
    const fn = manifest.modules.function.find((f) => f.handler === handler);
    return { fn, trigger: manifest.modules.scheduledTrigger.find((t) => t.function === fn?.key) };
  };

  it('prunes the audit trail every day with index.pruneAudit', () => {
    expect(scheduled('index.pruneAudit').trigger?.interval).toBe('day');
  });

  it('reports personal data every week with index.reportPersonalData, with the longest timeout', () => {
    const { fn, trigger } = scheduled('index.reportPersonalData');
    expect(trigger?.interval).toBe('week');
    expect(fn?.timeoutSeconds).toBe(900);
  });

  it('stays within the five scheduled triggers an app may declare', () => {
    expect(manifest.modules.scheduledTrigger.length).toBeLessThanOrEqual(5);
  });
});
