import { Module } from '@nestjs/common';
import { EvidenceModule } from '@crm/evidence';
import { IntakeModule } from '@crm/intake';
import { ReferenceModule } from '@crm/reference';
import { TicketsModule } from '@crm/tickets';
import { Open311ApiKeyGuard, Open311OptionalApiKeyGuard } from './georeport/api-key.guard';
import { RequestSearch } from './georeport/request-search';
import { RequestSubmission } from './georeport/request-submission';
import { RequestsController } from './georeport/requests.controller';
import { ServiceCatalog } from './georeport/service-catalog';
import { ServicesController } from './georeport/services.controller';
import { Open311KeysController } from './keys/open311-keys.controller';
import { Open311Keys } from './keys/open311-keys.service';

/**
 * Open311 GeoReport v2 under /open311/v2 (services are the categories, requests enter intake as
 * complaints of the api_key's channel), and the admin endpoints for the keys.
 */
@Module({
  imports: [ReferenceModule, TicketsModule, IntakeModule, EvidenceModule],
  controllers: [ServicesController, RequestsController, Open311KeysController],
  providers: [
    Open311Keys,
    Open311ApiKeyGuard,
    Open311OptionalApiKeyGuard,
    ServiceCatalog,
    RequestSubmission,
    RequestSearch,
  ],
})
export class Open311Module {}
