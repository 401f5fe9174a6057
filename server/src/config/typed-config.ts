import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Config } from './configuration';

/** Typed access to one concern of the config: `cfg.get('auth').jwtSecret`. */
@Injectable()
export class TypedConfig {
  constructor(private readonly config: ConfigService) {}
  get<K extends keyof Config>(key: K): Config[K] {
    return this.config.getOrThrow<Config[K]>(key);
  }
}
