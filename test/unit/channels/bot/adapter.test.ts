import type { Activity } from 'botbuilder';
import { createAuthentication } from '../../../../src/channels/bot/adapter';

// No app id: authentication is off, as in local mode; the clients are botbuilder's own.
const settings = { microsoftAppId: '', microsoftAppPassword: '', microsoftAppType: 'MultiTenant' as const, microsoftAppTenantId: '' };
const activity = (serviceUrl: string) =>
  ({ type: 'message', channelId: 'webchat', serviceUrl, conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'bot' } }) as Activity;

describe('Bot Framework authentication', () => {
  it('keeps one connector client per service URL and audience across turns, and one user-token client', async () => {
    const auth = createAuthentication(settings);
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:3978/'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:3978/'), '');
    const a = await first.connectorFactory!.create('http://127.0.0.1:3978/', first.audience);
    const b = await second.connectorFactory!.create('http://127.0.0.1:3978/', second.audience);
    expect(b).toBe(a);
    // Concurrent turns share the client being made.
    const [c, d] = await Promise.all([
      first.connectorFactory!.create('http://127.0.0.1:4000/', first.audience),
      second.connectorFactory!.create('http://127.0.0.1:4000/', second.audience),
    ]);
    expect(d).toBe(c);
    expect(c).not.toBe(a);
    expect((c as unknown as { baseUri: string }).baseUri).toBe('http://127.0.0.1:4000/');
    expect(await first.connectorFactory!.create('http://127.0.0.1:3978/', 'https://api.botframework.us')).not.toBe(a);
    expect(await auth.createUserTokenClient(second.claimsIdentity)).toBe(await auth.createUserTokenClient(first.claimsIdentity));
  });
});
