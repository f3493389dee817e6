import { Global, Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token.service';
import { ApiTokenSource } from './api-token-source';
import { AuthGuard } from './auth.guard';
import { PrincipalSource } from './principal-source';
import { PrincipalService } from './principal.service';

export interface AuthCoreOptions {
  /** The module that provides `source` (the accounts domain). */
  imports: NonNullable<ModuleMetadata['imports']>;
  source: Type<PrincipalSource>;
  /** Provided by a module of `imports`: API tokens are accepted besides sessions. */
  apiTokens?: Type<ApiTokenSource>;
}

@Global()
@Module({})
export class AuthCoreModule {
  static forRoot(options: AuthCoreOptions): DynamicModule {
    return {
      module: AuthCoreModule,
      imports: [JwtModule.register({}), ...options.imports],
      providers: [
        { provide: PrincipalSource, useExisting: options.source },
        ...(options.apiTokens ? [{ provide: ApiTokenSource, useExisting: options.apiTokens }] : []),
        AccessTokenService,
        PrincipalService,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AccessTokenService, PrincipalService],
    };
  }
}
