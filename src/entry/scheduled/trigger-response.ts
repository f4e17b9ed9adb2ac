// What a scheduled trigger function answers the platform: a web-trigger style response, logged without personal data.

/** The response shape Forge expects from a scheduled trigger function (anything else is recorded as a 424). */
export type TriggerResponse = { statusCode: number; headers: Record<string, string[]>; body: string };

/**
 * Runs one scheduled job: its summary (counts only) is logged and returned; a failure is logged by name and code,
 * never by message, since messages can quote stored values. The platform does not retry: the next schedule does.
 */
export async function runScheduled(event: string, job: () => Promise<Record<string, number | string | boolean>>): Promise<TriggerResponse> {
  try {
    const summary = await job();
    console.info(JSON.stringify({ event, ...summary }));
    return { statusCode: 200, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(summary) };
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    console.error(JSON.stringify({ event: `${event}-failed`, error: name, code }));
    return { statusCode: 500, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify({ error: name, code }) };
  }
}
