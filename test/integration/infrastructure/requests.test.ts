import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { KnowledgeBase } from '../../../src/domain/knowledge-base';
import { loadGeography } from '../../../src/infrastructure/geography';
import { openKnowledgeBase } from '../../../src/infrastructure/knowledge-base';
import { KbHistory, HISTORY_FILE } from '../../../src/infrastructure/kb-history';
import { DocumentCorruptError } from '../../../src/infrastructure/storage/errors';
import { EmailNotifier, Outbox, OUTBOX_FILE, teamsPayload, type NotificationMessage, type Notifier } from '../../../src/infrastructure/notify';
import { MESSAGE, waitFor } from '../../helpers/notify';
import { CONSENT_TEXT_VERSION } from '../../../src/presentation/messages';
import { writeNotification } from '../../../src/presentation/notification';
import { consentText, contactRecordedText } from '../../../src/presentation/text';
import { storeBackends, type StoreLocation } from '../../helpers/stores';
import { RequestStore as FileRequestStore, isContactRequest, isRequestKey, REQUESTS_DIR, type RequestKey } from '../../../src/infrastructure/request-store';
import {
  ContactInputError,
  ContactService,
  findReference,
  formatFrenchPhone,
  normalizeEmail,
  normalizeFrenchPhone,
  REFERENCE_ALPHABET,
  type ContactRequest,
  type ContactSubmission,
  type NewContactRequest,
} from '../../../src/domain/contact';
import { RequestStore, REQUESTS_FILE } from '../../../src/infrastructure/request-store';

const tmpDirs: string[] = [];
function tmp(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

const FIRM = { name: 'Société Fictive Test SAS', contactName: 'Camille Testeur', email: 'camille@example.test', phone: '+33612345678' };

function newRequest(overrides: Partial<NewContactRequest> = {}): NewContactRequest {
  return {
    territory: { id: 'ti-8413', wave: 2023, name: 'Plastics Vallée – Oyonnax' },
    operator: 'bpifrance',
    target: { kind: 'entry-point', operatorName: 'Bpifrance' },
    channel: 'webchat',
    firm: { ...FIRM },
    need: 'Financer une nouvelle ligne de production.',
    consent: { given: true, at: '2026-01-05T10:00:00.000Z', textVersion: 'rgpd-2026-1' },
    locale: 'fr',
    idempotencyKey: `conv-1/dialog-${Math.random()}`,
    ...overrides,
  };
}

describe('contact details', () => {
  it.each`
    raw                       | e164
    ${'06 12 34 56 78'}       | ${'+33612345678'}
    ${'06.12.34.56.78'}       | ${'+33612345678'}
    ${'0612345678'}           | ${'+33612345678'}
    ${'+33 6 12 34 56 78'}    | ${'+33612345678'}
    ${'+33 (0)6 12 34 56 78'} | ${'+33612345678'}
    ${'0033 1 23 45 67 89'}   | ${'+33123456789'}
    ${'01-23-45-67-89'}       | ${'+33123456789'}
    ${'0590 12 34 56'}        | ${'+590590123456'}
    ${'0692 12 34 56'}        | ${'+262692123456'}
    ${'+262 692 12 34 56'}    | ${'+262692123456'}
    ${'06 12 34 56'}          | ${null}
    ${'00 12 34 56 78'}       | ${null}
    ${'+44 20 7946 0958'}     | ${null}
    ${'+262 612 34 56 78'}    | ${null}
    ${'06 12 34 56 78 9'}     | ${null}
    ${'appelez-moi'}          | ${null}
  `('phone "$raw" → $e164', ({ raw, e164 }) => {
    expect(normalizeFrenchPhone(raw)).toBe(e164);
  });

  it('formats E.164 back for reading', () => {
    expect(formatFrenchPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatFrenchPhone('+262692123456')).toBe('06 92 12 34 56');
  });

  it.each`
    raw                              | normalized
    ${'Camille@Example.TEST'}        | ${'camille@example.test'}
    ${' mailto:a.b+c@example.test '} | ${'a.b+c@example.test'}
    ${'<x@sub.example.test>'}        | ${'x@sub.example.test'}
    ${'camille@example'}             | ${null}
    ${'camille example.test'}        | ${null}
    ${'a..b@example.test'}           | ${null}
    ${'@example.test'}               | ${null}
    ${'a@-example.test'}             | ${null}
  `('email "$raw" → $normalized', ({ raw, normalized }) => {
    expect(normalizeEmail(raw)).toBe(normalized);
  });

  it('finds a reference in a sentence, whatever the case and separators', () => {
    expect(findReference('où en est ma demande ti-2026-7kq4m ?')).toBe('TI-2026-7KQ4M');
    expect(findReference('TI 2026 7KQ4M')).toBe('TI-2026-7KQ4M');
    expect(findReference('TI-2026-7KQ4O')).toBeNull(); // O is not in the alphabet
    expect(findReference('rien ici')).toBeNull();
  });
});

describe.each(storeBackends())('RequestStore contract: $name', (backend) => {
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown());
  /** A location several stores (instances, or a restart) can open. */
  const tmp = (_prefix: string) => backend.fresh();
  const RequestStore = {
    open: async (at: StoreLocation, options: { now?: () => Date } = {}) =>
      backend.name === 'file'
        ? FileRequestStore.open(at.dir, options)
        : new FileRequestStore(
            backend.documents<ContactRequest>(at, 'requests', isContactRequest),
            backend.documents<RequestKey>(at, 'request-keys', isRequestKey),
            options.now,
          ),
  };

  it('creates a request with a readable, random reference', async () => {
    const store = await RequestStore.open(tmp('requests-'));
    const { request, created } = await store.create(newRequest());
    expect(created).toBe(true);
    expect(request.reference).toMatch(new RegExp(`^TI-\\d{4}-[${REFERENCE_ALPHABET}]{5}$`));
    expect(request.status).toBe('nouvelle');
    expect(request.history).toEqual([expect.objectContaining({ from: null, to: 'nouvelle' })]);
    expect(await store.get(request.reference)).toEqual(request);
    const refs = await Promise.all(Array.from({ length: 20 }, () => store.create(newRequest())));
    expect(new Set(refs.map((r) => r.request.reference)).size).toBe(20);
  });

  it('two instances on one store: each sees the requests and status changes of the other, and a submission replayed on the other is not stored twice', async () => {
    const at = tmp('requests-');
    const [a, b] = [await RequestStore.open(at), await RequestStore.open(at)];
    const input = newRequest({ idempotencyKey: 'conv-9/contact-dialog-1' });
    const [first, replay] = await Promise.all([a.create(input), b.create(input)]);
    expect([first.created, replay.created].sort()).toEqual([false, true]);
    expect(replay.request.reference).toBe(first.request.reference);
    const other = await b.create(newRequest());
    expect((await a.list()).map((r) => r.reference).sort()).toEqual([first.request.reference, other.request.reference].sort());
    // Concurrent status changes on both instances: neither is lost.
    await Promise.all([a.setStatus(other.request.reference, 'prise en charge', 'admin:a'), b.markDelivered(first.request.reference, 'notifier:webhook')]);
    await b.setStatus(other.request.reference, 'close', 'admin:b');
    expect((await a.get(other.request.reference))!.history.map((h) => h.to)).toEqual(['nouvelle', 'prise en charge', 'close']);
    expect((await a.get(first.request.reference))!.status).toBe('transmise');
  });

  it('is idempotent on the client key, also across a reopen', async () => {
    const dir = tmp('requests-');
    const store = await RequestStore.open(dir);
    const input = newRequest({ idempotencyKey: 'conv-42/contact-dialog-1' });
    const [a, b] = await Promise.all([store.create(input), store.create(input)]);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.request.reference).toBe(a.request.reference);
    const reopened = await RequestStore.open(dir);
    const c = await reopened.create(input);
    expect(c.created).toBe(false);
    expect(c.request.reference).toBe(a.request.reference);
    expect(await reopened.list()).toHaveLength(1);
    const other = await reopened.create(newRequest({ idempotencyKey: 'conv-42/contact-dialog-2' }));
    expect(other.created).toBe(true);
    expect(other.request.reference).not.toBe(a.request.reference);
  });

  it('records status changes with who and when; transmise never undoes prise en charge', async () => {
    const store = await RequestStore.open(tmp('requests-'));
    const { request } = await store.create(newRequest());
    await store.setStatus(request.reference, 'prise en charge', 'admin:alice', 'rappel prévu');
    expect(await store.markDelivered(request.reference, 'notifier:email')).toBe(false);
    const closed = await store.setStatus(request.reference.toLowerCase(), 'close', 'admin:bob');
    expect(closed.status).toBe('close');
    expect(closed.history.map((h) => [h.from, h.to, h.actor])).toEqual([
      [null, 'nouvelle', 'channel:webchat'],
      ['nouvelle', 'prise en charge', 'admin:alice'],
      ['prise en charge', 'close', 'admin:bob'],
    ]);
    expect(closed.history[1]!.note).toBe('rappel prévu');
    await expect(store.setStatus('TI-2026-ZZZZZ', 'close', 'admin')).rejects.toThrow(/No contact request/);
    await expect(store.setStatus(request.reference, 'bogus' as never, 'admin')).rejects.toThrow(/Unknown status/);
  });

  it('finds by contact only for the same requester when a requester key is given', async () => {
    const store = await RequestStore.open(tmp('requests-'));
    await store.create(newRequest({ requesterKey: 'user-a' }));
    await store.create(newRequest({ requesterKey: 'user-b', firm: { ...FIRM, email: 'autre@example.test' } }));
    expect(await store.findByContact('06 12 34 56 78')).toHaveLength(2);
    expect(await store.findByContact('CAMILLE@EXAMPLE.TEST', 'user-a')).toHaveLength(1);
    expect(await store.findByContact('camille@example.test', 'user-b')).toHaveLength(0);
    expect(await store.findByContact('pas un contact')).toHaveLength(0);
  });

  it('purges requests older than the retention period', async () => {
    const dir = tmp('requests-');
    let now = new Date('2026-01-01T00:00:00Z');
    const store = await RequestStore.open(dir, { now: () => now });
    const old = await store.create(newRequest());
    now = new Date('2026-06-01T00:00:00Z');
    const recent = await store.create(newRequest());
    now = new Date('2026-07-01T00:00:00Z');
    const purged = await store.purgeOlderThan(90);
    expect(purged).toEqual([old.request.reference]);
    const reopened = await RequestStore.open(dir);
    expect((await reopened.list()).map((r) => r.reference)).toEqual([recent.request.reference]);
  });

  it('exports and erases one firm by e-mail, phone or name, leaving others', async () => {
    const store = await RequestStore.open(tmp('requests-'));
    await store.create(newRequest());
    await store.create(newRequest({ firm: { name: 'Societe fictive test sas', contactName: 'Autre Personne', phone: '+33612345678' } }));
    const other = await store.create(
      newRequest({ firm: { name: 'Entreprise Imaginaire SARL', contactName: 'Dominique Essai', email: 'dominique@example.test' } }),
    );
    expect(await store.exportFirm('camille@example.test')).toHaveLength(1);
    expect(await store.exportFirm('+33 6 12 34 56 78')).toHaveLength(2);
    const byName = await store.exportFirm('SOCIÉTÉ FICTIVE TEST SAS');
    expect(byName).toHaveLength(2);
    expect(byName[0]).not.toHaveProperty('idempotencyKey');
    const erased = await store.eraseFirm('Société Fictive Test SAS');
    expect(erased).toHaveLength(2);
    expect((await store.list()).map((r) => r.reference)).toEqual([other.request.reference]);
    expect(await store.eraseFirm('nobody@example.test')).toEqual([]);
  });
});

describe('RequestStore on disk', () => {
  it('keeps one 0600 file per request, and no raw idempotency key', async () => {
    const dir = tmp('requests-');
    const store = await RequestStore.open(dir);
    const { request } = await store.create(newRequest({ idempotencyKey: 'conv-1/dialog-x' }));
    const file = path.join(dir, REQUESTS_DIR, `${request.reference}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).value.reference).toBe(request.reference);
    // The raw idempotency key (conversation id) is not stored.
    expect(readFileSync(file, 'utf8')).not.toContain('conv-1/dialog');
  });

  it('moves the requests of an earlier requests.json in, then deletes it; a replayed submission still finds its request', async () => {
    const dir = tmp('requests-');
    const first = await RequestStore.open(tmp('requests-'));
    const input = newRequest({ idempotencyKey: 'conv-5/contact-dialog-1' });
    const { request } = await first.create(input);
    writeFileSync(path.join(dir, REQUESTS_FILE), JSON.stringify({ version: 1, requests: [request] }));
    const store = await RequestStore.open(dir);
    expect(await store.get(request.reference)).toEqual(request);
    expect(await store.create(input)).toMatchObject({ created: false, request: { reference: request.reference } });
    expect(readdirSync(dir).filter((n) => n.startsWith(REQUESTS_FILE))).toEqual([]);
  });
});

/** Just enough SMTP for nodemailer: records each message; can refuse the first `refuse` DATA commands. */
async function smtpSink(refuse = 0): Promise<{ port: number; messages: Array<{ from: string; to: string[]; data: string }>; close: () => Promise<void> }> {
  const messages: Array<{ from: string; to: string[]; data: string }> = [];
  let refused = 0;
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 sink.example.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          if (refused < refuse) {
            refused++;
            socket.write('451 4.3.0 try again later\r\n');
          } else {
            messages.push(current);
            socket.write('250 2.0.0 queued\r\n');
          }
          current = { from: '', to: [], data: '' };
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250-sink.example.test\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') {
          current.from = line;
          socket.write('250 OK\r\n');
        } else if (cmd === 'RCPT') {
          current.to.push(line);
          socket.write('250 OK\r\n');
        } else if (cmd === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'RSET' || cmd === 'NOOP') socket.write('250 OK\r\n');
        else if (cmd === 'QUIT') {
          socket.write('221 bye\r\n');
          socket.end();
        } else socket.write('502 not implemented\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    messages,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('EmailNotifier', () => {
  it('delivers through SMTP, retried by the outbox when the server refuses once', async () => {
    const sink = await smtpSink(1);
    const dir = tmp('outbox-');
    try {
      const email = new EmailNotifier({ smtpUrl: `smtp://127.0.0.1:${sink.port}`, from: 'assistant@example.test', timeoutMs: 2000 });
      const outbox = await Outbox.open(dir, { email }, { baseDelayMs: 10, pollMs: 5 });
      const delivered = waitFor<string>((resolve) => outbox.setOnDelivered((e) => resolve(e.reference)));
      outbox.start();
      await outbox.enqueue('TI-2026-ABCDE', [
        { channel: 'email', primary: true, message: { ...MESSAGE, to: 'referent@example.test', text: 'Corps du message' } },
      ]);
      await delivered;
      await outbox.stop();
      email.close();
      expect((await outbox.list())[0]).toMatchObject({ status: 'sent', attempts: 2 });
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0]!.to.join()).toContain('referent@example.test');
      expect(sink.messages[0]!.data).toMatch(/^X-TI-Reference: TI-2026-ABCDE$/im);
      expect(sink.messages[0]!.data).toContain('Corps du message');
    } finally {
      await sink.close();
    }
  });

  it('never reports the SMTP password in errors', async () => {
    const sink = await smtpSink();
    const port = sink.port;
    await sink.close(); // nothing listens there now
    const email = new EmailNotifier({ smtpUrl: `smtp://user:S3cretPassw0rd@127.0.0.1:${port}`, from: 'assistant@example.test', timeoutMs: 1000 });
    const error = await email.send({ ...MESSAGE, to: 'referent@example.test' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/ECONNREFUSED|e-mail not accepted/);
    expect(error?.message).not.toContain('S3cretPassw0rd');
    email.close();
  });

  it('refuses without retry when there is no recipient at all', async () => {
    const email = new EmailNotifier({ smtpUrl: 'smtp://127.0.0.1:9', from: 'assistant@example.test' });
    await expect(email.send(MESSAGE)).rejects.toMatchObject({ retryable: false });
    email.close();
  });
});

describe('ContactService', () => {
  let kbDir: string;
  let kb: KnowledgeBase;

  beforeAll(async () => {
    kbDir = tmp('kb-');
    cpSync('data/kb', kbDir, { recursive: true });
    kb = await openKnowledgeBase(kbDir, loadGeography());
    // A fictional named referent for Bpifrance in ti-8413 (2023), business france left empty.
    await kb.replace({
      slots: kb.slots().map((s) =>
        s.territoryId === 'ti-8413' && s.wave === 2023 && s.operator === 'bpifrance'
          ? {
              ...s,
              referent: {
                name: 'Alex Fictif',
                role: "chargé d'affaires",
                email: 'alex.fictif@example.test',
                source: 'test fixture',
                verifiedAt: '2026-01-01',
              },
            }
          : s,
      ),
    });
  });

  function submission(overrides: Partial<ContactSubmission> = {}): ContactSubmission {
    return {
      territory: { id: 'ti-8413', wave: 2023 },
      operator: 'bpifrance',
      channel: 'msteams',
      firm: { name: 'Société Fictive Test SAS', contactName: 'Camille Testeur', email: 'camille@example.test' },
      need: 'Financer un nouveau four.',
      consent: { given: true, textVersion: CONSENT_TEXT_VERSION },
      ...overrides,
    };
  }

  async function service(notifiers: Record<string, Notifier>, opsInbox?: string, manualReviewDays?: number) {
    const dir = tmp('state-');
    const store = await RequestStore.open(dir);
    const outbox = await Outbox.open(dir, notifiers, {});
    const options = { kb, store, outbox, writeNotification, retentionDays: 365, opsInbox, ...(manualReviewDays ? { manualReviewDays } : {}) };
    return { store, outbox, contact: new ContactService(options) };
  }

  const recorder = (channel: 'email' | 'webhook') => {
    const sent: NotificationMessage[] = [];
    return { sent, notifier: { channel, send: async (m: NotificationMessage) => void sent.push(m) } as Notifier };
  };

  it("prepares a named target or the operator's national entry point, never an invented address", async () => {
    const { contact } = await service({});
    const named = contact.prepare({ id: 'ti-8413', wave: 2023 }, 'bpifrance');
    expect(named).toMatchObject({ recipient: { kind: 'named', name: 'Alex Fictif', email: 'alex.fictif@example.test' } });
    const entry = contact.prepare({ id: 'ti-8413', wave: 2023 }, 'france-travail');
    expect(entry?.recipient.kind).toBe('entry-point');
    if (entry?.recipient.kind !== 'entry-point') throw new Error('unreachable');
    expect(entry.recipient.entryPoint).toMatchObject({ scope: 'national', phone: '3995' });
    expect(contact.prepare({ id: 'ti-9999', wave: 2023 }, 'bpifrance')).toBeNull();
    const consent = consentText({ locale: 'fr', operatorName: entry.operatorName, target: entry.recipient, retentionDays: 365, privacyContact: '' });
    expect(consent).toMatch(/point d'entrée de l'opérateur, aucun référent n'étant désigné.*conservées 365 jours/s);
  });

  it('submits once per idempotency key, e-mails the named referent and marks the request transmise', async () => {
    const email = recorder('email');
    const { contact, outbox, store } = await service({ email: email.notifier });
    const a = await contact.submit(submission(), 'conv-7/dlg-1');
    const b = await contact.submit(submission(), 'conv-7/dlg-1');
    expect(b).toMatchObject({ reference: a.reference, created: false });
    expect(contactRecordedText(a.reference, a.target, 'fr', a.delivery)).toContain(a.reference);
    expect(email.sent).toHaveLength(0); // nothing sent on the caller's path
    expect(await outbox.list()).toHaveLength(1);
    await outbox.runOnce();
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({ to: 'alex.fictif@example.test', designated: true });
    expect((await store.get(a.reference))?.status).toBe('transmise');
    const [status] = await contact.status(`où en est ${a.reference.toLowerCase()} ?`);
    expect(status).toMatchObject({ reference: a.reference, status: 'transmise', operatorName: 'Bpifrance' });
  });

  it("takes a request from a firm outside every territory, for the operator's entry point of its region", async () => {
    const webhook = recorder('webhook');
    const { contact, outbox, store } = await service({ webhook: webhook.notifier });
    const target = contact.prepare({ regionCode: '53' }, 'france-travail');
    expect(target).toMatchObject({
      territory: null,
      region: { code: '53', name: 'Bretagne' },
      recipient: { kind: 'entry-point', entryPoint: { scope: 'national', phone: '3995' } },
    });
    expect(contact.prepare({ regionCode: '99' }, 'france-travail')).toBeNull();
    const { territory: _territory, ...outside } = submission({ operator: 'france-travail' });
    const result = await contact.submit({ ...outside, regionCode: '53' }, 'conv-out/dlg-1');
    expect(contactRecordedText(result.reference, result.target, 'fr', result.delivery)).toMatch(
      /Votre site n'est dans aucun Territoire d'industrie : elle est adressée à France Travail — France Travail Pro – ligne employeurs, point d'entrée national\. Elle part par envoi automatique/,
    );
    expect(await store.get(result.reference)).toMatchObject({ territory: null, region: { code: '53', name: 'Bretagne' }, target: { kind: 'entry-point' } });
    expect((await contact.status(result.reference))[0]).toMatchObject({ territoryName: 'Bretagne' });
    await outbox.runOnce();
    expect(webhook.sent[0]!.facts).toContainEqual({ title: 'Territoire', value: "Hors Territoire d'industrie (région Bretagne)" });
    expect(webhook.sent[0]!.text).toContain("Cette entreprise n'est dans aucun Territoire d'industrie");
    await expect(contact.submit(outside, 'conv-out/dlg-2')).rejects.toThrow(/territory: a known territory or region is required/);
  });

  it('says "transmise" only once a notifier took the request; without one, that an administrator passes it on, and when', async () => {
    const webhook = recorder('webhook');
    const automatic = await service({ webhook: webhook.notifier });
    const sent = await automatic.contact.submit(submission({ operator: 'france-travail' }), 'conv-d/1');
    expect(sent.delivery).toBe('automatic');
    expect(contactRecordedText(sent.reference, sent.target, 'fr', sent.delivery)).toMatch(
      /Elle part par envoi automatique ; « où en est ma demande \? » vous dira quand elle aura été transmise\./,
    );
    expect((await automatic.contact.status(sent.reference))[0]!.status).toBe('nouvelle');
    await automatic.outbox.runOnce();
    expect((await automatic.contact.status(sent.reference))[0]!.status).toBe('transmise');

    const manual = await service({});
    const kept = await manual.contact.submit(submission({ operator: 'france-travail' }), 'conv-d/2');
    expect(kept.delivery).toBe('manual');
    const text = contactRecordedText(kept.reference, kept.target, 'fr', kept.delivery);
    expect(text).toMatch(
      /Aucun envoi automatique n'est configuré sur cet assistant : un administrateur la transmettra à la main, sans délai garanti\. En attendant, vous pouvez joindre l'opérateur directement \(3995\)\./,
    );
    expect(text).not.toMatch(/transmise à|est transmise/);
    expect(await manual.contact.deliveryReport()).toMatchObject({ channels: [], entryPointRequestsDelivered: false, waiting: 1 });

    const promised = await service({}, undefined, 2);
    const en = await promised.contact.submit(submission({ operator: 'france-travail', locale: 'en' }), 'conv-d/3');
    expect(contactRecordedText(en.reference, en.target, 'en', en.delivery, promised.contact.manualReviewDays)).toMatch(
      /an administrator will pass it on by hand within 2 working days/,
    );

    // E-mail alone reaches a named referent, not a request for an entry point without an operations inbox.
    const email = recorder('email');
    const named = await service({ email: email.notifier });
    expect((await named.contact.submit(submission(), 'conv-d/4')).delivery).toBe('automatic');
    expect((await named.contact.submit(submission({ operator: 'france-travail' }), 'conv-d/5')).delivery).toBe('manual');
    expect(await named.contact.deliveryReport()).toMatchObject({ channels: ['email'], entryPointRequestsDelivered: false, waiting: 2 });
  });

  it('sends a request without named referent to the operations channels, marked as such', async () => {
    const webhook = recorder('webhook');
    const email = recorder('email');
    const { contact, outbox } = await service({ webhook: webhook.notifier, email: email.notifier }, 'ops@example.test');
    const r = await contact.submit(submission({ operator: 'business-france', locale: 'en' }), 'conv-8/dlg-1');
    expect(r.target.recipient.kind).toBe('entry-point');
    expect(contactRecordedText(r.reference, r.target, 'en', r.delivery)).toMatch(/No referent has been designated yet.*It is being sent automatically/);
    await outbox.runOnce();
    expect(webhook.sent[0]).toMatchObject({ designated: false });
    expect(webhook.sent[0]!.subject).toContain('Référent non encore désigné');
    expect(JSON.stringify(teamsPayload(webhook.sent[0]!))).toContain('Référent non encore désigné : à orienter vers le point d’entrée');
    expect(webhook.sent[0]!.text).toContain(`Consentement : donné le `);
    expect(email.sent[0]).toMatchObject({ to: 'ops@example.test', designated: false });
  });

  it('rejects incomplete input and requests without consent, listing every problem', async () => {
    const { contact, store } = await service({});
    const error = await contact
      .submit(
        submission({
          firm: { name: ' ', contactName: 'X', email: 'pas-un-mail', phone: '12' },
          need: '',
          consent: { given: false, textVersion: CONSENT_TEXT_VERSION },
        }),
        'k',
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContactInputError);
    expect((error as ContactInputError).problems.map((p) => p.field).sort()).toEqual(['consent', 'email', 'firmName', 'need', 'phone']);
    expect(await store.list()).toHaveLength(0);
  });

  it('stores normalised contacts and finds them back by contact for the same requester only', async () => {
    const { contact } = await service({});
    const r = await contact.submit(
      submission({ firm: { name: 'Société Fictive Test SAS', contactName: 'Camille', phone: '06 12 34 56 78' }, requesterKey: 'teams-user-1' }),
      'k1',
    );
    expect(await contact.status('+33612345678', { requesterKey: 'teams-user-1' })).toEqual([
      expect.objectContaining({ reference: r.reference, status: 'nouvelle' }),
    ]);
    expect(await contact.status('06 12 34 56 78', { requesterKey: 'someone-else' })).toEqual([]);
    expect(await contact.status('06 12 34 56 78')).toEqual([]);
  });

  it('erasing a firm also removes its queued notifications', async () => {
    const webhook = recorder('webhook');
    const { contact, outbox } = await service({ webhook: webhook.notifier });
    await contact.submit(submission({ operator: 'france-travail' }), 'k2');
    expect(await outbox.list({ status: 'pending' })).toHaveLength(1);
    expect((await contact.eraseFirm('camille@example.test')).references).toHaveLength(1);
    expect(await outbox.list()).toHaveLength(0);
    await outbox.runOnce();
    expect(webhook.sent).toHaveLength(0);
  });
});

describe('stores of contact requests, outbox and knowledge-base history on a damaged file', () => {
  const stores = [
    ['requests', REQUESTS_FILE, (dir: string) => RequestStore.open(dir)],
    ['outbox', OUTBOX_FILE, (dir: string) => Outbox.open(dir, {})],
    ['history', HISTORY_FILE, (dir: string) => KbHistory.open(dir)],
  ] as const;
  const damage = [
    ['null', 'null'],
    ['not JSON', '{"version": 1, "requests": ['],
    ['another document', '{"users": []}'],
    ['a list that is not a list', '{"version": 1, "requests": "x", "entries": "x"}'],
  ] as const;

  it.each(stores.flatMap(([name, file, open]) => damage.map(([label, content]) => [name, label, file, open, content] as const)))(
    '%s store refuses a file holding %s, and leaves it untouched',
    async (_name, _label, file, open, content) => {
      const dir = tmp('damaged-');
      writeFileSync(path.join(dir, file), content);
      const error = await Promise.resolve(open(dir)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentCorruptError);
      expect((error as Error).message).toContain(path.join(dir, file));
      expect(readFileSync(path.join(dir, file), 'utf8')).toBe(content);
    },
  );

  it('history store moves the entries of an earlier kb-history.json in, in their order, and a start interrupted before the file was set aside moves nothing twice', async () => {
    const dir = tmp('history-');
    const entry = (id: string, at: string) => ({
      id,
      at,
      who: 'admin:Alice',
      action: 'slot.replace',
      summary: id,
      changes: [{ key: '2023/ti-8413/bpifrance', before: null, after: null }],
    });
    const legacy = JSON.stringify({
      version: 1,
      entries: [
        entry('older', '2026-01-01T00:00:00.000Z'),
        entry('same-ms-first', '2026-01-02T00:00:00.000Z'),
        entry('same-ms-second', '2026-01-02T00:00:00.000Z'),
      ],
    });
    writeFileSync(path.join(dir, HISTORY_FILE), legacy);
    expect((await (await KbHistory.open(dir)).list()).map((e) => e.id)).toEqual(['same-ms-second', 'same-ms-first', 'older']);
    expect(readFileSync(path.join(dir, `${HISTORY_FILE}.migrated`), 'utf8')).toBe(legacy);
    // As if the process had stopped after moving the entries but before renaming the file.
    writeFileSync(path.join(dir, HISTORY_FILE), legacy);
    expect(await (await KbHistory.open(dir)).list()).toHaveLength(3);
  });

  it.each(stores)('%s store starts empty when its file does not exist yet', async (_name, _file, open) => {
    await expect(Promise.resolve(open(tmp('fresh-')))).resolves.toBeDefined();
  });
});
