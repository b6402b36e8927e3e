import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient, getContent, readCatalog } from '@sdt/pod';
import { generateDemoCitizen } from '@sdt/synth';
import { Parser } from 'n3';
import { getFreePort, loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { runCli } from './runCli.ts';

const FIXTURES = join(import.meta.dirname, '../../../packages/importers/fixtures');
const valid = (name: string): string => join(FIXTURES, 'valid', name);
const invalid = (name: string): string => join(FIXTURES, 'invalid', name);

/** Every format, in files that never touch the same instant. */
const ALL_FORMATS = [
  valid('enedis-dc-curve-2025-10-dst.json'),
  valid('enedis-csv-curve-2025-03-offsets.csv'),
  valid('enedis-dc-daily-2025-01.json'),
  valid('grdf-adict-publiees-monthly.json'),
  valid('water-2025-01.csv'),
  valid('trips-2025-01.csv'),
  valid('api-particulier-qf-v3.json'),
  valid('ademe-dpe-record.json'),
];

/** Every document of a pod (bytes) and container (members), read as the owner. */
async function snapshot(serverUrl: string, email: string, password: string): Promise<Map<string, string>> {
  const owner = await loginAs(serverUrl, email, password);
  try {
    const result = new Map<string, string>();
    const pending = [owner.podUrl];
    while (pending.length > 0) {
      const url = pending.pop()!;
      const body = await (await owner.fetch(url, { headers: { accept: 'text/turtle, */*;q=0.5' } })).text();
      if (!url.endsWith('/')) {
        result.set(url, body);
        continue;
      }
      const members = new Parser({ baseIRI: url })
        .parse(body)
        .filter((q) => q.subject.value === url && q.predicate.value === 'http://www.w3.org/ns/ldp#contains')
        .map((q) => q.object.value)
        .sort();
      result.set(url, members.join(' '));
      pending.push(...members);
    }
    return result;
  } finally {
    await owner.close();
  }
}

describe('selfdata import', () => {
  let server: TestPodServer;
  const directory = mkdtempSync(join(tmpdir(), 'sdt-cli-import-'));

  beforeAll(async () => {
    server = await startTestPodServer({
      territory: 'nantes',
      citizens: [
        {
          email: 'demo@nantes.example',
          password: 'demo-password',
          podName: 'demo',
          data: generateDemoCitizen('nantes', { endMonth: '2025-10', months: 2 }).data,
          source: 'Synthetic',
        },
      ],
    });
    // A brand-new account and pod made through the server's own sign-up: no layout at all.
    const client = new AccountClient({ serverUrl: server.baseUrl });
    const token = await client.createAccount('new@nantes.example', 'new-password');
    await client.createPod(token, 'newcomer');
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  const login = (email: string, password: string): string[] => [
    '--server',
    server.baseUrl,
    '--email',
    email,
    '--password',
    password,
  ];

  it('imports every format into a brand-new sign-up pod, with one summary line per file', async () => {
    const run = await runCli([
      'import',
      ...login('new@nantes.example', 'new-password'),
      '--district',
      'Île de Nantes',
      ...ALL_FORMATS,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      'enedis-dc-curve-2025-10-dst.json: enedis-data-connect-json, 146 readings added, 2025-10-25 to 2025-10-27',
      'enedis-csv-curve-2025-03-offsets.csv: enedis-customer-csv, 142 readings added, 2025-03-29 to 2025-03-31',
      'enedis-dc-daily-2025-01.json: enedis-data-connect-json, 7 readings added, 2025-01-01 to 2025-01-07',
      'grdf-adict-publiees-monthly.json: grdf-adict-json, 3 readings added, 2025-01-01 to 2025-03-31',
      'water-2025-01.csv: water-csv, 31 readings added, 2025-01-01 to 2025-01-31',
      'trips-2025-01.csv: trips-csv, 5 trips added, 2025-01-06 to 2025-01-08',
      'api-particulier-qf-v3.json: api-particulier-quotient-json, 2 records added, 2025-02-01 to 2025-02-28',
      'ademe-dpe-record.json: ademe-dpe-json, 1 record added',
    ]);
    const owner = await loginAs(server.baseUrl, 'new@nantes.example', 'new-password');
    try {
      const october = await getContent(
        owner,
        { category: 'electricity', series: 'curve' },
        'data/electricity/curve-2025-10',
      );
      expect(october.category === 'electricity' && october.readings.length).toBe(146);
      const catalog = await readCatalog(owner);
      expect(catalog?.entries.electricity?.recordCount).toBe(146 + 142 + 7);
      expect(catalog?.entries.household?.recordCount).toBe(1);
    } finally {
      await owner.close();
    }
  });

  it('adds nothing when the same files are imported again', async () => {
    const run = await runCli([
      'import',
      ...login('new@nantes.example', 'new-password'),
      ALL_FORMATS[0]!,
      ALL_FORMATS[4]!,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'enedis-dc-curve-2025-10-dst.json: enedis-data-connect-json, 0 readings added (0 replaced, 146 already there), 2025-10-25 to 2025-10-27',
    );
    expect(run.stdout).toContain('water-2025-01.csv: water-csv, 0 readings added (0 replaced, 31 already there)');
  });

  it('imports into a seeded demo pod, merging with the month already there', async () => {
    const run = await runCli(['import', ...login('demo@nantes.example', 'demo-password'), ...ALL_FORMATS]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The synthetic October curve already has every instant of 25-27 October.
    expect(run.stdout).toMatch(
      /^enedis-dc-curve-2025-10-dst\.json: enedis-data-connect-json, 0 readings added \(\d+ replaced, \d+ already there\)/m,
    );
    expect(run.stdout).toContain(
      'enedis-csv-curve-2025-03-offsets.csv: enedis-customer-csv, 142 readings added, 2025-03-29 to 2025-03-31',
    );
  });

  it('refuses a bad file with its name, JSON path and field, exits non-zero, and writes nothing', async () => {
    const before = await snapshot(server.baseUrl, 'demo@nantes.example', 'demo-password');
    const run = await runCli([
      'import',
      ...login('demo@nantes.example', 'demo-password'),
      valid('water-2025-01.csv'),
      invalid('enedis-dc-not-a-number.json'),
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'import refused, nothing written: enedis-dc-not-a-number.json, at $.meter_reading.interval_reading[2], field "value": "12,5" is not a number',
    );
    const csv = await runCli([
      'import',
      ...login('demo@nantes.example', 'demo-password'),
      invalid('water-decimal-comma.csv'),
    ]);
    expect(csv.code).not.toBe(0);
    expect(csv.stderr).toMatch(/water-decimal-comma\.csv, line \d+, field "consommation_m3"/);
    expect(await snapshot(server.baseUrl, 'demo@nantes.example', 'demo-password')).toEqual(before);
  });

  it('says when the password is wrong, no file is given, or the server is down', async () => {
    const wrong = await runCli([
      'import',
      ...login('demo@nantes.example', 'not-the-password'),
      valid('water-2025-01.csv'),
    ]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('no account demo@nantes.example with this password');
    const none = await runCli(['import', ...login('demo@nantes.example', 'demo-password')]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no file to import');
    const down = await runCli([
      'import',
      '--server',
      `http://localhost:${await getFreePort()}/`,
      '--email',
      'a@b.example',
      '--password',
      'x',
      valid('water-2025-01.csv'),
    ]);
    expect(down.code).not.toBe(0);
    expect(down.stderr).toMatch(/the pod server at http:\/\/localhost:\d+\/ is not answering/);
  });
});
