import { DynamicModule } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import type { Config } from './configuration';

/** Registers each concern under its key (`app`, `database`, `auth`, `crypto`, `platforms`) from an already validated config. */
export function configModule(config: Config): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    load: (Object.keys(config) as (keyof Config)[]).map((key) => registerAs(key, () => config[key])),
  });
}
