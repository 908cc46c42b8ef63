export * from './registry.module';
export * from './registry-person.entity';
export * from './import/registry-csv';
export * from './import/registry-importer';
export * from './registry-lookup';
