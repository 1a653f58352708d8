/**
 * The data source of one service for the TypeORM CLI and the `migrate` target: the service named
 * by CIRKEL_SERVICE, its entities and migrations from `apps/<service>/src/<service>.persistence.ts`,
 * its schema and database from the environment, as the service itself would use them.
 *
 *   npx nx run ideas:migrate
 *   npx nx run ideas:migration-generate --name=AddIdeaStages
 */
import { DataSource } from 'typeorm';
import { loadConfig } from '@cirkel/config';
import { APP_NAMES, AppName } from '@cirkel/contracts';
import { dataSourceOptions, PersistenceOptions } from '@cirkel/persistence';

const service = process.env.CIRKEL_SERVICE as AppName;
if (!APP_NAMES.includes(service)) throw new Error(`Set CIRKEL_SERVICE to one of ${APP_NAMES.join(', ')}`);

const persistence = require(`../apps/${service}/src/${service}.persistence`) as Record<string, PersistenceOptions>;
const options = Object.values(persistence)[0];

export default new DataSource(dataSourceOptions(loadConfig(service), options));
