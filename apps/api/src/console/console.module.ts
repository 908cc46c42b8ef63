import { Module } from '@nestjs/common';
import { ReferenceModule } from '@crm/reference';
import { ConsoleController } from './console.controller';

/** The web console's own routes: its sign-in settings and the development sign-in. */
@Module({ imports: [ReferenceModule], controllers: [ConsoleController] })
export class ConsoleModule {}
