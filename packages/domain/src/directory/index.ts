export * from './service-attributes.js';
export * from './eligibility.js';
export * from './service-search.js';
export * from './service-definition.js';
