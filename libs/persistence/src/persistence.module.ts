import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { dataSourceOptions, migrate, PersistenceOptions } from './data-source.factory';

/** The service's one DataSource, migrated before the app answers anything. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [CIRKEL_CONFIG],
          useFactory: (config: CirkelConfig) => dataSourceOptions(config, options),
          dataSourceFactory: async (opts) => {
            if (!opts) throw new Error('PersistenceModule: no data source options');
            const dataSource = await new DataSource(opts).initialize();
            const applied = await migrate(dataSource);
            if (applied.length > 0) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
