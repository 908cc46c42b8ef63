import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { RegistryController } from './registry.controller';

/** The P3KE/DTKS registry: import, and (with the complaints) the registry check. */
@Module({
  imports: [ReferenceModule],
  controllers: [RegistryController],
})
export class RegistryModule {}
