import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { SlaCalendar } from './sla-calendar';
import { SlaRulesController } from './sla-rules.controller';

/** Deadlines: the rules admins edit, and the calendar that turns them into a policy. */
@Module({
  imports: [ReferenceModule],
  controllers: [SlaRulesController],
  providers: [SlaCalendar],
  exports: [SlaCalendar],
})
export class SlaModule {}
