// The personal-data reporting adapter: checks the API's answer, and turns its failures into an UPSTREAM error.
import { makeForgePrivacy } from '../../../src/adapters/forge/forge-privacy';

const accounts = [
  { accountId: 'account-id-a', updatedAt: '2018-10-25T23:08:51.382Z' },
  { accountId: 'account-id-c', updatedAt: '2018-12-01T02:44:21.020Z' },
];

describe('the Forge personal-data reporting adapter', () => {
  it('passes the accounts on and returns the updates, shaped as the documentation shows them', async () => {
    const sent: unknown[] = [];
    const privacy = makeForgePrivacy(async (list) => {
      sent.push(list);
      return [{ accountId: 'account-id-a', status: 'closed' }, { accountId: 'account-id-c', status: 'updated' }];
    });
    expect(await privacy.report(accounts)).toEqual([
      { accountId: 'account-id-a', status: 'closed' },
      { accountId: 'account-id-c', status: 'updated' },
    ]);
    expect(sent).toEqual([accounts]);
  });

  it('refuses more than 90 accounts per call, so requests are paced one at a time', async () => {
    const privacy = makeForgePrivacy(async () => []);
    const many = Array.from({ length: 91 }, (_, i) => ({ accountId: `a-${i}`, updatedAt: '2026-01-01T00:00:00.000Z' }));
    await expect(privacy.report(many)).rejects.toThrow(RangeError);
  });

  it('answers UPSTREAM when the endpoint fails or answers in another shape', async () => {
    const failing = makeForgePrivacy(async () => Promise.reject({ status: 503 }));
    await expect(failing.report(accounts)).rejects.toMatchObject({ code: 'UPSTREAM', message: expect.stringContaining('503') });
    const odd = makeForgePrivacy(async () => ({ accounts: 'none' }));
    await expect(odd.report(accounts)).rejects.toMatchObject({ code: 'UPSTREAM' });
  });
});
