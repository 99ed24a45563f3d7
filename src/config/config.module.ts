import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.service';
import { validateEnvironment } from './environment';

/** Reads and validates the environment when the application is assembled, not when this file is imported. */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, cache: false, validate: validateEnvironment })],
      providers: [AppConfig],
      exports: [AppConfig],
    };
  }
}
