import type { RunningPartnerApp, StartPartnerAppOptions } from './startPartnerApp.ts';

/** Options a partner app's entry point reads from the environment. */
export type EnvironmentOptions = Partial<
  Pick<StartPartnerAppOptions<unknown>, 'port' | 'serverUrl' | 'dataDir' | 'appUrl' | 'pollSeconds' | 'platformServers'>
>;

/**
 * Reads a partner app's options from the environment: `PORT`, `SDT_PARTNER_SERVER` (pod server of the
 * partner account), `SDT_PARTNER_DATA_DIR` (credentials and kept results), `SDT_PARTNER_APP_URL`,
 * `SDT_PARTNER_POLL_SECONDS`, `SDT_PLATFORM_SERVERS` (comma-separated).
 */
export function readPartnerEnvironment(environment: NodeJS.ProcessEnv = process.env): EnvironmentOptions {
  const options: { -readonly [K in keyof EnvironmentOptions]: EnvironmentOptions[K] } = {};
  if (environment.PORT) options.port = Number(environment.PORT);
  if (environment.SDT_PARTNER_SERVER) options.serverUrl = environment.SDT_PARTNER_SERVER;
  if (environment.SDT_PARTNER_DATA_DIR) options.dataDir = environment.SDT_PARTNER_DATA_DIR;
  if (environment.SDT_PARTNER_APP_URL) options.appUrl = environment.SDT_PARTNER_APP_URL;
  if (environment.SDT_PARTNER_POLL_SECONDS) options.pollSeconds = Number(environment.SDT_PARTNER_POLL_SECONDS);
  if (environment.SDT_PLATFORM_SERVERS)
    options.platformServers = environment.SDT_PLATFORM_SERVERS.split(',').filter(Boolean);
  return options;
}

/**
 * Entry point of a partner app process: starts it with the environment's options, prints its URL,
 * tells a parent process (IPC `{ type: 'ready', url }`) and stops cleanly on SIGINT / SIGTERM.
 * Exits with status 1 and one clear line when it cannot start.
 */
export async function runPartnerAppMain(
  name: string,
  start: (options: EnvironmentOptions) => Promise<RunningPartnerApp>,
): Promise<void> {
  let app: RunningPartnerApp;
  try {
    app = await start(readPartnerEnvironment());
  } catch (error: unknown) {
    process.stderr.write(`${name}: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stderr.write(`${name}: ${app.url}\n`);
  process.send?.({ type: 'ready', url: app.url, service: name });
  const stop = (): void => {
    void app.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}
