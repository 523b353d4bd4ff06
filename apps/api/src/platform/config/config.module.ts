import { DynamicModule, Global, Module } from '@nestjs/common';
import { BATON_CONFIG, type BatonConfig } from './config.js';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: BatonConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: BATON_CONFIG, useValue: config }],
      exports: [BATON_CONFIG],
    };
  }
}
