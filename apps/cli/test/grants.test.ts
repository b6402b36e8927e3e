import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient } from '@sdt/pod';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { runCli } from './runCli.ts';

/** Client credential labels (ids) an account holds. */
async function clientIdsOf(serverUrl: string, email: string, password: string): Promise<string[]> {
  const client = new AccountClient({ serverUrl });
  const token = (await client.login(email, password))!;
  const url = (await client.accountControls(token)).account!.clientCredentials!;
  const response = await fetch(url, {
    headers: { accept: 'application/json', authorization: `CSS-Account-Token ${token}` },
  });
  return Object.keys(((await response.json()) as { clientCredentials: Record<string, string> }).clientCredentials);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

describe('selfdata partner and selfdata grants, partner on Lyon and citizen on Nantes', () => {
  let nantes: TestPodServer;
  let lyon: TestPodServer;
  let env: NodeJS.ProcessEnv;
  let aliceWebId: string;
  let alicePod: string;
  const citizen = (): string[] => [
    '--server',
    nantes.baseUrl,
    '--email',
    'alice@nantes.example',
    '--password',
    'alice-password',
  ];
  const partner = (): string[] => [
    '--server',
    lyon.baseUrl,
    '--email',
    'coach@lyon.example',
    '--password',
    'coach-password',
  ];

  beforeAll(async () => {
    [nantes, lyon] = await Promise.all([
      startTestPodServer({
        territory: 'nantes',
        citizens: [{ email: 'alice@nantes.example', password: 'alice-password', podName: 'alice' }],
      }),
      startTestPodServer({
        territory: 'lyon',
        citizens: [{ email: 'coach@lyon.example', password: 'coach-password', podName: 'coach' }],
      }),
    ]);
    env = { SDT_NANTES_URL: nantes.baseUrl, SDT_LYON_URL: lyon.baseUrl };
    aliceWebId = nantes.citizens[0]!.webId;
    alicePod = nantes.citizens[0]!.podUrl;
    const alice = await loginAs(nantes.baseUrl, 'alice@nantes.example', 'alice-password');
    await alice.fetch(`${alicePod}data/electricity/daily-2026-10`, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle' },
      body: '<#r1> <https://saref.etsi.org/core/hasValue> 12.5 .',
    });
    await alice.close();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([nantes?.stop(), lyon?.stop()]);
  });

  let requestIri: string;
  let grantIri: string;
  let clientId: string;

  it('sends a request bound to persistent partner credentials, and prints its IRI last', async () => {
    const run = await runCli(
      [
        'partner',
        'request',
        ...partner(),
        '--citizen',
        aliceWebId,
        '--category',
        'electricity',
        '--category',
        'gas',
        '--purpose',
        'ServiceProvision',
        '--days',
        '30',
      ],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    requestIri = lastLine(run.stdout);
    expect(requestIri).toMatch(new RegExp(`^${alicePod}inbox/[^/]+#request$`));
    clientId = /client id: (\S+)/.exec(run.stdout)![1]!;
    expect(clientId).toMatch(/^selfdata-partner_/);

    // A second request reuses the same client.
    const again = await runCli(
      [
        'partner',
        'request',
        ...partner(),
        '--citizen',
        aliceWebId,
        '--category',
        'water',
        '--purpose',
        'ServiceProvision',
        '--days',
        '5',
      ],
      env,
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`client id: ${clientId} (existing`);
  });

  it('lists the pending requests for the citizen', async () => {
    const run = await runCli(['grants', 'requests', ...citizen()], env);
    expect(run.code).toBe(0);
    const name = requestIri.split('/inbox/')[1]!.split('#')[0]!;
    expect(run.stdout).toContain(`${alicePod}grants/requests/${name}#request`);
    expect(run.stdout).toContain('categories: electricity, gas; modes: read');
    expect(run.stdout).toContain(`client ${clientId}`);
  });

  it('approves narrower and prints the grant IRI last; the partner gets the receipt', async () => {
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const run = await runCli(
      ['grants', 'approve', requestIri, ...citizen(), '--category', 'electricity', '--until', until],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    grantIri = lastLine(run.stdout);
    expect(grantIri).toMatch(new RegExp(`^${alicePod}grants/[^/]+#grant$`));
    expect(run.stdout).toContain('receipt sent to');

    const list = await runCli(['grants', 'list', '--json', ...citizen()], env);
    const grants = JSON.parse(list.stdout) as {
      iri: string;
      state: string;
      categories: string[];
      clientId: string;
      validUntil: string;
    }[];
    expect(grants.find((g) => g.iri === grantIri)).toMatchObject({
      state: 'active',
      categories: ['electricity'],
      clientId,
      validUntil: until,
    });

    const answers = await runCli(['partner', 'answers', '--json', ...partner()], env);
    const receipts = JSON.parse(answers.stdout) as { grant?: string; consentStatus: string }[];
    expect(receipts.find((r) => r.grant === grantIri)?.consentStatus).toBe('given');
  });

  it('lets the partner read the granted category on Nantes with "partner read", and nothing else', async () => {
    const granted = `${alicePod}data/electricity/daily-2026-10`;
    const read = await runCli(['partner', 'read', granted, ...partner(), '--client-id', clientId], env);
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    expect(read.stdout).toContain('hasValue');
    const other = await runCli(['partner', 'read', `${alicePod}data/health/observations`, ...partner()], env);
    expect(other.code).toBe(3);
    expect(other.stderr).toContain('answered 403');
    // The server may batch log writes: ask again until the read is there.
    type Entry = { agent: string | null; target: string; outcome: string; client: string | null };
    let entries: Entry[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const log = await runCli(['grants', 'log', '--json', ...citizen()], env);
      entries = JSON.parse(log.stdout) as Entry[];
      if (entries.some((e) => e.target === granted && e.outcome === 'allowed')) break;
    }
    expect(entries.some((e) => e.target === granted && e.outcome === 'allowed' && e.client === clientId)).toBe(true);
  });

  it('refuses "partner read" with a client the CLI did not make', async () => {
    const run = await runCli(
      [
        'partner',
        'read',
        `${alicePod}data/electricity/daily-2026-10`,
        ...partner(),
        '--client-id',
        'someone-else_1234',
      ],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no client with id "someone-else_1234"');
  });

  it('revokes, and the partner is told', async () => {
    const receipts = await runCli(['grants', 'receipts', ...citizen()], env);
    expect(receipts.stdout).toMatch(/given +electricity/);
    const run = await runCli(['grants', 'revoke', grantIri, ...citizen()], env);
    expect(run.code).toBe(0);
    expect(lastLine(run.stdout)).toMatch(new RegExp(`^revoked ${grantIri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at `));
    const list = await runCli(['grants', 'list', '--state', 'revoked', ...citizen()], env);
    expect(list.stdout).toContain(grantIri);
    const answers = await runCli(['partner', 'answers', '--json', ...partner()], env);
    const statuses = (JSON.parse(answers.stdout) as { grant?: string; consentStatus: string }[])
      .filter((r) => r.grant === grantIri)
      .map((r) => r.consentStatus);
    expect(statuses.sort()).toEqual(['given', 'withdrawn']);
  });

  it('denies a request', async () => {
    const pending = await runCli(['grants', 'requests', '--json', ...citizen()], env);
    const [water] = JSON.parse(pending.stdout) as { iri: string; categories: string[] }[];
    expect(water?.categories).toEqual(['water']);
    const run = await runCli(['grants', 'deny', water!.iri, ...citizen()], env);
    expect(run.code).toBe(0);
    expect(lastLine(run.stdout)).toBe(`refused ${water!.iri}`);
    const after = await runCli(['grants', 'requests', ...citizen()], env);
    expect(after.stdout.trim()).toBe('No pending request.');
  });

  it('prints the access log as a JSON array', async () => {
    const run = await runCli(['grants', 'log', '--json', ...citizen()], env);
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Array.isArray(entries)).toBe(true);
    for (const entry of entries)
      expect(Object.keys(entry).sort()).toEqual(['agent', 'client', 'grant', 'mode', 'outcome', 'target', 'time']);
  });

  it.each([
    ['a duration over 3 years', ['--category', 'electricity', '--days', '1200'], /duration: .*3 years/],
    ['an unknown category', ['--category', 'bank', '--days', '5'], /unknown category "bank"/],
    [
      'an unknown purpose',
      ['--category', 'electricity', '--days', '5', '--purpose', 'Marketing'],
      /unknown purpose "Marketing"/,
    ],
    [
      'a mode the category does not allow',
      ['--category', 'health', '--days', '5', '--mode', 'append'],
      /mode "append" is not allowed on category "health"/,
    ],
    [
      'a private reply address',
      ['--category', 'electricity', '--days', '5', '--reply-to', 'http://10.0.0.8/inbox/'],
      /replyTo: .*private/,
    ],
  ])('refuses a request with %s and sends nothing', async (_label, extra, message) => {
    const args = [
      'partner',
      'request',
      ...partner(),
      '--citizen',
      aliceWebId,
      '--purpose',
      'ServiceProvision',
      ...extra,
    ];
    // The last --purpose wins in commander.
    const run = await runCli(args, env);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('unexpected');
    const pending = await runCli(['grants', 'requests', ...citizen()], env);
    expect(pending.stdout.trim()).toBe('No pending request.');
  });

  it('refuses to approve wider than asked', async () => {
    const sent = await runCli(
      [
        'partner',
        'request',
        ...partner(),
        '--citizen',
        aliceWebId,
        '--category',
        'gas',
        '--purpose',
        'ServiceProvision',
        '--days',
        '3',
      ],
      env,
    );
    const run = await runCli(
      ['grants', 'approve', lastLine(sent.stdout), ...citizen(), '--category', 'electricity'],
      env,
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/categories: "electricity" was not asked for/);
  });

  it('leaves only the persistent partner credentials behind, none of the temporary ones', async () => {
    expect(await clientIdsOf(nantes.baseUrl, 'alice@nantes.example', 'alice-password')).toEqual([]);
    expect(await clientIdsOf(lyon.baseUrl, 'coach@lyon.example', 'coach-password')).toEqual([clientId]);
    // Their secret is kept owner-only in the partner's pod.
    const stored = `${lyon.citizens[0]!.podUrl}settings/selfdata-clients`;
    expect((await fetch(stored)).status).toBe(401);
    const alice = await loginAs(nantes.baseUrl, 'alice@nantes.example', 'alice-password');
    try {
      expect((await alice.fetch(stored)).status).toBe(403);
    } finally {
      await alice.close();
    }
  });

  it('says clearly when the login is wrong', async () => {
    const run = await runCli(
      ['grants', 'list', '--server', nantes.baseUrl, '--email', 'alice@nantes.example', '--password', 'nope'],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No account alice@nantes.example with this password');
  });
});
