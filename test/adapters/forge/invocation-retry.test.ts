// A handler's "try again later" becomes the InvocationError that Forge reads from triggers and queue consumers.
import { InvocationErrorCode } from '@forge/events';
import { toForgeResult } from '../../../src/adapters/forge/invocation-retry';

describe('toForgeResult', () => {
  it('returns nothing when the event is done', () => {
    expect(toForgeResult({ status: 'done' })).toBeUndefined();
  });

  it('asks for a retry with the wait and the reason Forge knows', () => {
    expect(JSON.parse(JSON.stringify(toForgeResult({ status: 'retry', afterSeconds: 20, reason: 'rate-limited' })))).toEqual({
      _retry: true,
      retryOptions: { retryAfter: 20, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED },
    });
    expect(toForgeResult({ status: 'retry', afterSeconds: 60, reason: 'failed' })).toMatchObject({
      retryOptions: { retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST },
    });
  });

  it('keeps the wait within the 1 to 900 s Forge accepts', () => {
    expect(toForgeResult({ status: 'retry', afterSeconds: 3600, reason: 'failed' })).toMatchObject({ retryOptions: { retryAfter: 900 } });
    expect(toForgeResult({ status: 'retry', afterSeconds: 0, reason: 'failed' })).toMatchObject({ retryOptions: { retryAfter: 1 } });
  });
});
