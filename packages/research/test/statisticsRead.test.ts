import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTerritoryStatistics, StatisticsError } from '@sdt/research';

describe('reading published statistics', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    // A server that accepts the request and never answers.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on a server that does not answer, with an http error naming the URL', async () => {
    const error = await readTerritoryStatistics(baseUrl, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(StatisticsError.isInstance(error) && error.code).toBe('http');
    expect((error as Error).message).toContain(`${baseUrl}research-engine/statistics/monthly`);
  });
});
