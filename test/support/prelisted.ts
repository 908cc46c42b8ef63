import { parseNik } from '@crm/identity';
import { syntheticKk, syntheticNik, type Random } from '@crm/testing';
import type { TestApi } from './test-api';

/**
 * A household triaged onto the prelist through the API, the way flow 4 gets there: an SMS
 * complaint, routed, a registry check that does not find the head, the form, the triage.
 */
export async function prelistedHousehold(
  api: TestApi,
  random: Random,
  { kelurahanCode = '31.71.01.1001', others = [] as object[] } = {},
): Promise<{ entryId: string; headNik: string; complaintId: string; trackingNumber: string }> {
  const headNik = syntheticNik(random, 'L');
  const auth = async (role: 'operator' | 'diskominfo') => ({
    Authorization: `Bearer ${await api.token(role, 'diskominfo', role === 'operator' ? ['sms'] : undefined)}`,
  });
  const res = await api
    .http()
    .post('/api/v1/complaints')
    .set(await auth('operator'))
    .send({
      channel: 'sms',
      details: { senderNumber: '081200000088' },
      reporter: { name: 'Bapak Contoh', phone: '081200000088' },
      description: 'Belum terdata, mohon dibantu',
    })
    .expect(201);
  const diskominfo = await auth('diskominfo');
  for (let i = 0; i < 100; i++) {
    const t = await api.http().get(`/api/v1/complaints/${res.body.id}`).set(diskominfo);
    if (t.body.routedAt) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const post = (path: string, body: object) =>
    api.http().post(`/api/v1/complaints/${res.body.id}/${path}`).set(diskominfo).send(body);
  await post('registry-check', { nik: headNik }).expect(200);
  const parsed = parseNik(headNik);
  if (!parsed.valid) throw new Error('synthetic NIK invalid');
  await post('application', {
    kk: syntheticKk(random),
    address: 'Jl. Contoh 1',
    kelurahanCode,
    monthlyExpenditure: 900_000,
    members: [
      {
        nik: headNik,
        name: 'Bapak Contoh',
        relation: 'Kepala Keluarga',
        sex: 'L',
        birthDate: parsed.parts.birthDate,
      },
      ...others,
    ],
    conditions: [],
  }).expect(200);
  const triaged = await post('triage', { emergency: false, reason: 'Masuk prelist' }).expect(200);
  return {
    entryId: triaged.body.prelistEntryId,
    headNik,
    complaintId: res.body.id,
    trackingNumber: res.body.trackingNumber,
  };
}
