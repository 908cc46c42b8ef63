import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Matriks 3 export batch: the eligible households one request sent for ranking (marking them
 * `dikirim`), recorded by their prelist entries so that the same file can be downloaded again and
 * the access log can name what left. Append-only: a trigger refuses UPDATE and DELETE.
 */
@Entity('prelist_exports')
@Index('ix_prelist_exports_created_at', ['createdAt'])
export class PrelistExport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The kelurahan it was made for; null for every kelurahan */
  @Column({ name: 'kelurahan_code', type: 'varchar', length: 13, nullable: true })
  kelurahanCode: string | null;

  /** The entries it took, in the order of its Matriks 3 */
  @Column({ name: 'entry_ids', type: 'uuid', array: true })
  entryIds: string[];

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
