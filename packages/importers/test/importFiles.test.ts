import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient, getContent, openOwnerSession, readCatalog, type PodAccess } from '@sdt/pod';
import { generateDemoCitizen } from '@sdt/synth';
import { PROV, SDT, validateTurtle, type PowerReading } from '@sdt/vocab';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import {
  IMPORTER_VERSION,
  ImportError,
  generateLoadCurveJson,
  importFiles,
  parseAll,
  recoverImports,
  type ImportReport,
} from '../src/index.ts';
import { getFixturePath } from '../src/testing/fixtures.ts';
import { diffSnapshots, snapshotPod } from './podSnapshot.ts';

const valid = (name: string): string => getFixturePath(`valid/${name}`);
const invalid = (name: string): string => getFixturePath(`invalid/${name}`);

/** One file per format, no two touching the same instant. */
const ONE_PER_FORMAT = [
  valid('enedis-dc-curve-2025-10-dst.json'),
  valid('enedis-csv-curve-2025-03-offsets.csv'),
  valid('enedis-dc-daily-2025-01.json'),
  valid('grdf-adict-releves-daily.json'),
  valid('water-2025-01.csv'),
  valid('trips-2025-01.geojson'),
  valid('api-particulier-qf-v2.json'),
  valid('ademe-dpe-record.json'),
];

type Session = PodAccess & { close: () => Promise<void> };

/** Creates an account and pod through the server's own sign-up (no layout, no data). */
async function signUp(server: TestPodServer, name: string): Promise<Session> {
  const client = new AccountClient({ serverUrl: server.baseUrl });
  const token = await client.createAccount(`${name}@lyon.example`, `${name}-password`);
  const { podUrl, webId } = await client.createPod(token, name);
  const session = await openOwnerSession(client, token, webId);
  return { podUrl, webId, fetch: retryOnReset(session.fetch), close: session.close };
}

/**
 * Retries a read once when the connection was reset: the server closes idle keep-alive connections,
 * and a request sent on one at that moment fails through no fault of the code under test.
 */
function retryOnReset(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await base(input, init);
    } catch (error: unknown) {
      const method = init?.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') throw error;
      return base(input, init);
    }
  };
}

/** A fetch that fails the `n`-th write to the pod's data or catalogue (not the staging area); `die`: every request after it fails too (a crash). */
function failingFetch(base: typeof fetch, podUrl: string, n: number, mode: 'fail-one' | 'die'): typeof fetch {
  let writes = 0;
  let dead = false;
  return async (input, init) => {
    if (dead) throw new TypeError('fetch failed (injected crash)');
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    if ((method === 'PUT' || method === 'DELETE') && !url.slice(podUrl.length).startsWith('imports/')) {
      writes += 1;
      if (writes === n) {
        if (mode === 'die') dead = true;
        throw new TypeError('fetch failed (injected failure)');
      }
    }
    return base(input, init);
  };
}

async function readTurtle(session: Session, path: string): Promise<string> {
  const response = await session.fetch(`${session.podUrl}${path}`, { headers: { accept: 'text/turtle' } });
  expect(response.status, path).toBe(200);
  return response.text();
}

async function curveReadings(session: Session, path: string): Promise<PowerReading[]> {
  const content = await getContent(session, { category: 'electricity', series: 'curve' }, path);
  if (content.category !== 'electricity' || content.series !== 'curve') throw new Error('not a curve');
  return content.readings;
}

describe('importFiles', () => {
  let server: TestPodServer;
  let seeded: Session;
  const directory = mkdtempSync(join(tmpdir(), 'sdt-import-write-'));

  beforeAll(async () => {
    const demo = generateDemoCitizen('lyon', { endMonth: '2025-10', months: 2 });
    server = await startTestPodServer({
      territory: 'lyon',
      citizens: [
        {
          email: 'demo@lyon.example',
          password: 'demo-password',
          podName: 'demo',
          data: demo.data,
          source: 'Synthetic',
        },
      ],
    });
    const login = await loginAs(server.baseUrl, 'demo@lyon.example', 'demo-password');
    seeded = { podUrl: login.podUrl, webId: login.webId, fetch: retryOnReset(login.fetch), close: login.close };
  });

  afterAll(async () => {
    await seeded?.close();
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  describe('into a brand-new pod made through the server sign-up', () => {
    let fresh: Session;
    let report: ImportReport;

    beforeAll(async () => {
      fresh = await signUp(server, 'fresh');
      report = await importFiles(fresh, ONE_PER_FORMAT, { district: 'Part-Dieu' });
    });

    afterAll(async () => {
      await fresh?.close();
    });

    it('imports every format, adding exactly one reading per value of each file', async () => {
      expect(report.files.map((f) => f.format)).toEqual([
        'enedis-data-connect-json',
        'enedis-customer-csv',
        'enedis-data-connect-json',
        'grdf-adict-json',
        'water-csv',
        'trips-geojson',
        'api-particulier-quotient-json',
        'ademe-dpe-json',
      ]);
      for (const [index, file] of report.files.entries()) {
        const parsed = await parseAll(ONE_PER_FORMAT[index]!);
        expect(file.added, file.fileName).toBe(parsed.summary.records);
        expect(file.replaced + file.unchanged, file.fileName).toBe(0);
        expect(file.notes).toEqual([]);
      }
      expect(report.files[0]!.added).toBe(146);
      expect(report.files[1]!.added).toBe(142);
      expect(report.resourcesWritten).toEqual(
        expect.arrayContaining([
          'data/electricity/curve-2025-10',
          'data/electricity/curve-2025-03',
          'data/electricity/daily-2025-01',
          'data/gas/daily-2025-01',
          'data/water/daily-2025-01',
          'data/mobility/trips-2025-01',
          'data/income/family-quotient',
          'data/household/household',
          'data/housing/dwelling',
          'catalog',
        ]),
      );
      expect(report.resourcesWritten.at(-1)).toBe('catalog');
    });

    it('keeps both 2025 daylight-saving days: 50 half-hours on 26 October, 46 on 30 March', async () => {
      const october = await curveReadings(fresh, 'data/electricity/curve-2025-10');
      const march = await curveReadings(fresh, 'data/electricity/curve-2025-03');
      expect(october).toHaveLength(146);
      expect(march).toHaveLength(142);
      expect(october.filter((r) => r.start.startsWith('2025-10-26'))).toHaveLength(50);
      expect(march.filter((r) => r.start.startsWith('2025-03-30'))).toHaveLength(46);
      // The repeated local 02:00 and 02:30 are two readings each, told apart by their offset.
      expect(october.filter((r) => r.start.startsWith('2025-10-26T02:')).map((r) => r.start)).toEqual([
        '2025-10-26T02:00:00+02:00',
        '2025-10-26T02:30:00+02:00',
        '2025-10-26T02:00:00+01:00',
        '2025-10-26T02:30:00+01:00',
      ]);
    });

    it('writes resources that conform to their SHACL shapes', async () => {
      for (const path of report.resourcesWritten.filter((p) => p.startsWith('data/'))) {
        const validation = await validateTurtle(await readTurtle(fresh, path), `${fresh.podUrl}${path}`);
        expect(validation.results, path).toEqual([]);
        expect(validation.conforms, path).toBe(true);
      }
    });

    it('records PROV-O provenance: activity, file name, SHA-256, format, organisation, importer version', async () => {
      const path = 'data/electricity/curve-2025-10';
      const url = `${fresh.podUrl}${path}`;
      const quads = new Parser({ baseIRI: url }).parse(await readTurtle(fresh, path));
      const objects = (subject: string, predicate: string): string[] =>
        quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object.value);
      const file = report.files[0]!;
      const activity = `${url}#${file.activity}`;
      expect(objects(url, PROV.wasGeneratedBy)).toEqual([activity]);
      expect(objects(activity, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toEqual([PROV.Activity]);
      expect(objects(activity, SDT.importerVersion)).toEqual([IMPORTER_VERSION]);
      expect(objects(activity, PROV.startedAtTime)).toHaveLength(1);
      const [used] = objects(activity, PROV.used);
      expect(objects(used!, SDT.fileName)).toEqual(['enedis-dc-curve-2025-10-dst.json']);
      expect(objects(used!, SDT.sha256)).toEqual([file.sha256]);
      expect(objects(used!, 'http://purl.org/dc/terms/format')).toEqual(['enedis-data-connect-json']);
      const [organisation] = objects(used!, PROV.wasAttributedTo);
      expect(objects(organisation!, 'http://schema.org/name')).toEqual(['Enedis']);
      // Every reading links to the activity; nothing derived (no energy from power) is stored.
      const readings = quads.filter((q) => q.predicate.value === PROV.wasGeneratedBy && q.subject.value !== url);
      expect(readings).toHaveLength(146);
      expect(quads.filter((q) => q.object.value === SDT.ElectricityEnergyReading)).toHaveLength(0);
    });

    it('updates the catalogue: record counts, period covered, source and last import', async () => {
      const catalog = await readCatalog(fresh);
      const electricity = catalog?.entries.electricity;
      expect(electricity?.recordCount).toBe(146 + 142 + 7);
      expect(electricity?.periodStart).toBe('2025-01-01');
      expect(electricity?.periodEnd).toBe('2025-10-27');
      expect(electricity?.source).toBe(
        [...new Set(report.files.slice(0, 3).map((f) => f.sourceOrganisation))].join(', '),
      );
      expect(Date.parse(electricity?.lastImport ?? '')).not.toBeNaN();
      expect(catalog?.entries.water?.recordCount).toBe(31);
      expect(catalog?.entries.housing?.recordCount).toBe(1);
      expect(catalog?.entries.household?.recordCount).toBe(1);
    });

    it('leaves no staging area behind', async () => {
      expect((await fresh.fetch(`${fresh.podUrl}imports/`)).status).toBe(404);
    });

    it('changes nothing when the same files are imported again', async () => {
      const before = await snapshotPod(fresh.podUrl, fresh.fetch);
      const again = await importFiles(fresh, ONE_PER_FORMAT, { district: 'Part-Dieu' });
      expect(again.resourcesWritten).toEqual([]);
      for (const file of again.files) {
        expect(file.added + file.replaced, file.fileName).toBe(0);
        expect(file.unchanged, file.fileName).toBe(file.records);
      }
      expect(diffSnapshots(before, await snapshotPod(fresh.podUrl, fresh.fetch))).toEqual([]);
    });

    it('merges an overlapping period: one reading per instant, the newer value wins and links to the newer import', async () => {
      // 26-28 October: two days already in the pod, one new day.
      const path = join(directory, 'overlap.json');
      await generateLoadCurveJson(path, { days: 3, startDay: '2025-10-26', seed: 7 });
      const overlap = (await parseAll(path)).records['electricity/curve']!;
      const before = new Map(
        (await curveReadings(fresh, 'data/electricity/curve-2025-10')).map((r) => [Date.parse(r.start), r.watts]),
      );
      const expected = { added: 0, replaced: 0, unchanged: 0 };
      for (const reading of overlap) {
        const old = before.get(Date.parse(reading.start));
        if (old === undefined) expected.added += 1;
        else if (old === reading.watts) expected.unchanged += 1;
        else expected.replaced += 1;
      }
      expect(expected.added).toBe(48);
      const merged = await importFiles(fresh, [path]);
      expect(merged.files[0]).toMatchObject(expected);
      const after = await curveReadings(fresh, 'data/electricity/curve-2025-10');
      expect(after).toHaveLength(146 + 48);
      expect(new Set(after.map((r) => Date.parse(r.start))).size).toBe(after.length);
      const byInstant = new Map(after.map((r) => [Date.parse(r.start), r.watts]));
      for (const reading of overlap) expect(byInstant.get(Date.parse(reading.start))).toBe(reading.watts);
      // 25 October still comes from the first import, 26-28 from the second.
      const url = `${fresh.podUrl}data/electricity/curve-2025-10`;
      const quads = new Parser({ baseIRI: url }).parse(await readTurtle(fresh, 'data/electricity/curve-2025-10'));
      const links = quads.filter((q) => q.predicate.value === PROV.wasGeneratedBy && q.subject.value !== url);
      expect(links.filter((q) => q.object.value.endsWith(merged.files[0]!.activity))).toHaveLength(
        overlap.length - expected.unchanged,
      );
      expect(quads.filter((q) => q.subject.value === url && q.predicate.value === PROV.wasGeneratedBy)).toHaveLength(2);
      expect((await readCatalog(fresh))?.entries.electricity).toMatchObject({
        recordCount: 146 + 142 + 7 + 48,
        periodEnd: '2025-10-28',
      });
    });
  });

  describe('into a seeded pod', () => {
    it('merges with the synthetic month already there and counts only new instants', async () => {
      const catalogBefore = await readCatalog(seeded);
      const before = await curveReadings(seeded, 'data/electricity/curve-2025-10');
      expect(before.length).toBeGreaterThan(1400);
      const report = await importFiles(seeded, [
        valid('enedis-dc-curve-2025-10-dst.json'),
        valid('enedis-dc-daily-2025-01.json'),
      ]);
      const [curve, daily] = report.files;
      expect(curve!.added).toBe(0);
      expect(curve!.replaced + curve!.unchanged).toBe(146);
      expect(daily!.added).toBe(7);
      const after = await curveReadings(seeded, 'data/electricity/curve-2025-10');
      expect(after).toHaveLength(before.length);
      expect((await readCatalog(seeded))?.entries.electricity).toMatchObject({
        recordCount: catalogBefore!.entries.electricity!.recordCount + 7,
        periodStart: '2025-01-01',
        source: `${catalogBefore!.entries.electricity!.source}, Enedis`,
      });
    });

    it('writes nothing and names file, JSON path and field for a bad file, even next to good ones', async () => {
      const before = await snapshotPod(seeded.podUrl, seeded.fetch);
      const failure = await importFiles(seeded, [
        valid('water-2025-01.csv'),
        invalid('enedis-dc-not-a-number.json'),
      ]).catch((e: unknown) => e);
      expect(ImportError.isInstance(failure)).toBe(true);
      const error = failure as ImportError;
      expect(error.code).toBe('not-a-number');
      expect(error.file).toBe('enedis-dc-not-a-number.json');
      expect(error.jsonPath).toBe('$.meter_reading.interval_reading[2]');
      expect(error.field).toBe('value');
      expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).toEqual([]);
    });

    it('writes nothing for a truncated, an empty or an unknown file', async () => {
      const before = await snapshotPod(seeded.podUrl, seeded.fetch);
      for (const name of ['enedis-dc-truncated.json', 'empty.json', 'unknown-format.txt', 'water-decimal-comma.csv']) {
        const failure = await importFiles(seeded, [invalid(name)]).catch((e: unknown) => e);
        expect(ImportError.isInstance(failure), name).toBe(true);
        expect((failure as ImportError).message, name).toContain(name);
      }
      expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).toEqual([]);
    });

    it('never writes a randomly corrupted file it refuses (fast-check, real pod)', async () => {
      const original = readFileSync(valid('enedis-dc-daily-2025-01.json'));
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
          fc.nat(),
          async (flips, cut) => {
            const bytes = Buffer.from(original.subarray(0, original.length - (cut % 40)));
            for (const [position, value] of flips) bytes[position % bytes.length] = value;
            const before = await snapshotPod(seeded.podUrl, seeded.fetch);
            try {
              await importFiles(seeded, [{ fileName: 'corrupted.json', content: bytes }]);
            } catch (error: unknown) {
              if (!ImportError.isInstance(error)) throw error;
              refused += 1;
              expect(error.message.startsWith('corrupted.json')).toBe(true);
              expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).toEqual([]);
            }
          },
        ),
        { numRuns: 6, seed: 20251026 },
      );
      expect(refused).toBeGreaterThan(0);
    });

    it('leaves every resource byte-identical when a write fails after half the resources', async () => {
      const before = await snapshotPod(seeded.podUrl, seeded.fetch);
      // 7 data resources and the catalogue: the 4th write fails.
      const files = [
        valid('enedis-csv-curve-2025-03-offsets.csv'),
        valid('grdf-adict-releves-daily.json'),
        valid('water-litres-french-dates.csv'),
        valid('trips-2025-01.csv'),
        valid('ademe-dpe-record.json'),
        valid('api-particulier-qf-v3.json'),
        valid('enedis-dc-curve-2025-10-dst.json'),
      ];
      const access = { ...seeded, fetch: failingFetch(seeded.fetch, seeded.podUrl, 4, 'fail-one') };
      const failure = await importFiles(access, files, { concurrency: 1 }).catch((e: unknown) => e);
      expect(ImportError.isInstance(failure)).toBe(true);
      expect((failure as ImportError).code).toBe('write-failed');
      expect((failure as ImportError).message).toMatch(/restored as it was/);
      expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).toEqual([]);
    });

    it('undoes an import that crashed in the middle of its switch, from its journal', async () => {
      const before = await snapshotPod(seeded.podUrl, seeded.fetch);
      const files = [
        valid('enedis-csv-curve-2025-03-offsets.csv'),
        valid('water-litres-french-dates.csv'),
        valid('trips-2025-01.csv'),
      ];
      const crashing = { ...seeded, fetch: failingFetch(seeded.fetch, seeded.podUrl, 3, 'die') };
      const crash = await importFiles(crashing, files, { concurrency: 1 }).catch((e: unknown) => e);
      expect((crash as ImportError).code).toBe('write-failed');
      expect((crash as ImportError).message).toMatch(/next import \(or recoverImports\)/);
      expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).not.toEqual([]);
      // A fresh journal looks like an import still running: the next import waits for its lease.
      const refused = await importFiles(seeded, files).catch((e: unknown) => e);
      expect((refused as ImportError).code).toBe('import-in-progress');
      const recovery = await recoverImports(seeded);
      expect(recovery.rolledBack).toHaveLength(1);
      expect(recovery.changedSince).toEqual([]);
      expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).toEqual([]);
      expect((await recoverImports(seeded)).rolledBack).toEqual([]);
    });

    it('recovers a crashed import by itself once its lease is over, then imports', async () => {
      const files = [valid('water-litres-french-dates.csv'), valid('trips-2025-01.csv')];
      const crashing = { ...seeded, fetch: failingFetch(seeded.fetch, seeded.podUrl, 2, 'die') };
      await importFiles(crashing, files, { concurrency: 1 }).catch(() => undefined);
      const report = await importFiles(seeded, files, { leaseMs: 0 });
      expect(report.recovery.rolledBack).toHaveLength(1);
      expect(report.files.map((f) => f.added)).toEqual([
        (await parseAll(files[0]!)).summary.records,
        (await parseAll(files[1]!)).summary.records,
      ]);
    });

    it('refuses, and writes nothing, when a resource changes in the pod during the import', async () => {
      const target = 'data/electricity/curve-2025-10';
      let changed = false;
      const racing: typeof fetch = async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (
          !changed &&
          init?.method === 'PUT' &&
          url.startsWith(`${seeded.podUrl}imports/`) &&
          url.endsWith('journal') &&
          String(init.body).includes('"switching"')
        ) {
          changed = true;
          // Someone else rewrites the March curve between staging and switch.
          const current = await (await seeded.fetch(`${seeded.podUrl}${target}`)).text();
          await seeded.fetch(`${seeded.podUrl}${target}`, {
            method: 'PUT',
            headers: { 'content-type': 'text/turtle' },
            body: `${current}\n`,
          });
        }
        return seeded.fetch(input, init);
      };
      const before = await snapshotPod(seeded.podUrl, seeded.fetch);
      const path = join(directory, 'october.json');
      await generateLoadCurveJson(path, { days: 2, startDay: '2025-10-05', seed: 3 });
      const failure = await importFiles({ ...seeded, fetch: racing }, [
        path,
        valid('grdf-adict-publiees-monthly.json'),
      ]).catch((e: unknown) => e);
      expect((failure as ImportError).code).toBe('conflict');
      expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).toEqual([target]);
    });

    it('refuses a merge whose result would not conform to its SHACL shape, and writes nothing', async () => {
      const target = 'data/electricity/curve-2025-10';
      const url = `${seeded.podUrl}${target}`;
      // A reading with an interval the shape does not allow (PT45M) is already in the pod.
      const current = await readTurtle(seeded, target);
      await seeded.fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'text/turtle' },
        body: current.replace(/"PT30M"/, '"PT45M"'),
      });
      const before = await snapshotPod(seeded.podUrl, seeded.fetch);
      const path = join(directory, 'tenth.json');
      await generateLoadCurveJson(path, { days: 1, startDay: '2025-10-10', seed: 5 });
      const failure = await importFiles(seeded, [path]).catch((e: unknown) => e);
      expect((failure as ImportError).code).toBe('invalid-resource');
      expect((failure as ImportError).message).toMatch(/data\/electricity\/curve-2025-10 would not conform/);
      expect(diffSnapshots(before, await snapshotPod(seeded.podUrl, seeded.fetch))).toEqual([]);
    });
  });
});
