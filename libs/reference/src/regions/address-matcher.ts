export interface AddressRegion {
  code: string;
  name: string;
  level: 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan';
  parentCode: string | null;
}

export interface AddressMatch {
  /** The suggested kelurahan, only when the text identifies exactly one. */
  kelurahanCode: string | null;
  kecamatanCode: string | null;
  kotaCode: string | null;
  /** Kelurahan the text could mean when it does not identify one. */
  candidates: string[];
  reason: string;
}

/** Short forms Jakartans write for the kota, keyed by the distinctive word of the kota's name. */
const KOTA_ALIASES: Record<string, string[]> = {
  pusat: ['jakpus', 'jkt pusat', 'jakarta pusat', 'jp'],
  utara: ['jakut', 'jkt utara', 'jakarta utara'],
  barat: ['jakbar', 'jkt barat', 'jakarta barat'],
  selatan: ['jaksel', 'jkt selatan', 'jakarta selatan'],
  timur: ['jaktim', 'jkt timur', 'jakarta timur'],
  seribu: ['kepulauan seribu', 'kep seribu', 'pulau seribu', 'kepseribu'],
};

type Level = 'kota' | 'kecamatan' | 'kelurahan';
interface Term {
  phrase: string;
  code: string;
  level: Level;
}
interface Hit extends Term {
  start: number;
  end: number;
  /** The text said which level ("Kel. X", "Kec. X"). */
  marked: Level | null;
}

const MARKERS: Record<string, Level> = {
  kel: 'kelurahan',
  kelurahan: 'kelurahan',
  desa: 'kelurahan',
  kec: 'kecamatan',
  kecamatan: 'kecamatan',
  kota: 'kota',
  kab: 'kota',
  kabupaten: 'kota',
};

function normalise(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/**
 * Suggests a kelurahan from free address text ("Jl. X No. 5, Kel. Ragunan, Kec. Pasar Minggu,
 * Jaksel"). Region names are found as whole words, longest first; "Kel."/"Kec." markers say which
 * level a name means where a kecamatan and a kelurahan share it; a kecamatan or kota in the text
 * narrows the choice, and a name that still means several kelurahan is returned as candidates.
 */
export class AddressMatcher {
  private readonly terms: Term[];
  private readonly parents = new Map<string, string | null>();
  private readonly kelurahanOf = new Map<string, string[]>();

  constructor(regions: AddressRegion[]) {
    const terms: Term[] = [];
    for (const region of regions) {
      if (region.level === 'provinsi') continue;
      this.parents.set(region.code, region.parentCode);
      if (region.level === 'kelurahan' && region.parentCode) {
        this.kelurahanOf.set(region.parentCode, [
          ...(this.kelurahanOf.get(region.parentCode) ?? []),
          region.code,
        ]);
      }
      const name = normalise(region.name).trim();
      if (region.level === 'kota') {
        const distinctive = Object.keys(KOTA_ALIASES).find((word) => name.endsWith(word));
        for (const alias of [name, ...(distinctive ? KOTA_ALIASES[distinctive] : [])]) {
          terms.push({ phrase: alias, code: region.code, level: 'kota' });
        }
      } else {
        terms.push({ phrase: name, code: region.code, level: region.level });
      }
    }
    this.terms = terms.sort((a, b) => b.phrase.length - a.phrase.length);
  }

  match(address: string): AddressMatch {
    const hits = this.find(normalise(address));
    const kota = this.pick(hits, 'kota');
    const kecamatanHits = hits.filter(
      (hit) => hit.level === 'kecamatan' && hit.marked !== 'kelurahan',
    );
    // A name marked "Kel." is not the kecamatan of the same name, and vice versa.
    const kecamatan = unique(
      kecamatanHits
        .filter((hit) => !kota || this.within(hit.code, kota))
        .filter((hit) => hit.marked === 'kecamatan' || !this.namedAsKelurahanToo(hit, hits))
        .map((hit) => hit.code),
    );
    const kecamatanCode = kecamatan.length === 1 ? kecamatan[0] : null;
    const kelurahanHits = hits.filter(
      (hit) => hit.level === 'kelurahan' && hit.marked !== 'kecamatan',
    );
    const explicit = kelurahanHits.filter((hit) => hit.marked === 'kelurahan');
    let candidates = unique((explicit.length ? explicit : kelurahanHits).map((hit) => hit.code));
    const scope = kecamatanCode ?? kota;
    const inScope = scope ? candidates.filter((code) => this.within(code, scope)) : candidates;

    if (candidates.length && scope && inScope.length === 0) {
      return {
        kelurahanCode: null,
        kecamatanCode,
        kotaCode: kota ?? this.kotaOf(kecamatanCode),
        candidates,
        reason: 'the kelurahan named does not lie in the kecamatan or kota named',
      };
    }
    candidates = inScope;
    // A name shared by a kecamatan and one of its kelurahan, without "Kel.", means the kecamatan
    // unless nothing else names the kelurahan.
    if (candidates.length > 1) {
      const notKecamatanNames = candidates.filter(
        (code) => !kecamatanHits.some((hit) => hit.phrase === this.phraseOf(code)),
      );
      if (notKecamatanNames.length === 1) candidates = notKecamatanNames;
    }
    if (candidates.length === 1) {
      const kelurahanCode = candidates[0];
      return {
        kelurahanCode,
        kecamatanCode: this.parents.get(kelurahanCode) ?? null,
        kotaCode: this.kotaOf(this.parents.get(kelurahanCode) ?? null),
        candidates: [],
        reason: `kelurahan "${this.phraseOf(kelurahanCode)}" named in the address`,
      };
    }
    if (candidates.length > 1) {
      return {
        kelurahanCode: null,
        kecamatanCode,
        kotaCode: kota ?? this.kotaOf(kecamatanCode),
        candidates,
        reason: 'the address could mean several kelurahan; name the kecamatan or kota',
      };
    }
    return {
      kelurahanCode: null,
      kecamatanCode,
      kotaCode: kota ?? this.kotaOf(kecamatanCode),
      candidates: [],
      reason:
        kecamatanCode || kota
          ? 'the address names a kecamatan or kota but no kelurahan'
          : 'no kelurahan, kecamatan or kota named in the address',
    };
  }

  private find(text: string): Hit[] {
    const hits: Hit[] = [];
    const taken: [number, number][] = [];
    for (const term of this.terms) {
      const needle = ` ${term.phrase} `;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        const start = at + 1;
        const end = start + term.phrase.length;
        // Inside a longer name already found ("Petojo" in "Petojo Utara") it does not count.
        if (taken.some(([s, e]) => start >= s && end <= e && !(s === start && e === end))) continue;
        taken.push([start, end]);
        const before = text.slice(0, start).trim().split(' ').pop() ?? '';
        hits.push({ ...term, start, end, marked: MARKERS[before] ?? null });
      }
    }
    return hits;
  }

  private pick(hits: Hit[], level: Level): string | null {
    const codes = unique(hits.filter((hit) => hit.level === level).map((hit) => hit.code));
    return codes.length === 1 ? codes[0] : null;
  }

  private namedAsKelurahanToo(hit: Hit, hits: Hit[]): boolean {
    return hits.some(
      (other) =>
        other.level === 'kelurahan' && other.start === hit.start && other.marked === 'kelurahan',
    );
  }

  private within(code: string, ancestor: string): boolean {
    return code.startsWith(`${ancestor}.`);
  }

  private kotaOf(code: string | null): string | null {
    return code ? (this.parents.get(code) ?? null) : null;
  }

  private phraseOf(code: string): string {
    return this.terms.find((term) => term.code === code)?.phrase ?? code;
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
