import type { UnitType } from '../units/unit.entity';
import { UnitRefDto } from '../units/units.dto';

export class ChannelDto {
  code: string;
  name: string;
  /** Whether complaints arrive with a map point (JAKI only) */
  geotagged: boolean;
  /** The unit whose head answers for the channel; null for the per-office channels */
  responsibleUnit: UnitRefDto | null;
  /** For Kantor Walikota/Camat/Lurah: the type of office that answers for its own channel */
  responsibleUnitType: UnitType | null;
  /** The official named by Kepsekda 75/2023, 3.5.d */
  responsibleOfficial: string;
  /** false: operators may not enter complaints on it now (JAKI's pushes are always received) */
  active: boolean;
}
