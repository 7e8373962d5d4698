export * from './postcode.js';
export * from './random.js';
export * from './nhs-number.js';
export * from './ubrn.js';
export * from './access-code.js';
