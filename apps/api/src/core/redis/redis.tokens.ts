/** Token of the shared command connection (health checks, counters, rate limits). */
export const REDIS = Symbol('REDIS');
