/**
 * Synthetic data for tests, benchmarks, demos and the command-line tools — never imported by the
 * service itself (the library graph, .dependency-cruiser.js, refuses it).
 */
export * from './synthetic-identity';
export * from './synthetic-registry';
export * from './synthetic-tickets';
