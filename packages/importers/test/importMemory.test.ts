import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountClient } from '@sdt/pod';
import { startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { generateLoadCurveJson } from '../src/index.ts';

const CHILD = fileURLToPath(new URL('./importChild.ts', import.meta.url));
/** Old-space cap of the importing process: an import that needed more live memory would crash. */
const HEAP_CAP_MB = 128;

describe('importing a large file', () => {
  let server: TestPodServer;
  const directory = mkdtempSync(join(tmpdir(), 'sdt-import-memory-'));

  beforeAll(async () => {
    server = await startTestPodServer({ territory: 'lyon' });
    const client = new AccountClient({ serverUrl: server.baseUrl });
    await client.createPod(await client.createAccount('big@lyon.example', 'big-password'), 'big');
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('imports a ~20 MB load curve into a pod with bounded memory (128 MB heap cap, peak RSS under 384 MB)', async () => {
    const path = join(directory, 'load-curve.json');
    // 4,500 days of 30-minute readings: ~20 MB, ~216,000 readings, 148 month resources.
    const written = await generateLoadCurveJson(path, { days: 4500, startDay: '2010-01-01' });
    expect(written.bytes).toBeGreaterThan(19_000_000);
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          `--max-old-space-size=${HEAP_CAP_MB}`,
          '--import',
          'tsx',
          CHILD,
          path,
          server.baseUrl,
          'big@lyon.example',
          'big-password',
        ],
        { env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)),
      );
    });
    const result = JSON.parse(output.trim().split('\n').at(-1)!) as {
      added: number;
      resources: number;
      peakRssMb: number;
    };
    expect(result.added).toBe(written.readings);
    expect(result.resources).toBe(148 + 1);
    expect(result.peakRssMb).toBeLessThan(384);
  }, 600_000);
});
