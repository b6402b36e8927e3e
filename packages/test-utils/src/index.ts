export * from './ports.ts';
export * from './startTestPodServer.ts';
export * from './ownerFetch.ts';
