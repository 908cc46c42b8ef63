import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../units/unit.entity';

/**
 * What a complaint is about. The default unit is the programme owner of Kepsekda 75/2023 BAB 2;
 * Diskominfo sees it as the suggestion when it reviews a complaint.
 */
@Entity('categories')
export class Category {
  @PrimaryColumn({ type: 'varchar', length: 48 })
  code: string;

  @Column({ type: 'varchar', length: 160 })
  name: string;

  /** A broader heading (Open311's `group`). */
  @Column({ name: 'group_name', type: 'varchar', length: 80 })
  group: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ name: 'default_unit_code', type: 'varchar', length: 40 })
  defaultUnitCode: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'default_unit_code' })
  defaultUnit?: Unit;

  /**
   * A category whose complaints tell of a household's need (the poverty path): a public read
   * (Open311) shows neither their description nor their place, only the kelurahan.
   */
  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  /**
   * A follow-up on its complaints must carry a photo of the work: Diskominfo validates by
   * comparing it with the reporter's (75/2023 §3.5.f.5).
   */
  @Column({ name: 'requires_photo_evidence', type: 'boolean', default: false })
  requiresPhotoEvidence: boolean;

  /** The broader category a programme belongs to (KJP Plus under Bantuan pendidikan). */
  @Column({ name: 'parent_code', type: 'varchar', length: 48, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Category | null;

  /**
   * Its tickets go to the Suku Dinas of the ticket's kota (a `ukpd` under the default unit with
   * that kota as its region), where one exists; else to the default unit itself.
   */
  @Column({ name: 'route_to_sudin', type: 'boolean', default: false })
  routeToSudin: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
