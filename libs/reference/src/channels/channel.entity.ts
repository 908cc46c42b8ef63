import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit, UnitType } from '../units/unit.entity';

/** One of the 13 official complaint channels (Kepsekda 75/2023, 3.5.c–d). */
@Entity('channels')
export class Channel {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Only JAKI delivers a map point with every complaint. */
  @Column({ type: 'boolean' })
  geotagged: boolean;

  /** The unit whose head answers for the channel; null for the per-office channels. */
  @Column({ name: 'responsible_unit_code', type: 'varchar', length: 40, nullable: true })
  responsibleUnitCode: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_unit_code' })
  responsibleUnit?: Unit | null;

  /** For Kantor Walikota/Camat/Lurah: each office of that type answers for its own channel. */
  @Column({ name: 'responsible_unit_type', type: 'varchar', length: 16, nullable: true })
  responsibleUnitType: UnitType | null;

  /** The official named by the decree (penanggung jawab). */
  @Column({ name: 'responsible_official', type: 'varchar', length: 120 })
  responsibleOfficial: string;

  /**
   * Operators enter complaints on it (an admin switches a channel off when nobody staffs it);
   * JAKI's pushes are always received.
   */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'smallint' })
  position: number;
}
