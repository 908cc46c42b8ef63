import { prelistDueAt } from './prelist-clock';

describe('prelistDueAt', () => {
  const rules = { verificationDays: 14, muskelDays: 30 };
  const createdAt = new Date('2026-03-01T02:00:00Z');
  const verifiedAt = new Date('2026-03-05T02:00:00Z');
  const cycle = { cycleId: '2026-06-30', exportedAt: null };

  it('gives the verification its days from the entry', () => {
    expect(
      prelistDueAt({ status: 'menunggu_verifikasi', createdAt, verifiedAt: null, ...cycle }, rules),
    ).toEqual(new Date('2026-03-15T02:00:00Z'));
  });

  it('gives the Musyawarah its days from the first verification', () => {
    expect(
      prelistDueAt({ status: 'diverifikasi', createdAt, verifiedAt, ...cycle }, rules),
    ).toEqual(new Date('2026-04-04T02:00:00Z'));
  });

  it('gives a deliberated entry its cycle’s cut-off, the end of that day in Jakarta', () => {
    for (const status of ['layak', 'tidak_layak'] as const) {
      expect(prelistDueAt({ status, createdAt, verifiedAt, ...cycle }, rules)).toEqual(
        new Date('2026-04-30T16:59:59.999Z'),
      );
    }
  });

  it('runs no clock once the entry is sent', () => {
    const sent = { cycleId: '2026-06-30', exportedAt: new Date('2026-04-01T00:00:00Z') };
    for (const status of ['layak', 'tidak_layak', 'dikirim', 'ditetapkan'] as const) {
      expect(prelistDueAt({ status, createdAt, verifiedAt, ...sent }, rules)).toBeNull();
    }
  });
});
