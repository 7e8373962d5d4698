export * from './postcode.js';
