import { UnitRefDto } from '../units/units.dto';

export class CategoryDto {
  code: string;
  name: string;
  group: string;
  description: string;
  keywords: string[];
  /** The programme owner suggested to Diskominfo when it routes a complaint */
  defaultUnit: UnitRefDto;
  /** Its complaints tell of a household's need: public reads (Open311) hide description and place */
  sensitive: boolean;
}
