/**
 * Worker-thread entry of {@link BcryptWorkerPool}: hashes and compares passwords with bcryptjs
 * (the library and format CSS itself uses), so that the server's event loop stays free.
 * Messages: `{ id, op: 'hash', password, rounds }` or `{ id, op: 'compare', password, hash }`;
 * answers `{ id, result }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { compare, hash } from 'bcryptjs';

interface BcryptJob {
  id: number;
  op: 'hash' | 'compare';
  password: string;
  rounds?: number;
  hash?: string;
}

parentPort?.on('message', (job: BcryptJob): void => {
  const work: Promise<string | boolean> =
    job.op === 'hash' ? hash(job.password, job.rounds ?? 10) : compare(job.password, job.hash ?? '');
  work.then(
    (result): void => parentPort?.postMessage({ id: job.id, result }),
    (error: unknown): void =>
      parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
