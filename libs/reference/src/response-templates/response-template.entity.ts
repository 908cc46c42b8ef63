import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Category } from '../categories/category.entity';

/** Where in the work a response template is used. */
export const RESPONSE_STAGES = ['follow-up', 'validation', 'rejection', 'reply'] as const;
export type ResponseStage = (typeof RESPONSE_STAGES)[number];

/**
 * A text staff start from instead of typing it again: a follow-up's note, a validator's
 * rejection, the reason a complaint is turned down, a reply to the reporter — for one category or
 * (without one) for every category. An admin writes them; staff read them.
 */
@Entity('response_templates')
@Check('ck_response_templates_stage', `stage IN ('follow-up', 'validation', 'rejection', 'reply')`)
@Index('ix_response_templates_category_stage', ['categoryCode', 'stage'])
export class ResponseTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null: for every category. */
  @Column({ name: 'category_code', type: 'varchar', length: 48, nullable: true })
  categoryCode: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Category | null;

  @Column({ type: 'varchar', length: 16 })
  stage: ResponseStage;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
