import { prelistDueAt } from './prelist-clock';

describe('prelistDueAt', () => {
  const rules = { verificationDays: 14, muskelDays: 30 };
  const createdAt = new Date('2026-03-01T02:00:00Z');
  const verifiedAt = new Date('2026-03-05T02:00:00Z');

  it('gives the verification its days from the entry', () => {
    expect(
      prelistDueAt({ status: 'menunggu_verifikasi', createdAt, verifiedAt: null }, rules),
    ).toEqual(new Date('2026-03-15T02:00:00Z'));
  });

  it('gives the Musyawarah its days from the first verification', () => {
    expect(prelistDueAt({ status: 'diverifikasi', createdAt, verifiedAt }, rules)).toEqual(
      new Date('2026-04-04T02:00:00Z'),
    );
  });

  it('runs no stage clock once the Musyawarah has decided', () => {
    for (const status of ['layak', 'tidak_layak', 'dikirim', 'ditetapkan'] as const) {
      expect(prelistDueAt({ status, createdAt, verifiedAt }, rules)).toBeNull();
    }
  });
});
