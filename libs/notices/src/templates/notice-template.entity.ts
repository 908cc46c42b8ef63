import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An admin's text for one kind of the reporter's notices, in place of the service's own. */
@Entity('notice_templates')
export class NoticeTemplate {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
