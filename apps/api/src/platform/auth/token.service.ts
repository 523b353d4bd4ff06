// Access tokens are HS256 JWTs. The signing secret lives in the database
// (created on first start), so every API process of an installation accepts
// every other's tokens without extra configuration.
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { BATON_CONFIG, type BatonConfig } from '../config/config.js';
import type { AuthUser } from './auth.types.js';

@Injectable()
export class TokenService implements OnModuleInit {
  private secret = '';
  /**
   * The same secret as a KeyObject for verify: given a string, jsonwebtoken
   * first tries it as a public key and catches the failure, on every request.
   */
  private key?: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  async onModuleInit() {
    // Migrations (DatabaseModule) run first: it is imported before this module.
    const candidate = randomBytes(48).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO system_settings (key, value) VALUES ('jwt_secret', $1) ON CONFLICT (key) DO NOTHING`,
      [candidate],
    );
    const rows: { value: string }[] = await this.dataSource.query(
      `SELECT value FROM system_settings WHERE key = 'jwt_secret'`,
    );
    this.secret = rows[0].value;
    this.key = createSecretKey(Buffer.from(this.secret));
  }

  sign(user: AuthUser): string {
    return this.jwt.sign(
      { sub: user.id, username: user.username, roles: user.roles },
      { secret: this.secret, expiresIn: this.config.tokenTtlSeconds, algorithm: 'HS256' },
    );
  }

  /** The caller, or undefined when the token is missing, forged or expired. */
  verify(token: string): AuthUser | undefined {
    try {
      const claims = this.jwt.verify<{ sub: string; username: string; roles: string[] }>(token, {
        secret: (this.key ?? this.secret) as string,
        algorithms: ['HS256'],
      });
      return { id: claims.sub, username: claims.username, roles: claims.roles ?? [] };
    } catch {
      return undefined;
    }
  }
}
