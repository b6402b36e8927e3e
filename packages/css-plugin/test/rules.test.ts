import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { ACL as VOCAB_ACL, CATEGORY_NAMES, SDT as VOCAB_SDT } from '@sdt/vocab';
import {
  ACL,
  findCategoryTarget,
  isGrantInForce,
  isPlainRelativePath,
  readGrantDocument,
  SDT,
  SDT_NS,
  toSafeIri,
  writeAccessLogTurtle,
} from '../src/index.ts';
import { grantTurtle } from './grantFixtures.ts';

describe('the plugin terms', () => {
  it('are the terms of @sdt/vocab', () => {
    expect(SDT_NS).toBe(VOCAB_SDT.NS);
    for (const [name, iri] of Object.entries(SDT)) {
      expect(iri, name).toBe((VOCAB_SDT as Record<string, string>)[name]);
    }
    expect(ACL).toEqual({ Read: VOCAB_ACL.Read, Append: VOCAB_ACL.Append, Write: VOCAB_ACL.Write });
  });
});

describe('category targets', () => {
  it('finds the category of every catalogue container and of its members', () => {
    for (const name of CATEGORY_NAMES) {
      expect(findCategoryTarget(`data/${name}/`)).toEqual({ category: name, isContainer: true });
      expect(findCategoryTarget(`data/${name}/2026-10`)).toEqual({ category: name, isContainer: false });
      expect(findCategoryTarget(`data/${name}/sub/2026-10`)).toEqual({ category: name, isContainer: false });
    }
  });

  it('refuses sibling prefixes, dot segments, encoded separators and anything outside data/', () => {
    for (const path of [
      'data/',
      'data',
      'data/electricity',
      'data//x',
      'data/electricity//x',
      'data/./electricity/x',
      'data/electricity/../gas/x',
      'data/electricity/./x',
      'data/electricity/%2e%2e/gas/x',
      'data/electricity/..%2Fgas/x',
      'data/electricity%2Fx',
      'data/electricity/x%5C..',
      'data/electricity/x%00',
      'data/electricity/a\\b',
      'data/Electricity/x',
      'grants/x',
      'audit/2026-11-28',
      'profile/card',
      '',
    ]) {
      expect(findCategoryTarget(path), path).toBeUndefined();
    }
    expect(findCategoryTarget('data/electricity-old/x')).toEqual({ category: 'electricity-old', isContainer: false });
  });

  it('calls a path plain only without dot segments or encoded separators', () => {
    expect(isPlainRelativePath('grants/abc')).toBe(true);
    expect(isPlainRelativePath('grants/../audit/x')).toBe(false);
    expect(isPlainRelativePath('grants/%2F')).toBe(false);
  });
});

describe('grant documents', () => {
  const base = 'https://pod.example/alice/grants/g1';
  const parse = (turtle: string) => readGrantDocument(new Parser({ baseIRI: base }).parse(turtle), base);
  const fields = {
    grantee: 'https://partner.example/profile/card#me',
    clientId: 'coach',
    categories: ['electricity', 'gas'],
    modes: ['Write' as const],
    validFrom: new Date('2026-11-01T00:00:00Z'),
    validUntil: new Date('2026-12-01T00:00:00Z'),
  };

  it('reads a grant as the client side writes it, Write implying Append', () => {
    const [grant] = parse(grantTurtle(fields)).grants;
    expect(grant).toMatchObject({ iri: `${base}#grant`, active: true, grantee: fields.grantee, clientId: 'coach' });
    expect([...grant!.categories].sort()).toEqual(['electricity', 'gas']);
    expect([...grant!.modes].sort()).toEqual(['append', 'write']);
  });

  it('is in force from validFrom included to validUntil excluded, and only while active', () => {
    const [grant] = parse(grantTurtle(fields)).grants;
    expect(isGrantInForce(grant!, Date.parse('2026-10-31T23:59:59.999Z'))).toBe(false);
    expect(isGrantInForce(grant!, Date.parse('2026-11-01T00:00:00Z'))).toBe(true);
    expect(isGrantInForce(grant!, Date.parse('2026-11-30T23:59:59.999Z'))).toBe(true);
    expect(isGrantInForce(grant!, Date.parse('2026-12-01T00:00:00Z'))).toBe(false);
    const [revoked] = parse(grantTurtle({ ...fields, status: 'Revoked' })).grants;
    expect(isGrantInForce(revoked!, Date.parse('2026-11-15T00:00:00Z'))).toBe(false);
  });

  it('leaves out a grant with two grantees or no validity window (it allows nothing)', () => {
    const twoGrantees = grantTurtle(fields).replace('sdt:grantee <', 'sdt:grantee <https://other.example/#me>, <');
    expect(parse(twoGrantees).grants).toEqual([]);
    const noEnd = grantTurtle(fields).replace(/sdt:validUntil "[^"]+"\^\^xsd:dateTime/u, 'sdt:clientName "x"');
    expect(parse(noEnd).grants).toEqual([]);
  });
});

describe('access log Turtle', () => {
  it('writes entries that parse back, with unsafe IRI characters encoded', () => {
    const document = 'https://pod.example/alice/audit/2026-11-28';
    const turtle = writeAccessLogTurtle(document, [
      {
        id: 'a1',
        time: '2026-11-28T10:06:00.123Z',
        pod: 'https://pod.example/alice/',
        target: 'https://pod.example/alice/data/electricity/x',
        agent: 'https://partner.example/profile/card#me',
        client: 'coach "quoted"',
        modes: [ACL.Read],
        outcome: 'Allowed',
        grant: 'https://pod.example/alice/grants/g1#grant',
      },
    ]);
    const quads = new Parser({ baseIRI: document }).parse(turtle);
    expect(quads.find((q) => q.predicate.value === SDT.clientId)?.object.value).toBe('coach "quoted"');
    expect(quads.find((q) => q.predicate.value === SDT.outcome)?.object.value).toBe(SDT.Allowed);
    expect(toSafeIri('https://x.example/a|b^c')).toBe('https://x.example/a%7Cb%5Ec');
  });
});
