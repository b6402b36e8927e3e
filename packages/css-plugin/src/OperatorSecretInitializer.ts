import { Initializer } from '@solid/community-server';
import type { OperatorSecretStore } from './OperatorSecretStore';

/**
 * Makes sure the operator secret exists when the server starts, so that a launcher can read it from
 * the data folder as soon as the server is up.
 */
export class OperatorSecretInitializer extends Initializer {
  /** @param secretStore - The store holding the secret. */
  public constructor(private readonly secretStore: OperatorSecretStore) {
    super();
  }

  public override async handle(): Promise<void> {
    await this.secretStore.getSecret();
  }
}
