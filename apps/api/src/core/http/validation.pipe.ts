import { Injectable, type ArgumentMetadata } from '@nestjs/common';
import { ZodValidationException, ZodValidationPipe } from 'nestjs-zod';
import { ZodError } from 'zod';
import { findIllFormedText } from '../text/well-formed-text';

const CUSTOMER_CONTENT = 'http:customer-content';

/**
 * Marks a DTO that carries a customer's own words (a public form): it is taken with NUL and unpaired
 * surrogates, which the inbound pipeline replaces and flags, instead of being refused.
 */
export const CustomerContent = (): ClassDecorator => (target) => {
  Reflect.defineMetadata(CUSTOMER_CONTENT, true, target);
};

function isCustomerContent(metatype: ArgumentMetadata['metatype']): boolean {
  return Boolean(metatype && Reflect.getMetadata(CUSTOMER_CONTENT, metatype));
}

/**
 * The one validation every body, query and route parameter goes through: text must be well-formed
 * (a 400 naming the field, before anything reaches the database), then the DTO's zod schema.
 */
@Injectable()
export class AppValidationPipe extends ZodValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom' && !isCustomerContent(metadata.metatype)) {
      const path = findIllFormedText(value);
      if (path) {
        throw new ZodValidationException(
          new ZodError([
            {
              code: 'custom',
              path: metadata.data ? [metadata.data, ...path] : path,
              message: 'must not contain NUL characters or unpaired UTF-16 surrogates',
              input: undefined,
            },
          ]),
        );
      }
    }
    return super.transform(value, metadata);
  }
}
