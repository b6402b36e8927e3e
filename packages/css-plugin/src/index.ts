export * from './LoopbackServerInitializer';
