import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPodServer, type RunningPodServer } from '@sdt/pods-config';
import { provisionCitizen, type CitizenToProvision, type ProvisionResult } from '@sdt/pod';
import type { Territory } from '@sdt/vocab';
import { getFreePort } from './ports.ts';

/** A real pod server started for a test, in a temporary folder removed by `stop()`. */
export interface TestPodServer extends RunningPodServer {
  /** Citizens provisioned at start, in the order given. */
  citizens: (ProvisionResult & { email: string; password: string })[];
}

/**
 * Starts a real territory pod server (the shipped config) on a free port with a fresh temporary
 * data folder, and provisions the given citizens through the account API.
 */
export async function startTestPodServer(
  options: { territory?: Territory; citizens?: CitizenToProvision[]; extraConfigs?: string[] } = {},
): Promise<TestPodServer> {
  const territory = options.territory ?? 'lyon';
  const rootFilePath = await mkdtemp(path.join(tmpdir(), `sdt-${territory}-`));
  const port = await getFreePort();
  const server = await startPodServer({
    territory,
    port,
    rootFilePath,
    loggingLevel: 'error',
    ...(options.extraConfigs ? { extraConfigs: options.extraConfigs } : {}),
  });
  const citizens: TestPodServer['citizens'] = [];
  try {
    for (const citizen of options.citizens ?? []) {
      const result = await provisionCitizen(server.baseUrl, citizen);
      citizens.push({ ...result, email: citizen.email, password: citizen.password });
    }
  } catch (error: unknown) {
    await server.stop();
    await rm(rootFilePath, { recursive: true, force: true });
    throw error;
  }
  return {
    ...server,
    citizens,
    stop: async () => {
      await server.stop();
      await rm(rootFilePath, { recursive: true, force: true });
    },
  };
}
