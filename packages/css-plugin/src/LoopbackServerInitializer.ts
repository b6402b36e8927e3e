import type { Server } from 'node:http';
import { promisify } from 'node:util';
import type { HttpServerFactory } from '@solid/community-server';
import { getLoggerFor, Initializer } from '@solid/community-server';

/**
 * Creates the HTTP server and listens on a given host (loopback by default) instead of all interfaces.
 * Replaces CSS's `ServerInitializer`, which has no bind-address option.
 */
export class LoopbackServerInitializer extends Initializer {
  protected readonly logger = getLoggerFor(this);
  private server?: Server;

  /**
   * @param serverFactory - Factory creating the HTTP server.
   * @param port - TCP port to listen on.
   * @param host - Address to bind, `127.0.0.1` unless told otherwise.
   */
  public constructor(
    private readonly serverFactory: HttpServerFactory,
    private readonly port: number,
    private readonly host = '127.0.0.1',
  ) {
    super();
  }

  public override async handle(): Promise<void> {
    this.server = await this.serverFactory.createServer();
    const server = this.server;
    await new Promise<void>((resolve, reject): void => {
      server.once('error', reject);
      server.listen(this.port, this.host, (): void => {
        server.off('error', reject);
        resolve();
      });
    });
    this.logger.info(`Listening on http://${this.host}:${this.port}/`);
  }

  public async finalize(): Promise<void> {
    if (this.server) {
      const server = this.server;
      // Keep-alive sockets would otherwise keep `close` waiting.
      server.closeAllConnections?.();
      await promisify(server.close.bind(server))();
    }
  }
}
