import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ApiErrorResponses,
  ApiJsonBodyErrors,
  ApiSignedInErrors,
  CurrentPrincipal,
  listOf,
  ListQuery,
  ListResponse,
  Principal,
  Roles,
} from '@crm/core';
import {
  CreatedOpen311KeyDto,
  CreateOpen311KeyDto,
  Open311KeyDto,
  Open311KeyIdParam,
} from './open311-keys.dto';
import { Open311Keys } from './open311-keys.service';

@ApiTags('open311')
@ApiBearerAuth()
@ApiSignedInErrors()
@ApiErrorResponses([400])
@Controller('api/v1/open311/keys')
export class Open311KeysController {
  constructor(private readonly keys: Open311Keys) {}

  /** Create a key bound to a channel; the answer is the only time the key is shown */
  @Post()
  @ApiJsonBodyErrors()
  @Roles('admin')
  create(
    @Body() body: CreateOpen311KeyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedOpen311KeyDto> {
    return this.keys.create(body.channel, body.name, principal.sub);
  }

  /** Every key, revoked ones included, without the key values */
  @Get()
  @Roles('admin')
  async list(@Query() query: ListQuery): Promise<ListResponse<Open311KeyDto>> {
    return listOf(await this.keys.list(), query);
  }

  /** Revoke a key: it is refused (403) from now on */
  @Delete(':id')
  @ApiErrorResponses([404])
  @Roles('admin')
  revoke(@Param() { id }: Open311KeyIdParam): Promise<Open311KeyDto> {
    return this.keys.revoke(id);
  }
}
