/**
 * Child-process entry that runs one territory pod server:
 * `node --import tsx pods-config/src/serve.ts <territory> <port> <rootFilePath> [baseUrl]`.
 * `SDT_EXTRA_CONFIGS` (paths joined by the path delimiter) adds Components.js configs.
 * Sends `{ type: 'ready', baseUrl }` over IPC when listening, stops cleanly on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { startPodServer } from './index.ts';
import { TERRITORIES, type Territory } from '@sdt/vocab';

const [territory, port, rootFilePath, baseUrl] = process.argv.slice(2);
if (!territory || !(TERRITORIES as readonly string[]).includes(territory) || !port || !rootFilePath) {
  process.stderr.write('usage: serve.ts <lyon|nantes|larochelle> <port> <rootFilePath> [baseUrl]\n');
  process.exit(2);
}
try {
  const server = await startPodServer({
    territory: territory as Territory,
    port: Number(port),
    rootFilePath,
    ...(baseUrl ? { baseUrl } : {}),
    loggingLevel: process.env.SDT_LOG_LEVEL ?? 'warn',
    // Extra Components.js configs (path-delimited), e.g. the benchmarks' `variants/stock-css.json`.
    ...(process.env.SDT_EXTRA_CONFIGS ? { extraConfigs: process.env.SDT_EXTRA_CONFIGS.split(path.delimiter) } : {}),
  });
  const stop = async (): Promise<void> => {
    await server.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.send?.({ type: 'ready', baseUrl: server.baseUrl });
} catch (error: unknown) {
  process.stderr.write(`The ${territory} pod server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
