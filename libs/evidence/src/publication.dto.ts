import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { saying } from '@crm/core';

/** At most this many regions blurred in one photo. */
export const MAX_REDACTIONS = 20;

const FRACTION = saying(
  'harus pecahan dari gambar, 0 sampai 1',
  'must be a fraction of the image, 0 to 1',
);

/** A region to blur: its top left corner and size, as fractions of the image's width and height. */
export class RedactionInput {
  @IsNumber({ allowNaN: false, allowInfinity: false }, FRACTION)
  @Min(0, FRACTION)
  @Max(1, FRACTION)
  x: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }, FRACTION)
  @Min(0, FRACTION)
  @Max(1, FRACTION)
  y: number;

  /** Width (more than 0; what lies beyond the image's edge is left out) */
  @IsNumber({ allowNaN: false, allowInfinity: false }, FRACTION)
  @Min(0.001, FRACTION)
  @Max(1, FRACTION)
  w: number;

  @IsNumber({ allowNaN: false, allowInfinity: false }, FRACTION)
  @Min(0.001, FRACTION)
  @Max(1, FRACTION)
  h: number;
}

export class PublicationRequestDto {
  /** Regions to blur (faces, house numbers, vehicle plates); none: the photo as it is */
  @IsOptional()
  @IsArray(saying('harus daftar wilayah', 'must be a list of regions'))
  @ArrayMaxSize(
    MAX_REDACTIONS,
    saying(`paling banyak ${MAX_REDACTIONS} wilayah`, `at most ${MAX_REDACTIONS} regions`),
  )
  @ValidateNested({ each: true })
  @Type(() => RedactionInput)
  redact?: RedactionInput[];
}
