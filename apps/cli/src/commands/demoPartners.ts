/**
 * `selfdata demo partners`: each demo service's whole journey with its territory's demo citizen,
 * against the running platform.
 */
import path from 'node:path';
import { runServiceJourney, type JourneyStep } from '@sdt/partner-sdk';
import { getDemoAccount } from '@sdt/synth';
import type { Territory } from '@sdt/vocab';
import { CliError } from '../CliError.ts';
import { assertServerUp } from './seed.ts';
import { runGrantsApprove, runGrantsRevoke } from './grantsCommands.ts';
import { withOwnerSession } from './grantsSession.ts';
import {
  DEMO_PARTNER_SERVICES,
  startPartnerServices,
  type DemoPartnerService,
  type RunningPartnerServices,
} from './demoServices.ts';

/** Options of {@link runDemoPartners}. */
export interface DemoPartnersOptions {
  readonly serverUrls: Readonly<Record<Territory, string>>;
  /** Folder of the partners' credentials and kept results, when the demo starts the services itself. */
  readonly dataDir: string;
  /** Run only these services (default: all three). */
  readonly only?: readonly string[];
  /** Start every service for the run on a free port, never reusing one already running (tests). */
  readonly freePorts?: boolean;
  /** Print a line (default: stdout). */
  readonly print?: (line: string) => void;
}

async function isUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('health', url), { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Runs the journey of each demo service: the service sends its request, the demo citizen approves it
 * (through the code of `selfdata grants approve`), the service computes from the
 * granted data, the citizen revokes, and the service's next read is refused. Services already running
 * on their ports (e.g. `pnpm start --with-partners`) are used; the others are started for the run.
 *
 * @returns true when every step of every service succeeded
 * @throws CliError when a pod server is down or a service name is unknown
 */
export async function runDemoPartners(options: DemoPartnersOptions): Promise<boolean> {
  const print = options.print ?? ((line: string): void => void process.stdout.write(`${line}\n`));
  const unknown = (options.only ?? []).filter((name) => !DEMO_PARTNER_SERVICES.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new CliError(
      `unknown service ${unknown.join(', ')}; expected ${DEMO_PARTNER_SERVICES.map((s) => s.name).join(', ')}.`,
    );
  const selected = DEMO_PARTNER_SERVICES.filter(
    (s) => !options.only || options.only.length === 0 || options.only.includes(s.name),
  );
  for (const territory of new Set(selected.map((s) => s.territory)))
    await assertServerUp(options.serverUrls[territory], territory);

  const toStart: DemoPartnerService[] = [];
  const urls = new Map<string, string>();
  for (const service of selected) {
    const url = `http://localhost:${service.port}/`;
    if (!options.freePorts && (await isUp(url))) {
      urls.set(service.name, url);
      print(`${service.name}: using the service already running at ${url}`);
    } else {
      toStart.push(service);
    }
  }
  let started: RunningPartnerServices | undefined;
  if (toStart.length > 0) {
    started = await startPartnerServices({
      serverUrls: options.serverUrls,
      dataDir: options.dataDir,
      services: toStart,
      quiet: true,
      ...(options.freePorts ? { ports: { 'solidarity-tariff': 0, 'energy-coach': 0, 'co2-coach': 0 } } : {}),
    });
    for (const service of started.services) {
      urls.set(service.name, service.url);
      print(`${service.name}: service started at ${service.url}`);
    }
  }
  let allOk = true;
  try {
    for (const service of selected) {
      const login = getDemoAccount(service.territory);
      const flags = { server: options.serverUrls[service.territory], email: login.email, password: login.password };
      let webId: string;
      try {
        webId = await withOwnerSession(flags, async (session) => session.webId);
      } catch (error: unknown) {
        print(
          `${service.name}: FAILED: the demo citizen ${login.email} cannot log in on ${flags.server} (${(error as Error).message}); run "selfdata seed --territory ${service.territory} --citizens 0"`,
        );
        allOk = false;
        continue;
      }
      const journey = await runServiceJourney({
        service: service.name,
        appUrl: urls.get(service.name)!,
        citizen: { webId },
        platformServers: Object.values(options.serverUrls),
        // The citizen answers through the code of `selfdata grants approve` / `selfdata grants revoke`.
        approve: async (requestIri) => {
          const out: string[] = [];
          const warnings: string[] = [];
          await runGrantsApprove(
            requestIri,
            flags,
            (line) => out.push(line),
            (line) => warnings.push(line),
          );
          const grantIri = out[out.length - 1];
          if (!grantIri) throw new Error('the approval printed no grant');
          return { grantIri, delivered: warnings.length === 0, message: [out[0] ?? '', ...warnings].join('; ') };
        },
        revoke: async (grantIri) => {
          const out: string[] = [];
          const warnings: string[] = [];
          await runGrantsRevoke(
            grantIri,
            flags,
            (line) => out.push(line),
            (line) => warnings.push(line),
          );
          return [out[out.length - 1] ?? '', ...out.slice(0, -1), ...warnings].join('; ');
        },
        onStep: (step: JourneyStep) =>
          print(`${step.service}: ${step.ok ? '' : 'FAILED: '}${step.step}: ${step.message}`),
      });
      allOk &&= journey.ok;
    }
  } finally {
    await started?.stop();
  }
  return allOk;
}

/** Default folder of the demo partners' data (credentials, kept results). */
export function defaultPartnersDataDir(repoRoot: string): string {
  return path.join(process.env.SDT_DATA_DIR ?? path.join(repoRoot, '.data'), 'partners');
}
