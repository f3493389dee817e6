import { TestEnvironment } from 'jest-environment-jsdom';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';

/**
 * jsdom without the parts of the platform jsdom lacks but browsers have: the Fetch API classes
 * (`Response`, `Headers`, `Request`) and `TextEncoder`/`TextDecoder`, borrowed from Node.
 * `fetch` itself is left out on purpose: tests mock it at the network edge.
 */
export default class WebTestEnvironment extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const target = this.global as unknown as Record<string, unknown>;
    const borrowed = { Response, Headers, Request, TextEncoder, TextDecoder };
    for (const [name, value] of Object.entries(borrowed)) {
      if (target[name] === undefined) target[name] = value;
    }
  }
}
