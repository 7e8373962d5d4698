export * from './advice.types.js';
export * from './advice.machine.js';
