import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthTokensDto, ChangePasswordRequest, LoginRequest } from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AccessTokenService } from '../../core/auth/access-token.service';
import { verifyPassword } from '../../core/auth/password-hasher';
import { InvitationsService } from '../users/invitations.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { InvalidCredentialsException } from './auth.exception';
import { RefreshTokenService } from '../users/refresh-token.service';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  async login({ email, password }: LoginRequest, userAgent?: string): Promise<AuthTokensDto> {
    const user = await this.db.getRepository(User).findOne({
      where: { email },
      select: { id: true, passwordHash: true, active: true, sessionVersion: true },
    });
    const valid = await verifyPassword(user?.passwordHash ?? undefined, password);
    // Inactive accounts get the same answer as wrong passwords: no hint which emails exist.
    if (!user || !valid || !user.active) throw new InvalidCredentialsException();

    await this.db.getRepository(User).update(user.id, { lastLoginAt: new Date() });
    const refreshToken = await this.refreshTokens.issue(user.id, userAgent);
    return this.tokensFor(user.id, refreshToken, user.sessionVersion);
  }

  async refresh(refreshToken: string, userAgent?: string): Promise<AuthTokensDto> {
    const { userId, token, sessionVersion } = await this.refreshTokens.rotate(
      refreshToken,
      userAgent,
    );
    return this.tokensFor(userId, token, sessionVersion);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeFamily(refreshToken);
  }

  /** Ends every session of the user, this one included. */
  logoutEverywhere(userId: string): Promise<void> {
    return this.users.signOutEverywhere(userId);
  }

  /** Every other session ends; the one the change was made from goes on with the tokens returned. */
  changePassword(
    userId: string,
    input: ChangePasswordRequest,
    userAgent?: string,
  ): Promise<AuthTokensDto> {
    return this.users.changeOwnPassword(userId, input, async (m, sessionVersion) =>
      this.tokensFor(
        userId,
        await this.refreshTokens.issue(userId, userAgent, m),
        sessionVersion,
        m,
      ),
    );
  }

  /** Accepts a one-time link with the password chosen, and signs the user in as `login` does. */
  redeemLink(token: string, password: string, userAgent?: string): Promise<AuthTokensDto> {
    return this.invitations.redeem(token, password, async (m, userId, sessionVersion) =>
      this.tokensFor(
        userId,
        await this.refreshTokens.issue(userId, userAgent, m),
        sessionVersion,
        m,
      ),
    );
  }

  /**
   * `sessionVersion` is the one read together with the refresh token's checks: if the user's
   * sessions end right after, this access token ends with them.
   */
  private async tokensFor(
    userId: string,
    refreshToken: string,
    sessionVersion: number,
    m: EntityManager = this.db.manager,
  ): Promise<AuthTokensDto> {
    const user = await this.users.get(userId, m);
    return {
      accessToken: this.accessTokens.sign(user, sessionVersion),
      refreshToken,
      expiresIn: this.config.auth.accessTtlSeconds,
      user,
    };
  }
}
