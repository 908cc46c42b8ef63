import { loadJakartaRegions } from '../seed/jakarta-boundaries';
import { AddressMatcher } from './address-matcher';

/** The matcher over Jakarta's real 267 kelurahan, 44 kecamatan and 6 kota (data/jakarta). */
const matcher = new AddressMatcher(
  loadJakartaRegions().filter((region) => region.level !== 'provinsi') as never,
);

describe('AddressMatcher', () => {
  it('finds the kelurahan an address names, however it is written', () => {
    for (const address of [
      'Jl. Kebon Sirih 22, Kel. Kebon Sirih, Kec. Menteng, Jakpus',
      'jl kebon sirih no 22 kelurahan kebon sirih menteng jakarta pusat',
      'Gg. Mawar RT 02/RW 05, KEBON SIRIH, Menteng',
    ]) {
      expect({ address, found: matcher.match(address).kelurahanCode }).toEqual({
        address,
        found: '31.71.06.1005',
      });
    }
  });

  it('tells a kelurahan from the kecamatan of the same name by the words around it', () => {
    expect(matcher.match('Kel. Menteng, Kec. Menteng').kelurahanCode).toBe('31.71.06.1001');
    expect(matcher.match('Jl. Teuku Umar, Kec. Gambir, Kel. Gambir').kelurahanCode).toBe(
      '31.71.01.1001',
    );
  });

  it('names no kelurahan when the text could mean several, and says what to add', () => {
    const match = matcher.match('Antara Kebon Sirih dan Kebon Kacang');
    expect(match.kelurahanCode).toBeNull();
    expect(match.candidates.sort()).toEqual(['31.71.06.1005', '31.71.07.1006']);
    expect(match.reason).toMatch(/name the kecamatan or kota/);
    // A longer name wins over the shorter one inside it.
    expect(matcher.match('Jl. Raya Menteng Dalam, Jakarta Selatan').kelurahanCode).toBe(
      '31.74.01.1003',
    );
  });

  it('refuses a kelurahan that does not lie in the kecamatan or kota named', () => {
    const match = matcher.match('Kel. Kebon Sirih, Kec. Gambir');
    expect(match.kelurahanCode).toBeNull();
    expect(match.reason).toMatch(/does not lie in the kecamatan or kota named/);
  });

  it('finds nothing in an address outside Jakarta', () => {
    const match = matcher.match('Jl. Braga 10, Bandung');
    expect(match.kelurahanCode).toBeNull();
    expect(match.candidates).toEqual([]);
  });
});
