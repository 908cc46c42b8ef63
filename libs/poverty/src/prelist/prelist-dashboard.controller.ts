import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiSignedInErrors, Roles } from '@crm/core';
import { PrelistDashboard, PrelistFiguresDto } from './prelist-dashboard';

@ApiTags('dashboard')
@ApiBearerAuth()
@ApiSignedInErrors()
@Controller('api/v1/dashboard/prelist')
export class PrelistDashboardController {
  constructor(private readonly dashboard: PrelistDashboard) {}

  /** The prelist by stage, and the entries past their stage's deadline (no personal data). */
  @Get()
  @Roles('dashboard', 'diskominfo', 'admin')
  figures(): Promise<PrelistFiguresDto> {
    return this.dashboard.figures();
  }
}
