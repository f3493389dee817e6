import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApiTokenDto, ApiTokenWithSecretDto, createApiTokenSchema } from '@touchpoint/shared';
import { DataSource, IsNull } from 'typeorm';
import type { z } from 'zod';
import type { AuthUser } from '../../../core/auth/auth-user';
import { ApiToken } from './api-token.entity';
import { hashApiTokenSecret, newApiTokenSecret } from './api-token-secret';
import { ApiTokenNotFoundException } from './api-tokens.exception';

/** Admins' API tokens: created with a secret shown once, listed, revoked. */
@Injectable()
export class ApiTokensService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<ApiTokenDto[]> {
    const tokens = await this.db.getRepository(ApiToken).find({
      relations: { createdBy: true },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(toApiTokenDto);
  }

  async create(
    admin: AuthUser,
    { name, scopes, expiresAt }: z.output<typeof createApiTokenSchema>,
  ): Promise<ApiTokenWithSecretDto> {
    const token = newApiTokenSecret();
    const repo = this.db.getRepository(ApiToken);
    const { id } = await repo.save(
      repo.create({
        name,
        scopes,
        tokenHash: hashApiTokenSecret(token),
        createdById: admin.id,
        expiresAt: expiresAt ? new Date(expiresAt) : null,
      }),
    );
    return { ...(await this.get(id)), token };
  }

  /** Revoked at once, for every api node (each request reads the token's row). Idempotent. */
  async revoke(id: string): Promise<ApiTokenDto> {
    await this.get(id);
    await this.db
      .getRepository(ApiToken)
      .update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return this.get(id);
  }

  private async get(id: string): Promise<ApiTokenDto> {
    const token = await this.db
      .getRepository(ApiToken)
      .findOne({ where: { id }, relations: { createdBy: true } });
    if (!token) throw new ApiTokenNotFoundException(id);
    return toApiTokenDto(token);
  }
}

function toApiTokenDto(t: ApiToken): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdBy: t.createdBy ? { id: t.createdBy.id, name: t.createdBy.name } : null,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
