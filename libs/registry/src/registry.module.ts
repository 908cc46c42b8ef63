import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { RegistryImports } from './import/registry-imports';
import { RegistryController } from './registry.controller';
import { RegistryLookup } from './registry-lookup';

/** The P3KE/DTKS registry: import, and (with the complaints) the registry check. */
@Module({
  imports: [ReferenceModule],
  controllers: [RegistryController],
  providers: [RegistryLookup, RegistryImports],
  exports: [RegistryLookup],
})
export class RegistryModule {}
