import type { ResourceIdentifier } from '@solid/community-server';

/**
 * What the plugin needs of CSS's `ActivityEmitter` (the `MonitoringStore` at
 * `urn:solid-server:default:ResourceStore`): a `changed` event per created, updated or deleted
 * resource. Declared here because the Components.js generator cannot read CSS's type alias.
 */
export interface ChangeEmitter {
  on: (event: 'changed', listener: (target: ResourceIdentifier) => void) => unknown;
}
