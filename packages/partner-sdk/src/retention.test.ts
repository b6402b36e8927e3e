import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConsentReceipt } from '@sdt/grants';
import { GrantBook, type GrantCopy } from './GrantBook.ts';
import { GrantExpiredError } from './GrantExpiredError.ts';
import { GrantRevokedError } from './GrantRevokedError.ts';
import { RetentionStore } from './RetentionStore.ts';

const POD = 'https://pod.example/alice/';
const ALICE = `${POD}profile/card#me`;

function receipt(
  status: ConsentReceipt['consentStatus'],
  name: string,
  created: string,
  extra: Partial<ConsentReceipt> = {},
): ConsentReceipt {
  return {
    iri: `${POD}grants/receipts/${name}-${status}#receipt`,
    identifier: `${name}-${status}`,
    created,
    dataSubject: ALICE,
    dataController: 'https://partner.example/profile/card#me',
    recipients: ['https://partner.example/profile/card#me'],
    purpose: 'https://w3id.org/dpv#ServiceProvision',
    legalBasis: 'https://w3id.org/dpv#Consent',
    personalData: [],
    categories: ['household', 'income'],
    consentStatus: status,
    answers: `${POD}grants/requests/${name}#request`,
    location: `https://partner.example/inbox/${name}-${status}`,
    ...(status === 'refused'
      ? {}
      : {
          grant: `${POD}grants/${name}#grant`,
          validFrom: '2026-11-01T00:00:00.000Z',
          validUntil: '2026-12-01T00:00:00.000Z',
        }),
    ...extra,
  };
}

describe('the grant book', () => {
  it('builds grant copies from approvals and marks them revoked on withdrawal, once', () => {
    const book = new GrantBook();
    expect(book.apply([receipt('given', 'r1', '2026-11-01T00:00:00.000Z')])).toEqual([]);
    const grant = book.grantFor(ALICE, new Date('2026-11-10T00:00:00Z'))!;
    expect(grant.podUrl).toBe(POD);
    expect(GrantBook.stateAt(grant, new Date('2026-11-10T00:00:00Z'))).toBe('active');
    expect(GrantBook.stateAt(grant, new Date('2026-12-01T00:00:00Z'))).toBe('expired');
    const revoked = book.apply([
      receipt('given', 'r1', '2026-11-01T00:00:00.000Z'),
      receipt('withdrawn', 'r1', '2026-11-05T00:00:00.000Z'),
    ]);
    expect(revoked.map((g) => g.iri)).toEqual([`${POD}grants/r1#grant`]);
    expect(book.apply([receipt('withdrawn', 'r1', '2026-11-05T00:00:00.000Z')])).toEqual([]);
    expect(GrantBook.stateAt(book.get(`${POD}grants/r1#grant`)!, new Date('2026-11-10T00:00:00Z'))).toBe('revoked');
  });

  it('prefers an active grant covering the category over an older revoked one', () => {
    const book = new GrantBook();
    book.apply([
      receipt('given', 'r1', '2026-10-01T00:00:00.000Z', { validFrom: '2026-10-01T00:00:00.000Z' }),
      receipt('withdrawn', 'r1', '2026-10-02T00:00:00.000Z'),
    ]);
    book.apply([receipt('given', 'r2', '2026-11-01T00:00:00.000Z')]);
    expect(book.grantFor(ALICE, new Date('2026-11-10T00:00:00Z'), 'income')?.iri).toBe(`${POD}grants/r2#grant`);
  });

  it('counts requests and grants by state without naming anyone', () => {
    const book = new GrantBook();
    book.recordSent(`${POD}inbox/r1#request`, ALICE);
    book.recordSent(`${POD}inbox/r2#request`, ALICE);
    book.recordSent(`${POD}inbox/r3#request`, ALICE);
    book.apply([
      receipt('given', 'r1', '2026-11-01T00:00:00.000Z'),
      receipt('refused', 'r2', '2026-11-01T00:00:00.000Z'),
    ]);
    expect(book.counts(new Date('2026-11-10T00:00:00Z'))).toEqual({
      pending: 1,
      active: 1,
      expired: 0,
      revoked: 0,
      refused: 1,
    });
    expect(book.counts(new Date('2026-12-10T00:00:00Z'))).toMatchObject({ active: 0, expired: 1 });
  });
});

describe('pending requests after a grant ended', () => {
  it('counts only requests sent after the end of the last grant', () => {
    const book = new GrantBook();
    book.recordSent(`${POD}inbox/r1#request`, ALICE, '2026-11-01T00:00:00.000Z');
    book.apply([
      receipt('given', 'r1', '2026-11-01T00:00:00.000Z'),
      receipt('withdrawn', 'r1', '2026-11-05T00:00:00.000Z'),
    ]);
    expect(book.hasPendingSince(ALICE, '2026-11-05T00:00:00.000Z')).toBe(false);
    book.recordSent(`${POD}inbox/r2#request`, ALICE, '2026-11-06T00:00:00.000Z');
    expect(book.hasPendingSince(ALICE, '2026-11-05T00:00:00.000Z')).toBe(true);
    expect(book.hasPendingSince(ALICE, '2026-11-07T00:00:00.000Z')).toBe(false);
  });
});

describe('the retention store', () => {
  const grant: GrantCopy = {
    iri: `${POD}grants/r1#grant`,
    podUrl: POD,
    citizen: ALICE,
    categories: ['household'],
    validFrom: '2026-11-01T00:00:00.000Z',
    validUntil: '2026-12-01T00:00:00.000Z',
    answers: `${POD}grants/requests/r1#request`,
  };
  const folders: string[] = [];
  afterAll(async () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it('keeps a value until the retention period is over, then deletes it', async () => {
    const store = new RetentionStore({ retentionDays: 7 });
    const entry = await store.put(grant, 'result', { band: 2 }, new Date('2026-11-10T00:00:00Z'));
    expect(entry.deleteAt).toBe('2026-11-17T00:00:00.000Z');
    expect((await store.get('result', new Date('2026-11-16T23:59:59Z')))?.value).toEqual({ band: 2 });
    expect(await store.get('result', new Date('2026-11-17T00:00:00Z'))).toBeUndefined();
    expect(await store.size()).toBe(0);
  });

  it('never keeps a value past the end of its grant', async () => {
    const store = new RetentionStore({ retentionDays: 30 });
    const entry = await store.put(grant, 'result', 1, new Date('2026-11-25T00:00:00Z'));
    expect(entry.deleteAt).toBe(grant.validUntil);
    expect(await store.sweep(new Date('2026-11-30T23:59:59Z'))).toBe(0);
    expect(await store.sweep(new Date('2026-12-01T00:00:00Z'))).toBe(1);
  });

  it('deletes everything derived under a grant when it is revoked, and refuses to keep more', async () => {
    const store = new RetentionStore({ retentionDays: 30 });
    await store.put(grant, 'a', 1, new Date('2026-11-10T00:00:00Z'));
    await store.put(grant, 'b', 2, new Date('2026-11-10T00:00:00Z'));
    await store.put({ ...grant, iri: `${POD}grants/other#grant` }, 'c', 3, new Date('2026-11-10T00:00:00Z'));
    expect(await store.deleteForGrant(grant.iri)).toBe(2);
    expect(await store.size()).toBe(1);
    await expect(
      store.put({ ...grant, revokedAt: '2026-11-11T00:00:00Z' }, 'a', 1, new Date('2026-11-12T00:00:00Z')),
    ).rejects.toBeInstanceOf(GrantRevokedError);
    await expect(store.put(grant, 'a', 1, new Date('2026-12-02T00:00:00Z'))).rejects.toBeInstanceOf(GrantExpiredError);
  });

  it('keeps its entries in a file across restarts and removes them from the file too', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'sdt-retention-'));
    folders.push(folder);
    const file = path.join(folder, 'kept.json');
    await new RetentionStore({ retentionDays: 30, file }).put(
      grant,
      'result',
      { band: 2 },
      new Date('2026-11-10T00:00:00Z'),
    );
    const reopened = new RetentionStore({ retentionDays: 30, file });
    expect((await reopened.get('result', new Date('2026-11-11T00:00:00Z')))?.value).toEqual({ band: 2 });
    await reopened.deleteForGrant(grant.iri);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual([]);
  });
});
