import { describe, expect, it } from 'vitest';
import {
  buildAccessRequest,
  checkReplyTo,
  GrantsError,
  validateAccessRequestTurtle,
  type AccessRequestInput,
} from '@sdt/grants';

const now = new Date('2026-11-28T10:00:00Z');

const input: Omit<AccessRequestInput, 'citizenWebId'> = {
  requestor: 'https://partner.example/profile/card#me',
  categories: ['electricity', 'gas'],
  purpose: 'ServiceProvision',
  days: 30,
  clientId: 'energy-coach_1234',
  explanation: { fr: 'Comparer votre consommation.', en: 'Compare your use.' },
  replyTo: 'https://partner.example/inbox/',
};

async function refusal(promise: Promise<unknown>): Promise<GrantsError> {
  try {
    await promise;
  } catch (error: unknown) {
    if (GrantsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('an access request built by a partner', () => {
  it('is valid Turtle that the citizen side accepts as is', async () => {
    const { turtle, request } = await buildAccessRequest(input, { now });
    expect(request.categories).toEqual(['electricity', 'gas']);
    expect(request.duration).toBe('P30D');
    const again = await validateAccessRequestTurtle(turtle, 'https://pod.example/alice/inbox/abc', { now });
    expect(again.iri).toBe('https://pod.example/alice/inbox/abc#request');
    expect(again.explanation).toEqual(input.explanation);
  });

  it.each([
    ['purpose', { purpose: 'Marketing' }, /unknown purpose "Marketing"/],
    ['categories', { categories: ['electricity', 'bank'] }, /unknown category "bank"/],
    ['duration', { days: 3 * 366 + 1 }, /longer than the platform maximum of 3 years/],
    [
      'endDate',
      { days: undefined, endDate: '2030-01-01T00:00:00Z' },
      /more than the platform maximum of 3 years ahead/,
    ],
    ['endDate', { days: undefined, endDate: '2026-01-01T00:00:00Z' }, /has already passed/],
    ['duration', { days: undefined }, /either a number of days or an end date/],
    ['modes', { categories: ['health'], modes: ['append'] }, /mode "append" is not allowed on category "health"/],
    ['modes', { modes: ['write'] }, /mode "write" is not allowed on category "electricity"/],
    ['legalBasis', { legalBasis: 'Whim' }, /unknown legal basis "Whim"/],
    ['replyTo', { replyTo: 'ftp://partner.example/inbox/' }, /http\(s\)/],
    ['replyTo', { replyTo: 'http://127.0.0.1:8080/inbox/' }, /loopback or private address/],
    ['replyTo', { replyTo: 'http://10.1.2.3/inbox/' }, /loopback or private address/],
    ['replyTo', { replyTo: 'http://[::1]:3101/inbox/' }, /loopback or private address/],
    ['replyTo', { replyTo: 'http://localhost:9999/inbox/' }, /loopback or private address/],
    ['explanation', { explanation: { fr: '', en: 'Compare.' } }, /explanation/],
  ] as const)('is refused before sending when %s is wrong (%#)', async (field, change, message) => {
    const error = await refusal(buildAccessRequest({ ...input, ...change } as typeof input, { now }));
    expect(error.code).toBe('invalid-request');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('accepts read and append on a category that allows both', async () => {
    const { request } = await buildAccessRequest({ ...input, modes: ['read', 'append'] }, { now });
    expect(request.modes).toEqual(['read', 'append']);
  });
});

describe('an access request arriving as Turtle', () => {
  const base = 'https://pod.example/alice/inbox/x';

  it('is refused when the Turtle is malformed, naming the line', async () => {
    const error = await refusal(
      validateAccessRequestTurtle(
        '<#request> a <https://w3id.org/selfdata-territorial/ns#AccessRequest> ;\n  <x> "unterminated .',
        base,
        { now },
      ),
    );
    expect(error.field).toBe('turtle');
    expect(error.message).toMatch(/line 2/);
  });

  it('is refused when larger than 64 KiB', async () => {
    const { turtle } = await buildAccessRequest(input, { now });
    const error = await refusal(validateAccessRequestTurtle(`${turtle}\n# ${'x'.repeat(70 * 1024)}\n`, base, { now }));
    expect(error.field).toBe('size');
  });

  it('is refused when the purpose is missing', async () => {
    const { turtle } = await buildAccessRequest(input, { now });
    const error = await refusal(
      validateAccessRequestTurtle(turtle.replace(/\s*dpv:hasPurpose dpv:ServiceProvision;/, ''), base, { now }),
    );
    expect(error.field).toBe('purpose');
    expect(error.message).toMatch(/dpv:hasPurpose/);
  });

  it('is refused when it asks for both a duration and an end date', async () => {
    const { turtle } = await buildAccessRequest(input, { now });
    const both = turtle.replace(
      'sdt:duration "P30D"^^xsd:duration',
      'sdt:duration "P30D"^^xsd:duration; sdt:endDate "2027-01-01T00:00:00Z"^^xsd:dateTime',
    );
    const error = await refusal(validateAccessRequestTurtle(both, base, { now }));
    expect(error.field).toBe('duration');
  });

  it('is refused when it holds no access request', async () => {
    const error = await refusal(validateAccessRequestTurtle('<#x> a <https://example.org/Other> .', base, { now }));
    expect(error.field).toBe('type');
  });
});

describe('a reply address', () => {
  it('may be one of the platform servers on loopback, or one the caller allows', () => {
    expect(checkReplyTo('http://localhost:3102/partner/inbox/').href).toBe('http://localhost:3102/partner/inbox/');
    expect(checkReplyTo('http://localhost:45123/p/inbox/', { platformServers: ['http://localhost:45123/'] }).port).toBe(
      '45123',
    );
    expect(checkReplyTo('https://partner.example/inbox/').hostname).toBe('partner.example');
  });
});
