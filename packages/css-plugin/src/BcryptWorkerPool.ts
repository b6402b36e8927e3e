import path from 'node:path';
import { Worker } from 'node:worker_threads';

interface PendingJob {
  message: { op: 'hash' | 'compare'; password: string; rounds?: number; hash?: string };
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy?: { id: number; job: PendingJob } | undefined;
}

/**
 * A fixed pool of worker threads running bcryptjs, so that password hashing (tens of milliseconds of
 * pure JavaScript per hash) no longer blocks the pod server's event loop and can use another core.
 * Hashes are bcryptjs's own format: anything that verifies with bcryptjs on the main thread still does.
 * Workers start on first use and are unref'd, so an idle pool never keeps the process alive.
 *
 * A hand-written pool rather than a library (piscina, workerpool): it is 80 lines, has one job type,
 * and keeps the Components.js module free of a dependency for something this small.
 */
export class BcryptWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingJob[] = [];
  private nextId = 0;

  /** @param size - Number of worker threads (at least 1). */
  public constructor(private readonly size = 1) {}

  /** Hashes `password` with `rounds` salt rounds. */
  public async hash(password: string, rounds: number): Promise<string> {
    return (await this.run({ op: 'hash', password, rounds })) as string;
  }

  /** True when `password` matches the bcrypt `hash`. */
  public async compare(password: string, hash: string): Promise<boolean> {
    return (await this.run({ op: 'compare', password, hash })) as boolean;
  }

  /** Stops the workers; jobs still queued are rejected. */
  public async close(): Promise<void> {
    for (const job of this.queue.splice(0)) {
      job.reject(new Error('The password hashing pool was closed.'));
    }
    await Promise.all(this.workers.splice(0).map(async ({ worker }): Promise<number> => worker.terminate()));
  }

  private run(message: PendingJob['message']): Promise<string | boolean> {
    return new Promise((resolve, reject): void => {
      this.queue.push({ message, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.workers.find((candidate): boolean => !candidate.busy) ?? this.spawn();
      if (!idle) {
        return;
      }
      const job = this.queue.shift()!;
      const id = this.nextId++;
      idle.busy = { id, job };
      idle.worker.postMessage({ id, ...job.message });
    }
  }

  private spawn(): PoolWorker | undefined {
    if (this.workers.length >= Math.max(1, this.size)) {
      return undefined;
    }
    const worker = new Worker(path.join(__dirname, 'bcryptWorker.js'));
    worker.unref();
    const entry: PoolWorker = { worker };
    worker.on('message', (answer: { id: number; result?: string | boolean; error?: string }): void => {
      const busy = entry.busy;
      if (!busy || busy.id !== answer.id) {
        return;
      }
      entry.busy = undefined;
      if (answer.error === undefined && answer.result !== undefined) {
        busy.job.resolve(answer.result);
      } else {
        busy.job.reject(new Error(`Password hashing failed: ${answer.error ?? 'no result'}`));
      }
      this.dispatch();
    });
    worker.on('error', (error: Error): void => {
      // A crashed worker is replaced on the next job; its job fails rather than hangs.
      this.workers.splice(this.workers.indexOf(entry), 1);
      entry.busy?.job.reject(error);
      this.dispatch();
    });
    this.workers.push(entry);
    return entry;
  }
}
