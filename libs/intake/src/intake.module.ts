import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { TicketsModule } from '@crm/tickets';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

/** Where a complaint enters: JAKI's signed push and the operators of the other 12 channels. */
@Module({
  imports: [ReferenceModule, TicketsModule],
  controllers: [IntakeController],
  providers: [IntakeService],
  // Open311 requests enter through the same intake as every other channel.
  exports: [IntakeService],
})
export class IntakeModule {}
