/** Programmatic entry points, for tests and tools that start the server in-process. */
export { configFromEnv, type ServerConfig, type DatabaseConfig } from './config.js';
export { bootstrapDatabase } from './db/bootstrap.js';
export { openDatabase, type Orm } from './db/orm.js';
export { createScratchDatabase } from './db/scratch-database.js';
export { createServer, type RunningServer } from './http/server.js';
