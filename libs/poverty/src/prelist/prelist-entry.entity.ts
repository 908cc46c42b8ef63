import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const PRELIST_STATUSES = [
  'menunggu_verifikasi',
  'diverifikasi',
  'layak',
  'tidak_layak',
  'dikirim',
  'ditetapkan',
] as const;
export type PrelistStatus = (typeof PRELIST_STATUSES)[number];

/**
 * A household on the prelist for field verification (flow 4, steps 5–7; §3.1.3). One open entry
 * per household, keyed by the head's NIK hash: a second complaint about the same person links to
 * the entry (`complaintIds`) instead of making another.
 */
@Entity('prelist_entries')
@Index('ux_prelist_entries_open_household', ['headNikHash'], {
  unique: true,
  where: `"status" NOT IN ('tidak_layak', 'ditetapkan')`,
})
@Index('ix_prelist_entries_kelurahan', ['kelurahanCode', 'status'])
@Index('ix_prelist_entries_cycle', ['cycleId', 'status'])
@Check('ck_prelist_entries_source', `source IN ('complaint', 'muskel')`)
@Check(
  'ck_prelist_entries_status',
  `status IN ('menunggu_verifikasi', 'diverifikasi', 'layak', 'tidak_layak', 'dikirim', 'ditetapkan')`,
)
export class PrelistEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * The household's key: the head's NIK hash; for a head without a NIK, a hash of the family
   * card's hash, or of the application when there is no card (such a household is matched by
   * no later complaint: nothing identifies it)
   */
  @Column({ name: 'head_nik_hash', type: 'char', length: 64 })
  headNikHash: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  /** The complaints about this household, first one first */
  @Column({ name: 'complaint_ids', type: 'uuid', array: true })
  complaintIds: string[];

  @Column({ name: 'kelurahan_code', type: 'varchar', length: 13 })
  kelurahanCode: string;

  /** `complaint` (triage, flow 4) or `muskel` (added by the Musyawarah Kelurahan, §3.1.3.4.g) */
  @Column({ type: 'varchar', length: 16, default: 'complaint' })
  source: 'complaint' | 'muskel';

  /** The authorised officers' verification of the Musyawarah's result (§3.1.3.4.h) */
  @Column({ name: 'reverified_at', type: 'timestamptz', nullable: true })
  reverifiedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  emergency: boolean;

  /** Some member has no NIK: Disdukcapil registers them alongside the prelist (§2.4.2.2) */
  @Column({ name: 'needs_registration', type: 'boolean', default: false })
  needsRegistration: boolean;

  /** The child ticket at Disdukcapil for that registration */
  @Column({ name: 'registration_ticket_id', type: 'uuid', nullable: true })
  registrationTicketId: string | null;

  @Column({ type: 'varchar', length: 24, default: 'menunggu_verifikasi' })
  status: PrelistStatus;

  /**
   * The cycle of the target data set it belongs to (its determination date, 75/2023 §3.1.4):
   * the first whose cut-off had not passed when it was prelisted
   */
  @Column({ name: 'cycle_id', type: 'date' })
  cycleId: string;

  /** The cycle it was sent in; a later one than `cycleId` when it missed that cut-off */
  @Column({ name: 'sent_cycle_id', type: 'date', nullable: true })
  sentCycleId: string | null;

  /** The first verification (the entry became `diverifikasi`) */
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  /** The Musyawarah Kelurahan's decision */
  @Column({ name: 'muskel_eligible', type: 'boolean', nullable: true })
  muskelEligible: boolean | null;

  @Column({ name: 'muskel_note', type: 'text', nullable: true })
  muskelNote: string | null;

  @Column({ name: 'muskel_at', type: 'timestamptz', nullable: true })
  muskelAt: Date | null;

  /** When the entry left in a Matriks 3 export for ranking */
  @Column({ name: 'exported_at', type: 'timestamptz', nullable: true })
  exportedAt: Date | null;

  /** The feedback: set by the Governor's decree, or not */
  @Column({ name: 'set_by_decree', type: 'boolean', nullable: true })
  setByDecree: boolean | null;

  /** When the feedback decided it */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
