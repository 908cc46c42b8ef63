import { parseNik } from '@crm/identity';
import { syntheticKk, syntheticNik, type Random } from '@crm/testing';

/** A household member as the application form takes it; sex and birth date read from the NIK. */
export function formMember(nik: string, relation: string) {
  const parsed = parseNik(nik);
  if (!parsed.valid) throw new Error(`formMember: ${nik}: ${parsed.reason}`);
  const { sex, birthDate } = parsed.parts;
  return { nik, name: `Anggota ${relation}`, relation, sex, birthDate };
}

/** An application form for a household of one kelurahan: its head and `children` children. */
export function applicationForm(
  random: Random,
  headNik: string,
  {
    kelurahanCode,
    children = 1,
    address = 'Jl. Contoh Gg. 3 No. 7, RT 02/RW 05',
  }: {
    kelurahanCode: string;
    children?: number;
    address?: string;
  },
) {
  const childNiks = Array.from({ length: children }, () => syntheticNik(random));
  return {
    kk: syntheticKk(random),
    address,
    kelurahanCode,
    monthlyExpenditure: 1_200_000,
    members: [
      formMember(headNik, 'Kepala Keluarga'),
      ...childNiks.map((nik) => formMember(nik, 'Anak')),
    ],
    conditions: [] as string[],
  };
}
