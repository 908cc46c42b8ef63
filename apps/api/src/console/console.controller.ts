import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiError,
  ApiErrorResponses,
  ApiJsonBodyErrors,
  APP_CONFIG,
  AppConfig,
  bilingual,
  mintToken,
  Public,
} from '@crm/core';
import { ReferenceCatalog } from '@crm/reference';
import { ConsoleConfigDto, DevelopmentSignInDto, DevelopmentTokenDto } from './console.dto';

/** A development token lasts a working day, as `npm run token` mints. */
const DEVELOPMENT_TOKEN_HOURS = 8;

/** What the web console (docs/console.md) asks the service before anyone has signed in. */
@ApiTags('console')
@Controller('api/v1/console')
export class ConsoleController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalog: ReferenceCatalog,
  ) {}

  /** How to sign in: the OpenID Connect provider and whether the development sign-in is on */
  @Get('config')
  @Public('What the sign-in page shows: the provider address and client id are public by design')
  configuration(): ConsoleConfigDto {
    return {
      oidc: this.config.console.oidc ?? null,
      developmentSignIn: this.config.console.developmentSignIn,
    };
  }

  /**
   * A development token for a chosen role and unit, so the console can be tried without an
   * identity provider. 404 with NODE_ENV=production or when tokens come from AUTH_JWKS_URL.
   */
  @Post('dev-sign-in')
  @HttpCode(HttpStatus.OK)
  @Public('Development only: refused with NODE_ENV=production, where tokens come from the provider')
  @ApiJsonBodyErrors()
  @ApiErrorResponses([400, 404], {
    400: 'VALIDATION_FAILED: an unknown role, or a unit that does not exist',
    404: 'NOT_FOUND: the development sign-in is off (production, or tokens from AUTH_JWKS_URL)',
  })
  async developmentSignIn(@Body() body: DevelopmentSignInDto): Promise<DevelopmentTokenDto> {
    const secret = this.config.auth.jwtSecret;
    if (!this.config.console.developmentSignIn || !secret) {
      throw new ApiError(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        bilingual(
          'Masuk untuk pengembangan tidak tersedia di sini; masuk melalui penyedia identitas organisasi',
          'The development sign-in is not available here; sign in through the organisation’s identity provider',
        ),
      );
    }
    const unit = await this.catalog.getUnit(body.unit, { admin: false }).catch(() => undefined);
    if (!unit) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        bilingual(
          `Tidak ada unit dengan kode ${body.unit}; pilih unit dari daftar`,
          `No unit has the code ${body.unit}; pick one from the list`,
        ),
      );
    }
    const token = await mintToken(
      secret,
      {
        sub: `dev-${body.role}-${body.unit}`,
        name: body.name ?? `${unit.name} (${body.role})`,
        role: body.role,
        unit: body.unit,
        channels: body.channels,
      },
      `${DEVELOPMENT_TOKEN_HOURS}h`,
    );
    return {
      token,
      expiresAt: new Date(Date.now() + DEVELOPMENT_TOKEN_HOURS * 3600_000).toISOString(),
    };
  }
}
