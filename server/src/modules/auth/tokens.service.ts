import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, Platform, Role, TokenPair } from '@hrlink/shared';
import { TypedConfig } from '../../config/typed-config';
import { AppError } from '../../common/errors/app-error';
import type { AccessTokenPayload, SessionKind } from '../../common/auth/auth.types';
import { newId } from '../../common/ids';
import { Transactions } from '../../database/transactions';
import { RefreshToken } from './entities/refresh-token.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Subject {
  kind: SessionKind;
  id: string;
  tenantId: string;
  roles: Role[];
  platform: Platform | null;
}

/** Short-lived JWT access tokens + opaque rotating refresh tokens (stored hashed; reuse revokes the family). */
@Injectable()
export class TokensService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly jwt: JwtService,
    private readonly config: TypedConfig,
  ) {}

  async issue(subject: Subject, familyId: string = newId()): Promise<TokenPair> {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config.get('auth');
    const payload: AccessTokenPayload = {
      kind: subject.kind, sub: subject.id, tid: subject.tenantId, roles: subject.roles, platform: subject.platform,
    };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: accessTokenTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    const repo = this.ds.getRepository(RefreshToken);
    await repo.save(
      repo.create({
        tenantId: subject.tenantId, subjectKind: subject.kind, subjectId: subject.id, familyId, tokenHash: sha256(refreshToken),
        platform: subject.platform, expiresAt: new Date(Date.now() + refreshTokenTtlSeconds * 1000), usedAt: null, revokedAt: null,
      }),
      { transaction: false }, // one INSERT; see Transactions for why SQLite writes avoid implicit transactions
    );
    return { accessToken, expiresIn: accessTokenTtlSeconds, refreshToken };
  }

  /**
   * Marks the refresh token used and returns it. A token used twice means it leaked: the whole family is revoked.
   * Conditional UPDATE so two concurrent refreshes cannot both succeed.
   */
  async consume(refreshToken: string): Promise<RefreshToken> {
    const repo = this.ds.getRepository(RefreshToken);
    const row = await repo.findOneBy({ tokenHash: sha256(refreshToken) });
    if (!row) throw new AppError(ErrorCode.AUTH_REFRESH_INVALID);
    if (row.usedAt || row.revokedAt) {
      await this.revokeFamily(row.familyId);
      throw new AppError(ErrorCode.AUTH_REFRESH_INVALID, undefined, { reason: row.revokedAt ? 'revoked' : 'reused' });
    }
    if (new Date(row.expiresAt).getTime() <= Date.now()) throw new AppError(ErrorCode.AUTH_REFRESH_INVALID, undefined, { reason: 'expired' });
    const res = await this.tx.run((m) =>
      m.createQueryBuilder().update(RefreshToken).set({ usedAt: new Date(), updatedAt: new Date() })
        .where('id = :id AND usedAt IS NULL AND revokedAt IS NULL', { id: row.id }).execute(),
    );
    if ((res.affected ?? 0) !== 1) {
      await this.revokeFamily(row.familyId);
      throw new AppError(ErrorCode.AUTH_REFRESH_INVALID, undefined, { reason: 'reused' });
    }
    return row;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.ds.getRepository(RefreshToken).createQueryBuilder().update()
      .set({ revokedAt: new Date(), updatedAt: new Date() })
      .where('familyId = :familyId AND revokedAt IS NULL', { familyId }).execute();
  }

  async revoke(refreshToken: string): Promise<void> {
    const row = await this.ds.getRepository(RefreshToken).findOneBy({ tokenHash: sha256(refreshToken) });
    if (row) await this.revokeFamily(row.familyId);
  }
}
