export * from './age.js';
