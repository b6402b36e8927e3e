export * from './LoopbackServerInitializer';
export * from './OperatorSecretStore';
export * from './OperatorSecretInitializer';
export * from './ProvisionHttpHandler';
export * from './BcryptWorkerPool';
export * from './WorkerPasswordStore';
